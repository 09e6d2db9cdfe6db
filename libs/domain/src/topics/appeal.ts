import { deadlineOf, type CaseState } from '../case-state';
import type { Effect } from '../effects';
import {
  dublinAccepted,
  norwayTakesTheCase,
  notify,
  optional,
  requireAppeal,
  transferDue,
  withDeadlines,
  without,
} from './case-changes';
import { transferDueAfterUne } from './dublin';
import {
  departureDueAfter,
  dueAfter,
  invalid,
  notNow,
  policyAt,
  underFirstRules,
  type DecideContext,
  type TopicCommands,
  type TopicDeadlines,
  type TopicEvents,
} from './topic';

/**
 * The appeal: lodged within three weeks of service (fvl. § 29), in time when posted before the deadline ran out
 * (fvl. § 30), or late when UDI chooses to consider it (fvl. § 31); suspensive effect decided on request (fvl. § 42,
 * utl. § 90); UDI reconsiders (fvl. § 33), and UNE decides finally.
 */

/** Where an appealable decision can still be appealed: before it is final, and after its deadline ran out too. */
const APPEALABLE_STATUSES = new Set<CaseState['status']>([
  'rejected',
  'departure-pending',
  'enforcement',
  'dublin-procedure',
]);

const stopEnforcement: Effect = { kind: 'notify-police', reason: 'enforcement-stopped' };

/** The departure deadline of the case's decision, counted from now (or none while the duty to leave is suspended). */
function departureDueAt(state: CaseState, context: DecideContext, days?: number): string | undefined {
  const policy = policyAt(context);
  return departureDueAfter(
    context.now,
    days ?? state.decision?.departureDeadlineDays ?? policy.defaultDepartureDeadlineDays,
    policy,
  );
}

