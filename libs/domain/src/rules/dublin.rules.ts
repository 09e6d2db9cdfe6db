import { deadlineOf, type CaseState } from '../case-state';
import type { DeadlineReached } from '../commands';
import type { PolicyVersion } from '../policy';
import { dueAfter, notNow, policyAt, type DecideContext, type Rule, type RuleOutcome } from './rule';

/**
 * The seed: "Unaccompanied minor asylum seekers will only be sent to a different Dublin country if they have
 * family there or if their application has already been processed there" (Dublin III Art. 8).
 */
export const registerDublinCase: Rule<'registerDublinCase'> = (state, payload, context) => {
  if (
    state.application.applicant.unaccompaniedMinor &&
    !payload.familyInResponsibleState &&
    !payload.previouslyProcessedThere
  ) {
    return notNow(
      state,
      'an unaccompanied minor is referred to another Dublin country only with family there or a case already processed there',
    );
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
        ...(payload.familyInResponsibleState === undefined
          ? {}
          : { familyInResponsibleState: payload.familyInResponsibleState }),
        ...(payload.previouslyProcessedThere === undefined
          ? {}
          : { previouslyProcessedThere: payload.previouslyProcessedThere }),
        replyDueAt: dueAfter(context.now, period, policy),
        policyVersion: policy.version,
      },
    },
  ];
};

/** An acceptance is a transfer decision: it can be appealed within the appeal period, and the transfer period runs. */
function replyRecorded(
  accepted: boolean,
  repliedAt: string,
  implicit: boolean,
  context: DecideContext,
): RuleOutcome {
  const policy = policyAt(context);
  return [
    {
      type: 'DublinReplyRecorded',
      data: {
        accepted,
        repliedAt,
        implicit,
        ...(accepted
          ? {
              appealDueAt: dueAfter(context.now, policy.appealPeriod, policy),
              transferDueAt: dueAfter(repliedAt, policy.dublin.transfer, policy),
            }
          : {}),
        policyVersion: policy.version,
      },
    },
  ];
}

export const recordDublinReply: Rule<'recordDublinReply'> = (_state, { accepted, repliedAt }, context) =>
  replyRecorded(accepted, repliedAt, false, context);

/** Silence until the reply deadline is acceptance (Dublin III Art. 22(7), 25(2)). */
export function dublinReplyDeadlineReached(deadline: DeadlineReached, context: DecideContext): RuleOutcome {
  return replyRecorded(true, deadline.dueAt, true, context);
}

function transferPeriodStart(state: CaseState): string | undefined {
  const suspendedUntilUne =
    state.appeal?.against === 'dublin-transfer' && state.appeal.requestsSuspensiveEffect;
  return suspendedUntilUne ? state.appeal?.une?.decidedAt : state.dublin?.reply?.repliedAt;
}

function transferPeriod(policy: PolicyVersion, extendedFor: 'imprisonment' | 'absconding' | undefined) {
  if (extendedFor === 'imprisonment') return policy.dublin.transferAfterImprisonment;
  if (extendedFor === 'absconding') return policy.dublin.transferAfterAbsconding;
  return policy.dublin.transfer;
}

/** Dublin III Art. 29(2): up to one year after imprisonment, up to 18 months if the person absconds. */
export const extendDublinTransferDeadline: Rule<'extendDublinTransferDeadline'> = (
  state,
  { reason },
  context,
) => {
  const start = transferPeriodStart(state);
  const current = deadlineOf(state, 'dublin-transfer');
  if (!start || !current) return notNow(state, 'the transfer period is not running');
  const policy = policyAt(context, start);
  const transferDueAt = dueAfter(start, transferPeriod(policy, reason), policy);
  if (transferDueAt <= current.dueAt) {
    return notNow(
      state,
      `the transfer deadline already runs until ${current.dueAt}, later than ${reason} allows`,
    );
  }
  return [
    {
      type: 'DublinTransferDeadlineExtended',
      data: { reason, transferDueAt, policyVersion: policy.version },
    },
  ];
};

/** The transfer period after a final appeal decision with suspensive effect, for the UNE decision to record. */
export function transferDueAfterUne(
  state: CaseState,
  decidedAt: string,
  context: DecideContext,
): string | undefined {
  if (!state.appeal?.requestsSuspensiveEffect) return deadlineOf(state, 'dublin-transfer')?.dueAt;
  const policy = policyAt(context, decidedAt);
  return dueAfter(decidedAt, transferPeriod(policy, state.dublin?.extendedFor), policy);
}

export const recordDublinTransfer: Rule<'recordDublinTransfer'> = (_state, { transferredAt }) => [
  { type: 'DublinTransferred', data: { transferredAt } },
];

/** The transfer period lapsed: responsibility passes to Norway (Dublin III Art. 29(2)). */
export function dublinTransferDeadlineReached(deadline: DeadlineReached): RuleOutcome {
  return [{ type: 'DublinTransferDeadlineLapsed', data: { dueAt: deadline.dueAt } }];
}
