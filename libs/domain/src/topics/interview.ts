import { notify, optional, withDeadlines } from './case-changes';
import {
  dayLengthMs,
  invalid,
  policyAt,
  underFirstRules,
  type TopicCommands,
  type TopicDeadlines,
  type TopicEvents,
} from './topic';

/**
 * The asylum interview: UDI invites (at a private address it calls first, then e-mails the invitation with the
 * travel-reimbursement form), reminds a few days before, and records whether the applicant came.
 */

export const interviewCommands = {
  /** An invitation, or a new time for it; the applicant is reminded a few days before, when there is time to. */
  inviteToInterview: {
    allowed: (state) => state.status === 'individual-assessment' || state.status === 'interview-scheduled',
    decide: (state, payload, context) => {
      if (Date.parse(payload.scheduledAt) <= Date.parse(context.now)) {
        return invalid('scheduledAt', 'interviewInThePast');
      }
      const { phoneCall } = payload;
      if (!underFirstRules(state)) {
        const privateAddress = state.application.applicant.residence.kind === 'private';
        // The seed: "If you live at a private address, UDI will call you first to inform you about the date".
        if (privateAddress && !phoneCall) return invalid('phoneCall', 'phoneCallFirst');
        if (!privateAddress && phoneCall) return invalid('phoneCall', 'receptionTellsResident');
        if (phoneCall && Date.parse(phoneCall.calledAt) > Date.parse(context.now))
          return invalid('phoneCall.calledAt', 'callInTheFuture');
        if (phoneCall && phoneCall.hotelNight && !phoneCall.reached)
          return invalid('phoneCall.hotelNight', 'hotelNightNeedsReach');
      }
      const policy = policyAt(context);
      const reminderAt = new Date(
        Date.parse(payload.scheduledAt) - policy.interviewReminderDaysBefore * dayLengthMs(policy),
      ).toISOString();
      return [
        {
          type: 'InterviewScheduled',
          data: {
            scheduledAt: payload.scheduledAt,
            location: payload.location,
            interpreterLanguage: payload.interpreterLanguage,
            ...optional('phoneCall', phoneCall),
            ...(Date.parse(reminderAt) > Date.parse(context.now) ? { reminderAt } : {}),
            rescheduled: state.status === 'interview-scheduled',
          },
        },
      ];
    },
  },
  /** Facts in order: an interview is not held before the time it was scheduled for; reschedule first. */
  recordInterview: {
    allowed: (state) => state.status === 'interview-scheduled',
    decide: (state, { outcome, heldAt }) => {
      const scheduledAt = state.interview?.scheduledAt;
      if (!underFirstRules(state) && scheduledAt && Date.parse(heldAt) < Date.parse(scheduledAt)) {
        return invalid('heldAt', 'interviewHeldAtOtherTime', { scheduledAt });
      }
      return [{ type: 'InterviewRecorded', data: { outcome, heldAt } }];
    },
  },
} satisfies TopicCommands;

export const interviewDeadlines = {
  'interview-reminder': (state) =>
    state.interview
      ? [{ type: 'InterviewReminderSent', data: { scheduledAt: state.interview.scheduledAt } }]
      : [],
} satisfies TopicDeadlines;

export const interviewEvents = {
  InterviewScheduled: {
    evolve: (state, event) =>
      withDeadlines(
        {
          ...state,
          status: 'interview-scheduled',
          interview: {
            scheduledAt: event.data.scheduledAt,
            location: event.data.location,
            interpreterLanguage: event.data.interpreterLanguage,
            reminderSent: false,
            ...optional('phoneCall', event.data.phoneCall),
          },
        },
        { 'interview-reminder': event.data.reminderAt },
      ),
    effects: (event, state) => [
      notify(state, 'interview-invitation', {
        interviewAt: event.data.scheduledAt,
        interviewLocation: event.data.location,
        interpreterLanguage: event.data.interpreterLanguage,
        // The seed: the invitation e-mail "will have a reimbursement form attached", for a private address.
        ...(event.data.phoneCall
          ? { attachTravelReimbursementForm: true, hotelNight: event.data.phoneCall.hotelNight }
          : {}),
      }),
    ],
  },
  InterviewReminderSent: {
    evolve: (state) =>
      withDeadlines(
        { ...state, ...(state.interview ? { interview: { ...state.interview, reminderSent: true } } : {}) },
        { 'interview-reminder': undefined },
      ),
    effects: (_event, state) =>
      state.interview
        ? [
            notify(state, 'interview-reminder', {
              interviewAt: state.interview.scheduledAt,
              interviewLocation: state.interview.location,
            }),
          ]
        : [],
  },
  InterviewRecorded: {
    evolve: (state, event) =>
      withDeadlines(
        {
          ...state,
          // A missed interview sends the case back: UDI may invite again or decide on what it has (rule 7).
          status: event.data.outcome === 'held' ? 'awaiting-decision' : 'individual-assessment',
          ...(state.interview
            ? { interview: { ...state.interview, outcome: event.data.outcome, heldAt: event.data.heldAt } }
            : {}),
          // The priority mark means "invite first": an interview held ends it (rules version 2).
          interviewPriority:
            state.interviewPriority && (underFirstRules(state) || event.data.outcome !== 'held'),
        },
        { 'interview-reminder': undefined },
      ),
  },
} satisfies TopicEvents;