export const appealCommands = {
  lodgeAppeal: {
    allowed: (state) =>
      state.appealable !== undefined &&
      state.appeal === undefined &&
      APPEALABLE_STATUSES.has(state.status) &&
      (state.status !== 'dublin-procedure' || dublinAccepted(state)),
    decide: (state, { lodgedAt, requestsSuspensiveEffect, lateAppealExcused }, context) => {
      const appealable = state.appealable;
      if (!appealable) return notNow(state, 'noAppealableDecision');
      if (!underFirstRules(state) && Date.parse(lodgedAt) < Date.parse(appealable.decidedAt))
        return invalid('lodgedAt', 'appealBeforeDecision', { decidedAt: appealable.decidedAt });
      const runningDeadline = deadlineOf(state, 'appeal');
      const ranOut = appealable.deadlineRanOutAt;
      let postedBeforeDeadline: string | undefined;
      let excused: { grounds: string } | undefined;
      if (runningDeadline && Date.parse(lodgedAt) > Date.parse(runningDeadline.dueAt)) {
        return notNow(state, 'appealDeadlineRunning', { dueAt: runningDeadline.dueAt });
      }
      if (ranOut) {
        if (Date.parse(lodgedAt) <= Date.parse(ranOut)) {
          // fvl. § 30: handed to a postal operator (or sent) before the deadline ran out is in time.
          postedBeforeDeadline = ranOut;
        } else if (lateAppealExcused) {
          const policy = policyAt(context);
          const limit = dueAfter(appealable.decidedAt, policy.lateAppealLimit, policy);
          if (Date.parse(context.now) > Date.parse(limit))
            return notNow(state, 'lateAppealPastYear', { limit });
          excused = lateAppealExcused;
        } else {
          return notNow(state, 'lateAppealNeedsExcuse', { ranOut, lodgedAt });
        }
      }
      const late = postedBeforeDeadline !== undefined || excused !== undefined;
      // Dublin, no suspensive effect asked: the transfer goes ahead during the appeal (the seed; Art. 27(3)).
      const transferGoesAhead =
        !underFirstRules(state) && appealable.against === 'dublin-transfer' && !requestsSuspensiveEffect;
      const departure =
        transferGoesAhead && deadlineOf(state, 'departure') === undefined && !state.policeEnforcing
          ? departureDueAt(state, context)
          : undefined;
      return [
        {
          type: 'AppealLodged',
          data: {
            against: appealable.against,
            lodgedAt,
            requestsSuspensiveEffect,
            ...optional('postedBeforeDeadline', postedBeforeDeadline),
            ...optional('lateAppealExcused', excused),
            ...(transferGoesAhead
              ? {
                  transferGoesAhead: true,
                  ...optional('departureDueAt', departure),
                  policyVersion: policyAt(context).version,
                }
              : {}),
            ...(late && state.policeEnforcing && !transferGoesAhead ? { stopsEnforcement: true } : {}),
          },
        },
      ];
    },
  },
  /** fvl. § 42, utl. § 90: decided on request; until then nothing is enforced. */
  decideSuspensiveEffect: {
    allowed: (state) =>
      !underFirstRules(state) &&
      (state.status === 'appeal-reconsideration' || state.status === 'at-une') &&
      state.appeal?.requestsSuspensiveEffect === true &&
      state.appeal.suspensiveEffect === undefined,
    decide: (state, { granted, grounds }, context) => {
      const policy = policyAt(context);
      return [
        {
          type: 'SuspensiveEffectDecided',
          data: {
            granted,
            grounds,
            // Refused: the departure deadline runs during the appeal.
            ...(granted ? {} : optional('departureDueAt', departureDueAt(state, context))),
            policyVersion: policy.version,
          },
        },
      ];
    },
  },
  /** fvl. § 33: UDI considers the appeal first; if it does not reverse, the case goes to UNE. */
  reconsiderAppeal: {
    allowed: (state) => state.status === 'appeal-reconsideration',
    decide: (state, { reversed, grounds }) => [
      {
        type: 'AppealReconsidered',
        data: { reversed, grounds, ...(reversed && state.policeEnforcing ? { stopsEnforcement: true } : {}) },
      },
    ],
  },
  /** UNE's decision is final. */
  recordUneDecision: {
    allowed: (state) => state.status === 'at-une',
    decide: (state, payload, context) => {
      const policy = policyAt(context, payload.decidedAt);
      const stops = state.policeEnforcing && !underFirstRules(state) ? { stopsEnforcement: true } : {};
      if (payload.outcome === 'granted') {
        return [
          {
            type: 'UneDecisionRecorded',
            data: {
              outcome: 'granted',
              decidedAt: payload.decidedAt,
              policyVersion: policy.version,
              ...stops,
            },
          },
        ];
      }
      if (state.appeal?.against === 'dublin-transfer') {
        const transferDueAt = transferDueAfterUne(state, payload.decidedAt, context);
        if (!transferDueAt) return notNow(state, 'transferPeriodNotRunning');
        const departure =
          underFirstRules(state) || deadlineOf(state, 'departure') !== undefined || state.policeEnforcing
            ? undefined
            : departureDueAt(state, context, payload.departureDeadlineDays);
        return [
          {
            type: 'UneDecisionRecorded',
            data: {
              outcome: 'rejected',
              decidedAt: payload.decidedAt,
              transferDueAt,
              ...optional('departureDueAt', departure),
              policyVersion: policy.version,
            },
          },
        ];
      }
      const days =
        payload.departureDeadlineDays ??
        state.decision?.departureDeadlineDays ??
        policy.defaultDepartureDeadlineDays;
      const departure = underFirstRules(state)
        ? dueAfter(context.now, { days }, policy)
        : deadlineOf(state, 'departure') !== undefined || state.policeEnforcing
          ? undefined
          : departureDueAfter(context.now, days, policy);
      return [
        {
          type: 'UneDecisionRecorded',
          data: {
            outcome: 'rejected',
            decidedAt: payload.decidedAt,
            // Counted from the notification of UNE's decision, which goes out as it is recorded here.
            ...optional('departureDueAt', departure),
            policyVersion: policy.version,
          },
        },
      ];
    },
  },
} satisfies TopicCommands;

