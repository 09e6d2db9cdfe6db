import { deadlineOf, type CaseState } from '../case-state';
import type { PolicyVersion } from '../policy';
import type { TransferExtensionReason } from '../vocabulary';
import {
  dublinAccepted,
  norwayTakesTheCase,
  notify,
  optional,
  requireDublin,
  withDeadlines,
} from './case-changes';
import { dublinRequestDueAt } from './registration';
import {
  dublinLimit,
  invalid,
  notNow,
  policyAt,
  underFirstRules,
  type DecideContext,
  type RuleOutcome,
  type TopicCommands,
  type TopicDeadlines,
  type TopicEvents,
} from './topic';

/**
 * Dublin III: another state may be responsible. UDI asks it within the request period, its silence is acceptance,
 * an acceptance is a transfer decision that can be appealed, and the transfer must happen within the transfer
 * period, or responsibility passes to Norway. Dublin limits count every calendar day (Art. 42).
 */

/** Where a Dublin request may be made from: before UDI's decision on the application (rules version 2). */
const BEFORE_DECISION_ON_THE_MERITS = new Set<CaseState['status']>([
  'individual-assessment',
  'interview-scheduled',
  'awaiting-decision',
]);

/** A transfer the appeal holds back: suspensive effect asked and not yet decided, or granted. */
export function transferSuspended(state: CaseState): boolean {
  const appeal = state.appeal;
  if (appeal?.against !== 'dublin-transfer' || appeal.une) return false;
  if (underFirstRules(state)) return appeal.requestsSuspensiveEffect;
  return appeal.suspensiveEffect ? appeal.suspensiveEffect.granted : appeal.requestsSuspensiveEffect;
}

/** The transfer period runs from acceptance, or from the final appeal decision when the appeal suspended it (Art. 29(1)). */
function transferPeriodStart(state: CaseState): string | undefined {
  const suspendedUntilUne =
    state.appeal?.against === 'dublin-transfer' &&
    (underFirstRules(state)
      ? state.appeal.requestsSuspensiveEffect
      : state.appeal.suspensiveEffect?.granted === true);
  return suspendedUntilUne ? state.appeal?.une?.decidedAt : state.dublin?.reply?.repliedAt;
}

function transferPeriod(policy: PolicyVersion, extendedFor: TransferExtensionReason | undefined) {
  if (extendedFor === 'imprisonment') return policy.dublin.transferAfterImprisonment;
  if (extendedFor === 'absconding') return policy.dublin.transferAfterAbsconding;
  return policy.dublin.transfer;
}

/** The transfer period after a final appeal decision with suspensive effect, for the UNE decision to record. */
export function transferDueAfterUne(
  state: CaseState,
  decidedAt: string,
  context: DecideContext,
): string | undefined {
  const suspended = underFirstRules(state)
    ? state.appeal?.requestsSuspensiveEffect
    : state.appeal?.suspensiveEffect?.granted;
  if (!suspended) return deadlineOf(state, 'dublin-transfer')?.dueAt;
  const policy = policyAt(context, decidedAt);
  return dublinLimit(state)(decidedAt, transferPeriod(policy, state.dublin?.extendedFor), policy);
}

/** An acceptance is a transfer decision: it can be appealed, and the transfer period runs from it. */
function replyRecorded(
  state: CaseState,
  accepted: boolean,
  repliedAt: string,
  implicit: boolean,
  context: DecideContext,
): RuleOutcome {
  const policy = policyAt(context);
  const due = dublinLimit(state);
  return [
    {
      type: 'DublinReplyRecorded',
      data: {
        accepted,
        repliedAt,
        implicit,
        ...(accepted
          ? {
              // The first release counted the appeal period from here; it now counts from service (fvl. § 29).
              ...(underFirstRules(state)
                ? { appealDueAt: due(context.now, policy.appealPeriod, policy) }
                : {}),
              transferDueAt: due(repliedAt, policy.dublin.transfer, policy),
            }
          : {}),
        policyVersion: policy.version,
      },
    },
  ];
}

/** Where the transfer can still be carried out (rules version 2 adds enforcement and a pending appeal). */
const TRANSFER_STATUSES = new Set<CaseState['status']>([
  'dublin-procedure',
  'enforcement',
  'appeal-reconsideration',
  'at-une',
]);

