import { deadlineOf, type CaseState } from '../case-state';
import { allCleared, dublinAccepted, notify, optional, withDeadlines } from './case-changes';
import {
  departureDueAfter,
  dueAfter,
  policyAt,
  underFirstRules,
  type TopicCommands,
  type TopicDeadlines,
  type TopicEvents,
} from './topic';

/**
 * Withdrawal and leaving Norway: an application may be withdrawn until UDI decides; leaving Norway while it waits
 * dismisses it; after a decision to leave, leaving is the duty met; a departure deadline not met is enforced.
 */

/** Before UDI's first-instance decision (or a Dublin transfer decision): the window for a withdrawal. */
const BEFORE_FIRST_DECISION: ReadonlySet<CaseState['status']> = new Set<CaseState['status']>([
  'lodged',
  'awaiting-collective-assessment',
  'individual-assessment',
  'interview-scheduled',
  'awaiting-decision',
]);

/** The first release: leaving Norway dismissed every case not finally decided. */
const BEFORE_FINAL_DECISION: ReadonlySet<CaseState['status']> = new Set<CaseState['status']>([
  ...BEFORE_FIRST_DECISION,
  'dublin-procedure',
  'rejected',
  'appeal-reconsideration',
  'at-une',
]);

/** A decision that obliges the applicant to leave (a rejection, a refusal, a transfer decision, a withdrawal). */
function underDutyToLeave(state: CaseState): boolean {
  if (state.status === 'dublin-procedure') return dublinAccepted(state);
  return !BEFORE_FIRST_DECISION.has(state.status);
}

/** A departure the case waits for: its deadline runs, or the police were told to enforce it. */
function departureExpected(state: CaseState): boolean {
  if (state.status === 'departure-pending' || state.status === 'enforcement') return true;
  if (underFirstRules(state)) return false;
  if (state.status === 'dublin-procedure') return dublinAccepted(state);
  return state.policeEnforcing || deadlineOf(state, 'departure') !== undefined;
}

export const departureCommands = {
  /**
   * The seed: an application may be withdrawn until UDI decides; the applicant must then leave Norway unless they
   * hold another permit, await another application, or have stayed under 90 days in Schengen.
   */
  withdraw: {
    allowed: (state) =>
      BEFORE_FIRST_DECISION.has(state.status) ||
      (state.status === 'dublin-procedure' && state.dublin?.reply?.accepted !== true),
    decide: (state, { receivedAt, exemption }, context) => {
      // The departure deadline counts from the confirmation UDI sends now, not from when the form was received.
      const policy = policyAt(context);
      const days = policy.defaultDepartureDeadlineDays;
      const departureDueAt = exemption
        ? undefined
        : underFirstRules(state)
          ? dueAfter(context.now, { days }, policy)
          : departureDueAfter(context.now, days, policy);
      return [
        {
          type: 'ApplicationWithdrawn',
          data: {
            receivedAt,
            ...optional('exemption', exemption),
            ...optional('departureDueAt', departureDueAt),
            policyVersion: policy.version,
          },
        },
      ];
    },
  },
  /**
   * The seed: "your case will be dismissed if you leave Norway" while it waits to be processed. After a rejection,
   * a refusal or a transfer decision, leaving is what the duty to leave requires: the case is `departed`, and UNE is
   * told when it holds the case (rules version 2; the first release dismissed those too).
   */
  reportLeftNorway: {
    allowed: (state) => (underFirstRules(state) ? BEFORE_FINAL_DECISION.has(state.status) : !state.closed),
    decide: (state, { detectedAt }) => {
      if (underFirstRules(state)) return [{ type: 'LeftNorwayReported', data: { detectedAt } }];
      const dutyToLeaveMet = underDutyToLeave(state);
      return [
        {
          type: 'LeftNorwayReported',
          data: {
            detectedAt,
            ...(dutyToLeaveMet ? { dutyToLeaveMet } : {}),
            ...(state.status === 'at-une' ? { informsUne: true } : {}),
          },
        },
      ];
    },
  },
  /** A departure by the deadline, or on one's own to the responsible Dublin state (then the case is `transferred`). */
  reportDeparture: {
    allowed: departureExpected,
    decide: (state, { departedAt, destination }) => [
      {
        type: 'DepartureReported',
        data: {
          departedAt,
          ...optional('destination', destination),
          ...(state.status === 'at-une' ? { informsUne: true } : {}),
        },
      },
    ],
  },
} satisfies TopicCommands;