export const appealDeadlines = {
  /**
   * No appeal in time: the decision is final. After a rejection or a refusal to examine the departure deadline
   * starts; after a transfer decision the police are told the transfer is due, and (rules version 2) the applicant
   * has a departure deadline to travel by (the seed).
   */
  appeal: (state, deadline, context) => {
    const against =
      state.appealable?.against ?? (state.status === 'rejected' ? 'rejection' : 'dublin-transfer');
    if (against === 'dublin-transfer' && underFirstRules(state))
      return [{ type: 'AppealDeadlinePassed', data: { against, dueAt: deadline.dueAt } }];
    const policy = policyAt(context);
    const departure = underFirstRules(state)
      ? dueAfter(
          context.now,
          { days: state.decision?.departureDeadlineDays ?? policy.defaultDepartureDeadlineDays },
          policy,
        )
      : departureDueAt(state, context);
    return [
      {
        type: 'AppealDeadlinePassed',
        data: {
          against,
          dueAt: deadline.dueAt,
          ...optional('departureDueAt', departure),
          policyVersion: policy.version,
        },
      },
    ];
  },
} satisfies TopicDeadlines;

export const appealEvents = {
  AppealLodged: {
    evolve: (state, event) => {
      const { against, lodgedAt, requestsSuspensiveEffect } = event.data;
      const late =
        event.data.postedBeforeDeadline !== undefined || event.data.lateAppealExcused !== undefined;
      const appealed: CaseState = {
        ...state,
        status: 'appeal-reconsideration',
        appeal: {
          against,
          lodgedAt,
          registeredAt: event.at,
          requestsSuspensiveEffect,
          ...optional('lateAppealExcused', event.data.lateAppealExcused),
        },
        ...(state.appealable ? { appealable: without(state.appealable, 'deadlineRanOutAt') } : {}),
      };
      if (underFirstRules(state)) {
        // The first release assumed suspensive effect for a Dublin appeal that asked for it.
        const dublinSuspended = against === 'dublin-transfer' && requestsSuspensiveEffect;
        return withDeadlines(
          { ...appealed, decisionFinal: false, ...(late ? { policeEnforcing: false } : {}) },
          {
            appeal: undefined,
            ...(late ? { departure: undefined } : {}),
            ...(dublinSuspended ? { 'dublin-transfer': undefined } : {}),
          },
        );
      }
      if (event.data.transferGoesAhead) {
        return withDeadlines(
          { ...appealed, decisionFinal: false, policeEnforcing: true },
          { appeal: undefined, ...optional('departure', event.data.departureDueAt) },
        );
      }
      // While the appeal (and any request for suspensive effect) waits, nothing is enforced.
      return withDeadlines(
        { ...appealed, decisionFinal: false, policeEnforcing: false },
        { appeal: undefined, departure: undefined },
      );
    },
    effects: (event, state) => [
      ...(event.data.stopsEnforcement ? [stopEnforcement] : []),
      ...(event.data.transferGoesAhead && event.data.departureDueAt ? [transferDue(state)] : []),
    ],
  },
  SuspensiveEffectDecided: {
    evolve: (state, event) => {
      const appeal = {
        ...requireAppeal(state),
        suspensiveEffect: { granted: event.data.granted, grounds: event.data.grounds, decidedAt: event.at },
      };
      if (event.data.granted) {
        // Granted on the Dublin track: the transfer period counts from the final appeal decision (Art. 29(1)).
        return withDeadlines(
          { ...state, appeal },
          appeal.against === 'dublin-transfer' ? { 'dublin-transfer': undefined } : {},
        );
      }
      return withDeadlines(
        { ...state, appeal, policeEnforcing: appeal.against === 'dublin-transfer' },
        { departure: event.data.departureDueAt },
      );
    },
    effects: (event, state) => [
      notify(state, 'suspensive-effect-decided', {
        mayStayDuringAppeal: event.data.granted,
        ...optional('departureDueAt', event.data.departureDueAt),
      }),
      ...(!event.data.granted && state.appeal?.against === 'dublin-transfer' ? [transferDue(state)] : []),
    ],
  },
  AppealDeadlinePassed: {
    evolve: (state, event) => {
      const appealable = state.appealable && { ...state.appealable, deadlineRanOutAt: event.data.dueAt };
      const final = { ...state, decisionFinal: true, ...optional('appealable', appealable) };
      if (event.data.against === 'dublin-transfer') {
        // The police are told the transfer is due.
        return withDeadlines(
          { ...final, policeEnforcing: true },
          { appeal: undefined, ...optional('departure', event.data.departureDueAt) },
        );
      }
      return withDeadlines(
        { ...final, status: 'departure-pending' },
        { appeal: undefined, departure: event.data.departureDueAt },
      );
    },
    effects: (event, state) => (event.data.against === 'dublin-transfer' ? [transferDue(state)] : []),
  },
  AppealReconsidered: {
    evolve: (state, event) => {
      const appeal = {
        ...requireAppeal(state),
        reconsideration: { reversed: event.data.reversed, grounds: event.data.grounds },
      };
      if (!event.data.reversed) return { ...state, status: 'at-une', appeal };
      const reversed = withDeadlines({ ...state, appeal, policeEnforcing: false }, { departure: undefined });
      if (appeal.against === 'dublin-transfer') return norwayTakesTheCase(reversed);
      if (appeal.against === 'refusal-to-examine') return examinedInNorway(reversed);
      return { ...reversed, status: 'protection-granted', decisionFinal: true };
    },
    effects: (event, state) => [
      ...(event.data.stopsEnforcement ? [stopEnforcement] : []),
      ...(event.data.reversed
        ? [notify(state, 'appeal-reversed')]
        : [{ kind: 'hand-case-to-une' as const }, notify(state, 'appeal-sent-to-une')]),
    ],
  },
  UneDecisionRecorded: {
    evolve: (state, event) => {
      const appeal = {
        ...requireAppeal(state),
        une: { outcome: event.data.outcome, decidedAt: event.data.decidedAt },
      };
      const decided = { ...state, appeal, decisionFinal: true };
      if (event.data.outcome === 'granted') {
        const stopped = withDeadlines({ ...decided, policeEnforcing: false }, { departure: undefined });
        if (appeal.against === 'dublin-transfer') return norwayTakesTheCase(stopped);
        if (appeal.against === 'refusal-to-examine') return examinedInNorway(stopped);
        return { ...stopped, status: 'protection-granted' };
      }
      if (appeal.against === 'dublin-transfer') {
        return withDeadlines(
          { ...decided, status: 'dublin-procedure', policeEnforcing: true },
          {
            'dublin-transfer': event.data.transferDueAt,
            ...optional('departure', event.data.departureDueAt),
          },
        );
      }
      // The police already enforce a departure whose deadline ran out during the appeal: the case is in enforcement.
      return withDeadlines(
        { ...decided, status: decided.policeEnforcing ? 'enforcement' : 'departure-pending' },
        event.data.departureDueAt ? { departure: event.data.departureDueAt } : {},
      );
    },
    effects: (event, state) => {
      const departure = deadlineOf(state, 'departure');
      const told = notify(state, 'une-decided', {
        outcome: event.data.outcome,
        ...optional('departureDueAt', departure?.dueAt),
      });
      return [
        told,
        ...(event.data.stopsEnforcement ? [stopEnforcement] : []),
        ...(state.appeal?.against === 'dublin-transfer' && event.data.outcome === 'rejected'
          ? [transferDue(state)]
          : []),
      ];
    },
  },
} satisfies TopicEvents;

/** A refusal to examine fell (reversed by UDI or by UNE): Norway examines the application after all. */
function examinedInNorway(state: CaseState): CaseState {
  return withDeadlines(
    {
      ...without(state, 'appeal', 'appealable', 'decision'),
      status: 'individual-assessment',
      decisionFinal: false,
    },
    { appeal: undefined, departure: undefined },
  );
}