export const dublinCommands = {
  /**
   * The seed: "Unaccompanied minor asylum seekers will only be sent to a different Dublin country if they have
   * family there or if their application has already been processed there" (Dublin III Art. 8). A request may be
   * made only within the request period (Art. 21(1), 23(2)), later in the case too (a Eurodac hit can come after an
   * invitation), and again after another state refused.
   */
  registerDublinCase: {
    allowed: (state) =>
      underFirstRules(state)
        ? state.status === 'individual-assessment' && !state.dublin
        : BEFORE_DECISION_ON_THE_MERITS.has(state.status) &&
          (!state.dublin || state.dublin.reply?.accepted === false),
    decide: (state, payload, context) => {
      if (
        state.application.applicant.unaccompaniedMinor &&
        !payload.familyInResponsibleState &&
        !payload.previouslyProcessedThere
      ) {
        return notNow(state, 'unaccompaniedMinorStays');
      }
      if (!underFirstRules(state)) {
        if (payload.eurodacHitAt && Date.parse(payload.eurodacHitAt) > Date.parse(context.now))
          return invalid('eurodacHitAt', 'eurodacHitInTheFuture');
        const registrationHit = state.registration?.eurodacHit ? state.registration.registeredAt : undefined;
        const hitAt = payload.eurodacHitAt ?? (payload.eurodacHit ? registrationHit : undefined);
        if (payload.eurodacHit && !hitAt) return invalid('eurodacHitAt', 'eurodacHitTimeNeeded');
        const requestDueAt = dublinRequestDueAt(state, context, hitAt);
        if (Date.parse(context.now) > Date.parse(requestDueAt))
          return notNow(state, 'dublinRequestPeriodEnded', { dueAt: requestDueAt });
      }
      const policy = policyAt(context);
      const period =
        payload.procedure === 'take-charge'
          ? policy.dublin.takeChargeReply
          : payload.eurodacHit
            ? policy.dublin.takeBackReplyOnEurodacHit
            : policy.dublin.takeBackReply;
      return [
        {
          type: 'DublinCaseRegistered',
          data: {
            responsibleState: payload.responsibleState,
            procedure: payload.procedure,
            eurodacHit: payload.eurodacHit,
            ...optional('eurodacHitAt', payload.eurodacHitAt),
            ...optional('familyInResponsibleState', payload.familyInResponsibleState),
            ...optional('previouslyProcessedThere', payload.previouslyProcessedThere),
            replyDueAt: dublinLimit(state)(context.now, period, policy),
            policyVersion: policy.version,
          },
        },
      ];
    },
  },
  recordDublinReply: {
    allowed: (state) => state.status === 'dublin-procedure' && state.dublin?.reply === undefined,
    decide: (state, { accepted, repliedAt }, context) =>
      replyRecorded(state, accepted, repliedAt, false, context),
  },
  /** Dublin III Art. 29(2): up to one year after imprisonment, up to 18 months if the person absconds. */
  extendDublinTransferDeadline: {
    allowed: (state) =>
      underFirstRules(state)
        ? state.status === 'dublin-procedure' && dublinAccepted(state)
        : // Also while UNE holds the appeal (the transfer period runs on unless the appeal suspended it).
          TRANSFER_STATUSES.has(state.status) &&
          dublinAccepted(state) &&
          deadlineOf(state, 'dublin-transfer') !== undefined,
    decide: (state, { reason }, context) => {
      const start = transferPeriodStart(state);
      const current = deadlineOf(state, 'dublin-transfer');
      if (!start || !current) return notNow(state, 'transferPeriodNotRunning');
      const policy = policyAt(context, start);
      const transferDueAt = dublinLimit(state)(start, transferPeriod(policy, reason), policy);
      if (transferDueAt <= current.dueAt) {
        return notNow(state, 'transferDeadlineAlreadyLater', { dueAt: current.dueAt, reason });
      }
      return [
        {
          type: 'DublinTransferDeadlineExtended',
          data: { reason, transferDueAt, policyVersion: policy.version },
        },
      ];
    },
  },
  /** An appeal to UNE does not normally stop a transfer (the seed); one the appeal suspends waits for it. */
  recordDublinTransfer: {
    allowed: (state) =>
      underFirstRules(state)
        ? (state.status === 'dublin-procedure' || state.status === 'at-une') && dublinAccepted(state)
        : TRANSFER_STATUSES.has(state.status) && dublinAccepted(state) && !transferSuspended(state),
    decide: (_state, { transferredAt }) => [{ type: 'DublinTransferred', data: { transferredAt } }],
  },
} satisfies TopicCommands;

