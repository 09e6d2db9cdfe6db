import { deadlineOf, type CaseState } from '../case-state';
import type { DeadlineReached } from '../commands';
import { transferDueAfterUne } from './dublin.rules';
import { dueAfter, notNow, policyAt, type DecideContext, type Rule, type RuleOutcome } from './rule';

const subject = (state: CaseState) => (state.status === 'rejected' ? 'rejection' : 'dublin-transfer');

/** An appeal must be lodged within the appeal period; posting it before the deadline is enough. */
export const lodgeAppeal: Rule<'lodgeAppeal'> = (state, { lodgedAt, requestsSuspensiveEffect }) => {
  const deadline = deadlineOf(state, 'appeal');
  if (!deadline || Date.parse(lodgedAt) > Date.parse(deadline.dueAt)) {
    return notNow(state, `the appeal deadline ran out at ${deadline?.dueAt ?? 'an earlier time'}`);
  }
  return [{ type: 'AppealLodged', data: { against: subject(state), lodgedAt, requestsSuspensiveEffect } }];
};

/**
 * No appeal in time: the decision is final. After a rejection the departure deadline starts; after a transfer
 * decision the police are told the transfer is due.
 */
export function appealDeadlineReached(
  state: CaseState,
  deadline: DeadlineReached,
  context: DecideContext,
): RuleOutcome {
  const against = subject(state);
  if (against === 'dublin-transfer')
    return [{ type: 'AppealDeadlinePassed', data: { against, dueAt: deadline.dueAt } }];
  const policy = policyAt(context);
  return [
    {
      type: 'AppealDeadlinePassed',
      data: {
        against,
        dueAt: deadline.dueAt,
        departureDueAt: dueAfter(
          context.now,
          { days: state.decision?.departureDeadlineDays ?? policy.defaultDepartureDeadlineDays },
          policy,
        ),
        policyVersion: policy.version,
      },
    },
  ];
}

/** fvl. § 33: UDI considers the appeal first; if it does not reverse, the case goes to UNE. */
export const reconsiderAppeal: Rule<'reconsiderAppeal'> = (_state, { reversed, grounds }) => [
  { type: 'AppealReconsidered', data: { reversed, grounds } },
];

/** UNE's decision is final. */
export const recordUneDecision: Rule<'recordUneDecision'> = (state, payload, context) => {
  const policy = policyAt(context, payload.decidedAt);
  if (payload.outcome === 'granted') {
    return [
      {
        type: 'UneDecisionRecorded',
        data: { outcome: 'granted', decidedAt: payload.decidedAt, policyVersion: policy.version },
      },
    ];
  }
  if (state.appeal?.against === 'dublin-transfer') {
    const transferDueAt = transferDueAfterUne(state, payload.decidedAt, context);
    if (!transferDueAt) return notNow(state, 'the transfer period is not running');
    return [
      {
        type: 'UneDecisionRecorded',
        data: {
          outcome: 'rejected',
          decidedAt: payload.decidedAt,
          transferDueAt,
          policyVersion: policy.version,
        },
      },
    ];
  }
  const days =
    payload.departureDeadlineDays ??
    state.decision?.departureDeadlineDays ??
    policy.defaultDepartureDeadlineDays;
  return [
    {
      type: 'UneDecisionRecorded',
      data: {
        outcome: 'rejected',
        decidedAt: payload.decidedAt,
        // Counted from the notification of UNE's decision, which goes out as it is recorded here.
        departureDueAt: dueAfter(context.now, { days }, policy),
        policyVersion: policy.version,
      },
    },
  ];
};