/** Where a departure deadline can run out (rules version 2 adds the Dublin track and a pending appeal). */
const ENFORCEABLE = new Set<CaseState['status']>([
  'departure-pending',
  'dublin-procedure',
  'appeal-reconsideration',
  'at-une',
]);

export const departureDeadlines = {
  /** No departure by the deadline: the police enforce it (utl. § 90). */
  departure: (state, deadline) =>
    state.status === 'departure-pending' || (!underFirstRules(state) && ENFORCEABLE.has(state.status))
      ? [{ type: 'DepartureDeadlinePassed', data: { dueAt: deadline.dueAt } }]
      : [],
} satisfies TopicDeadlines;

export const departureEvents = {
  ApplicationWithdrawn: {
    evolve: (state, event) =>
      withDeadlines(
        {
          ...state,
          // Without an exemption the applicant must leave Norway (the seed): the case waits for the departure.
          status: event.data.exemption ? 'withdrawn' : 'departure-pending',
          withdrawal: { receivedAt: event.data.receivedAt, ...optional('exemption', event.data.exemption) },
        },
        allCleared(state, { departure: event.data.departureDueAt }),
      ),
    effects: (event, state) => [
      notify(state, 'withdrawal-confirmed', {
        withDutyToLeave: !event.data.exemption,
        ...optional('departureDueAt', event.data.departureDueAt),
      }),
    ],
  },
  LeftNorwayReported: {
    evolve: (state, event) =>
      event.data.dutyToLeaveMet
        ? {
            ...state,
            status: 'departed',
            leftNorwayAt: event.data.detectedAt,
            departure: { departedAt: event.data.detectedAt },
          }
        : { ...state, status: 'dismissed', leftNorwayAt: event.data.detectedAt },
    effects: (event, state) => [
      ...(event.data.dutyToLeaveMet ? [] : [notify(state, 'case-dismissed')]),
      ...(event.data.informsUne
        ? [
            {
              kind: 'forward-to-une' as const,
              subject: 'left-norway' as const,
              description: 'the applicant has left Norway',
            },
          ]
        : []),
    ],
  },
  DepartureReported: {
    evolve: (state, event) => {
      const departure = {
        departedAt: event.data.departedAt,
        ...optional('destination', event.data.destination),
      };
      // On the Dublin track, travelling on one's own to the responsible state is the transfer (rules version 2).
      if (state.track === 'dublin' && state.dublin && dublinAccepted(state))
        return {
          ...state,
          status: 'transferred',
          departure,
          dublin: { ...state.dublin, transferredAt: event.data.departedAt },
        };
      return { ...state, status: 'departed', departure };
    },
    effects: (event) =>
      event.data.informsUne
        ? [
            {
              kind: 'forward-to-une',
              subject: 'left-norway',
              description: 'the applicant has departed from Norway',
            },
          ]
        : [],
  },
  DepartureDeadlinePassed: {
    evolve: (state) =>
      withDeadlines(
        {
          ...state,
          // During an appeal the case stays where it is; the police are told all the same.
          status:
            state.status === 'departure-pending' || state.status === 'dublin-procedure'
              ? 'enforcement'
              : state.status,
          policeEnforcing: true,
        },
        { departure: undefined },
      ),
    effects: (event, state) => [
      {
        kind: 'notify-police',
        reason: 'departure-deadline-passed',
        dueAt: event.data.dueAt,
        ...(state.track === 'dublin' && !underFirstRules(state)
          ? optional('responsibleState', state.dublin?.responsibleState)
          : {}),
      },
    ],
  },
} satisfies TopicEvents;
