import { dueAfter, invalid, policyAt, type Rule } from './rule';

/**
 * UDI's first-instance decision, under the policy in force on the decision date. Internal protection (utl. § 28
 * fifth paragraph) is a ground for rejection, and only in an area the policy of the day holds safe.
 */
export const decide: Rule<'decide'> = (_state, payload, context) => {
  const policy = policyAt(context);
  if (payload.internalProtectionOblast !== undefined) {
    if (payload.outcome !== 'rejected') {
      return invalid(
        'internalProtectionOblast',
        'internal protection is a ground for rejection, not for a grant',
      );
    }
    if (!policy.internalProtectionSafeOblasts.includes(payload.internalProtectionOblast)) {
      return invalid(
        'internalProtectionOblast',
        `${payload.internalProtectionOblast} is not a safe area under policy ${policy.version} ` +
          `(safe: ${policy.internalProtectionSafeOblasts.join(', ')})`,
      );
    }
  }
  const rejected = payload.outcome === 'rejected';
  return [
    {
      type: 'DecisionMade',
      data: {
        outcome: payload.outcome,
        grounds: payload.grounds,
        ...(payload.internalProtectionOblast
          ? { internalProtectionOblast: payload.internalProtectionOblast }
          : {}),
        decidedAt: context.now,
        policyVersion: policy.version,
        departureDeadlineDays: payload.departureDeadlineDays ?? policy.defaultDepartureDeadlineDays,
        // fvl. § 29: three weeks from the notification, which goes out with the decision.
        ...(rejected ? { appealDueAt: dueAfter(context.now, policy.appealPeriod, policy) } : {}),
      },
    },
  ];
};
