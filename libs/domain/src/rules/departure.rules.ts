import type { CaseState } from '../case-state';
import type { DeadlineReached } from '../commands';
import { dueAfter, policyAt, type Rule, type RuleOutcome } from './rule';

/**
 * The seed: an application may be withdrawn until UDI decides; the applicant must then leave Norway unless they
 * hold another permit, await another application, or have stayed under 90 days in Schengen.
 */
export const withdraw: Rule<'withdraw'> = (_state, { receivedAt, exemption }, context) => {
  // The departure deadline counts from the confirmation UDI sends now, not from when the form was received.
  const policy = policyAt(context);
  return [
    {
      type: 'ApplicationWithdrawn',
      data: {
        receivedAt,
        ...(exemption
          ? { exemption }
          : { departureDueAt: dueAfter(context.now, { days: policy.defaultDepartureDeadlineDays }, policy) }),
        policyVersion: policy.version,
      },
    },
  ];
};

/** The seed: "your case will be dismissed if you leave Norway" while it is being processed. */
export const reportLeftNorway: Rule<'reportLeftNorway'> = (_state, { detectedAt }) => [
  { type: 'LeftNorwayReported', data: { detectedAt } },
];

export const reportDeparture: Rule<'reportDeparture'> = (_state, { departedAt, destination }) => [
  { type: 'DepartureReported', data: { departedAt, ...(destination ? { destination } : {}) } },
];

/** No departure by the deadline: the police enforce it (utl. § 90). */
export function departureDeadlineReached(state: CaseState, deadline: DeadlineReached): RuleOutcome {
  return state.status === 'departure-pending'
    ? [{ type: 'DepartureDeadlinePassed', data: { dueAt: deadline.dueAt } }]
    : [];
}
