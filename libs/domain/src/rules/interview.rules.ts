import type { DeadlineReached } from '../commands';
import { dayLengthMs, invalid, policyAt, type Rule, type RuleOutcome } from './rule';
import type { CaseState } from '../case-state';

/** An invitation (or a new time for it); the applicant is reminded a few days before, when there is time to. */
export const inviteToInterview: Rule<'inviteToInterview'> = (state, payload, context) => {
  if (Date.parse(payload.scheduledAt) <= Date.parse(context.now)) {
    return invalid('scheduledAt', 'an interview is scheduled for a time still to come');
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
        ...(Date.parse(reminderAt) > Date.parse(context.now) ? { reminderAt } : {}),
        rescheduled: state.status === 'interview-scheduled',
      },
    },
  ];
};

export const recordInterview: Rule<'recordInterview'> = (_state, { outcome, heldAt }) => [
  { type: 'InterviewRecorded', data: { outcome, heldAt } },
];

export function interviewReminderReached(state: CaseState, _deadline: DeadlineReached): RuleOutcome {
  return state.interview
    ? [{ type: 'InterviewReminderSent', data: { scheduledAt: state.interview.scheduledAt } }]
    : [];
}