export const dublinDeadlines = {
  /** Silence until the reply deadline is acceptance (Dublin III Art. 22(7), 25(2)). */
  'dublin-reply': (state, deadline, context) => replyRecorded(state, true, deadline.dueAt, true, context),
  /** The transfer period lapsed: responsibility passes to Norway (Dublin III Art. 29(2)). */
  'dublin-transfer': (state, deadline) => [
    {
      type: 'DublinTransferDeadlineLapsed',
      data: {
        dueAt: deadline.dueAt,
        ...(state.policeEnforcing && !underFirstRules(state) ? { stopsEnforcement: true } : {}),
      },
    },
  ],
  /** No request in time: Norway is responsible (Art. 21(1), 23(2)); the caseworker saw it coming in the list. */
  'dublin-request': (_state, deadline) => [
    { type: 'DublinRequestPeriodEnded', data: { dueAt: deadline.dueAt } },
  ],
} satisfies TopicDeadlines;

export const dublinEvents = {
  DublinCaseRegistered: {
    evolve: (state, event) =>
      withDeadlines(
        {
          ...state,
          status: 'dublin-procedure',
          track: 'dublin',
          dublin: {
            responsibleState: event.data.responsibleState,
            procedure: event.data.procedure,
            eurodacHit: event.data.eurodacHit,
            requestedAt: event.at,
            norwayResponsible: false,
          },
        },
        // A Dublin case is not interviewed on the merits: a planned interview's reminder stops.
        {
          'dublin-reply': event.data.replyDueAt,
          'dublin-request': undefined,
          'interview-reminder': undefined,
        },
      ),
    effects: (event, state) => [
      {
        kind: 'send-dublin-request',
        responsibleState: event.data.responsibleState,
        procedure: event.data.procedure,
        eurodacHit: event.data.eurodacHit,
        replyDueAt: event.data.replyDueAt,
      },
      notify(state, 'dublin-case-registered', { responsibleState: event.data.responsibleState }),
    ],
  },
  DublinReplyRecorded: {
    evolve: (state, event) => {
      const dublin = requireDublin(state);
      const reply = {
        accepted: event.data.accepted,
        repliedAt: event.data.repliedAt,
        implicit: event.data.implicit,
      };
      if (!event.data.accepted) {
        // Refused: Norway is responsible unless another state is asked while the request period allows.
        return withDeadlines(norwayTakesTheCase({ ...state, dublin: { ...dublin, reply } }), {
          'dublin-request': state.dublinRequestDueAt,
        });
      }
      return withDeadlines(
        {
          ...state,
          dublin: { ...dublin, reply },
          appealable: { against: 'dublin-transfer', decidedAt: event.at },
        },
        {
          'dublin-reply': undefined,
          appeal: event.data.appealDueAt,
          'dublin-transfer': event.data.transferDueAt,
        },
      );
    },
    effects: (event, state) => {
      if (!event.data.accepted) return [notify(state, 'assessed-individually', {})];
      const appealDueAt = event.data.appealDueAt ?? '';
      return [
        notify(state, 'dublin-transfer-decided', {
          responsibleState: state.dublin?.responsibleState ?? '',
          appealDueAt,
          ...optional('transferDueAt', event.data.transferDueAt),
        }),
        {
          kind: 'assign-lawyer',
          against: 'dublin-transfer',
          decision: {
            outcome: 'transfer',
            grounds: `Dublin: ${state.dublin?.responsibleState} is responsible`,
            decidedAt: event.at,
            appealDueAt,
          },
        },
      ];
    },
  },
  DublinTransferDeadlineExtended: {
    evolve: (state, event) =>
      withDeadlines(
        { ...state, dublin: { ...requireDublin(state), extendedFor: event.data.reason } },
        { 'dublin-transfer': event.data.transferDueAt },
      ),
  },
  DublinTransferDeadlineLapsed: {
    evolve: (state) => norwayTakesTheCase(state),
    effects: (event, state) => [
      notify(state, 'assessed-individually', {}),
      ...(event.data.stopsEnforcement
        ? [
            {
              kind: 'notify-police' as const,
              reason: 'enforcement-stopped' as const,
              dueAt: event.data.dueAt,
            },
          ]
        : []),
    ],
  },
  DublinTransferred: {
    evolve: (state, event) => ({
      ...state,
      status: 'transferred',
      dublin: { ...requireDublin(state), transferredAt: event.data.transferredAt },
    }),
  },
  DublinRequestPeriodEnded: {
    evolve: (state) => withDeadlines(state, { 'dublin-request': undefined }),
  },
} satisfies TopicEvents;
