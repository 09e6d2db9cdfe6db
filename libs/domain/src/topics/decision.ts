import type { CaseState } from '../case-state';
import type { AppealSubject, DecisionOutcome } from '../vocabulary';
import { notify, optional, withDeadlines } from './case-changes';
import {
  dueAfter,
  invalid,
  notNow,
  policyAt,
  underFirstRules,
  type TopicCommands,
  type TopicEvents,
} from './topic';

/**
 * UDI's first-instance decision: a grant, a rejection on the merits, or a refusal to examine because the applicant
 * came through a safe third country (utl. § 32 first paragraph (a)/(d); the seed's point 1). An appealable decision
 * is served (fvl. § 27), and its appeal period runs from service (fvl. § 29).
 */

/** What an appeal against a decision with this outcome is against, or undefined for a grant. */
export function appealSubjectOf(outcome: DecisionOutcome): AppealSubject | undefined {
  if (outcome === 'rejected') return 'rejection';
  if (outcome === 'not-examined-safe-third-country') return 'refusal-to-examine';
  return undefined;
}

const afterNoShow = (state: CaseState) =>
  state.status === 'individual-assessment' && state.interview?.outcome === 'no-show';

export const decisionCommands = {
  /**
   * Under the policy in force on the decision date. Internal protection (utl. § 28 fifth paragraph) is a ground for
   * rejection, and only in an area the policy of the day holds safe. After a no-show UDI may decide on what it has
   * (rule 7); a refusal to examine assesses no need for protection, so it needs no interview.
   */
  decide: {
    allowed: (state) =>
      state.status === 'awaiting-decision' ||
      (!underFirstRules(state) && state.status === 'individual-assessment'),
    decide: (state, payload, context) => {
      const policy = policyAt(context);
      const safeThirdCountry = payload.outcome === 'not-examined-safe-third-country';
      if (underFirstRules(state) && safeThirdCountry)
        return invalid('outcome', 'refusalToExamineUnderCurrentRules');
      if (!underFirstRules(state)) {
        if (state.status === 'individual-assessment' && !safeThirdCountry && !afterNoShow(state))
          return notNow(state, 'meritsAfterInterview');
        if (safeThirdCountry && !payload.returnCountry)
          return invalid('returnCountry', 'returnCountryNeeded');
        if (!safeThirdCountry && payload.returnCountry)
          return invalid('returnCountry', 'returnCountryOnlyWhenNotExamined');
        if (payload.returnCountry && !state.application.staysInSafeCountries.includes(payload.returnCountry))
          return invalid('returnCountry', 'returnCountryNotStayedIn', {
            stayedIn: state.application.staysInSafeCountries,
            returnCountry: payload.returnCountry,
          });
      }
      if (payload.internalProtectionOblast !== undefined) {
        if (payload.outcome !== 'rejected') {
          return invalid('internalProtectionOblast', 'internalProtectionNotForGrant');
        }
        if (!policy.internalProtectionSafeOblasts.includes(payload.internalProtectionOblast)) {
          return invalid('internalProtectionOblast', 'oblastNotSafe', {
            oblast: payload.internalProtectionOblast,
            policyVersion: policy.version,
            safe: policy.internalProtectionSafeOblasts,
          });
        }
      }
      const appealable = appealSubjectOf(payload.outcome) !== undefined;
      return [
        {
          type: 'DecisionMade',
          data: {
            outcome: payload.outcome,
            grounds: payload.grounds,
            ...optional('internalProtectionOblast', payload.internalProtectionOblast),
            ...optional('returnCountry', payload.returnCountry),
            decidedAt: context.now,
            policyVersion: policy.version,
            departureDeadlineDays: payload.departureDeadlineDays ?? policy.defaultDepartureDeadlineDays,
            // The first release counted the appeal period from the decision; it now counts from service.
            ...(appealable && underFirstRules(state)
              ? { appealDueAt: dueAfter(context.now, policy.appealPeriod, policy) }
              : {}),
          },
        },
      ];
    },
  },
  /** fvl. § 29: three weeks from when the decision reached the applicant, through the lawyer, the police, post or online. */
  recordDecisionServed: {
    allowed: (state) =>
      !underFirstRules(state) &&
      state.appealable !== undefined &&
      state.appealable.served === undefined &&
      !state.decisionFinal,
    decide: (state, { servedAt, via }, context) => {
      const appealable = state.appealable;
      if (!appealable) return notNow(state, 'noDecisionToServe');
      if (Date.parse(servedAt) < Date.parse(appealable.decidedAt))
        return invalid('servedAt', 'servedBeforeDecision', { decidedAt: appealable.decidedAt });
      const policy = policyAt(context, servedAt);
      return [
        {
          type: 'DecisionServed',
          data: {
            against: appealable.against,
            servedAt,
            via,
            appealDueAt: dueAfter(servedAt, policy.appealPeriod, policy),
            policyVersion: policy.version,
          },
        },
      ];
    },
  },
} satisfies TopicCommands;

export const decisionEvents = {
  DecisionMade: {
    evolve: (state, event) => {
      const { appealDueAt, ...decision } = event.data;
      const against = appealSubjectOf(decision.outcome);
      const decided = {
        ...state,
        decision,
        // The priority mark means "invite first": a decision ends it (rules version 2).
        interviewPriority: state.interviewPriority && underFirstRules(state),
      };
      if (!against) return { ...decided, status: 'protection-granted', decisionFinal: true };
      return withDeadlines(
        {
          ...decided,
          status: 'rejected',
          decisionFinal: false,
          appealable: { against, decidedAt: decision.decidedAt },
        },
        // No Dublin request after a decision on the application.
        { appeal: appealDueAt, 'dublin-request': undefined },
      );
    },
    effects: (event, state) => {
      const { outcome } = event.data;
      if (outcome === 'not-examined-safe-third-country')
        // No free legal advice for a § 32 (a)/(d) refusal (utlf. § 17-18): no lawyer is assigned.
        return [
          notify(state, 'application-not-examined', {
            ...optional('returnCountry', event.data.returnCountry),
          }),
        ];
      if (outcome !== 'rejected') return [notify(state, 'protection-granted', { outcome })];
      return [
        {
          kind: 'assign-lawyer',
          against: 'rejection',
          decision: {
            outcome,
            grounds: event.data.grounds,
            decidedAt: event.data.decidedAt,
            appealDueAt: event.data.appealDueAt ?? '',
          },
        },
        notify(state, 'application-rejected', { ...optional('appealDueAt', event.data.appealDueAt) }),
      ];
    },
  },
  DecisionServed: {
    evolve: (state, event) => {
      const served = {
        ...state,
        ...(state.appealable
          ? {
              appealable: {
                ...state.appealable,
                served: { servedAt: event.data.servedAt, via: event.data.via },
              },
            }
          : {}),
      };
      // An appeal lodged before service is welcome; then no period is left to run.
      return state.appeal ? served : withDeadlines(served, { appeal: event.data.appealDueAt });
    },
    effects: (event, state) =>
      state.appeal ? [] : [notify(state, 'decision-served', { appealDueAt: event.data.appealDueAt })],
  },
} satisfies TopicEvents;
