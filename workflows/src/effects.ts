import {
  ActivityFailure,
  ApplicationFailure,
  log,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities, DeliveryReceipt, EffectCall, EffectOutcome } from '@saksflyt/activities';
import type { CaseEvent, CaseState, Effect } from '@saksflyt/domain';

/**
 * The activities heartbeat while they run (activities' keep-alive): a worker that dies mid-delivery is noticed
 * after this long, and the delivery retried elsewhere, rather than after the start-to-close timeout.
 */
const HEARTBEAT_TIMEOUT = '10 seconds';

const activities = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    // Retrying cannot mend a wrong configuration or input: such failures are recorded on the case instead.
    nonRetryableErrorTypes: ['ConfigurationError', 'ValidationError'],
  },
});

/**
 * The activity an effect calls for, and its input; the key makes every delivery happen once, however often it is
 * retried (`${workflowId}:${seq}:${index}`).
 */
export function effectCall(
  effect: Effect,
  seq: number,
  index: number,
  state: CaseState,
  events: CaseEvent[],
): EffectCall {
  const context = { key: `${workflowInfo().workflowId}:${seq}:${index}`, dufNumber: state.dufNumber };
  switch (effect.kind) {
    case 'notify-applicant': {
      const { kind: _kind, ...notification } = effect;
      return { activity: 'notifyApplicant', input: { ...context, ...notification } };
    }
    case 'assign-lawyer': {
      const { kind: _kind, ...assignment } = effect;
      return { activity: 'assignLawyer', input: { ...context, ...assignment } };
    }
    case 'send-dublin-request': {
      const { kind: _kind, ...request } = effect;
      return { activity: 'sendDublinRequest', input: { ...context, ...request } };
    }
    case 'hand-case-to-une':
      return {
        activity: 'handCaseToUne',
        input: {
          ...context,
          casePackage: {
            application: state.application,
            decision: state.decision,
            appeal: state.appeal,
            events,
          },
        },
      };
    case 'notify-police': {
      const { kind: _kind, ...notice } = effect;
      return { activity: 'notifyPolice', input: { ...context, ...notice } };
    }
    case 'forward-to-une': {
      const { kind: _kind, ...forwarded } = effect;
      return { activity: 'forwardToUne', input: { ...context, ...forwarded } };
    }
    case 'forward-original-to-police':
      return {
        activity: 'forwardOriginalToPolice',
        input: { ...context, description: effect.description },
      };
  }
}

/** The change's events, which the activity writes to the projection before its effects (issue 17). */
const projectingFirst = (dufNumber: string, projectFirst: CaseEvent[] | undefined) =>
  projectFirst ? { projectFirst: { dufNumber, events: projectFirst } } : {};

/** Runs the activity an effect calls for, as an activity of its own. */
export async function carryOut(
  effect: Effect,
  seq: number,
  index: number,
  state: CaseState,
  events: CaseEvent[],
  projectFirst?: CaseEvent[],
): Promise<DeliveryReceipt> {
  const { activity, input } = effectCall(effect, seq, index, state, events);
  const run = activities[activity] as (input: object) => Promise<DeliveryReceipt>;
  return run({ ...input, ...projectingFirst(state.dufNumber, projectFirst) });
}

/** Runs several effects in one activity (`carryOutEffects`): each one's receipt, or why it failed for good. */
export async function carryOutTogether(
  calls: EffectCall[],
  state: CaseState,
  projectFirst?: CaseEvent[],
): Promise<EffectOutcome[]> {
  return activities.carryOutEffects({
    dufNumber: state.dufNumber,
    calls,
    ...projectingFirst(state.dufNumber, projectFirst),
  });
}

const archiving = proxyActivities<CaseActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: ['ConfigurationError'],
  },
});

/**
 * The last step of a closed case: copy it into the archive, so that it outlives Temporal's retention. The archived
 * history ends here; what follows (this activity's result, the completion) decides nothing. A lasting failure is
 * logged and the case still completes: `saksflyt audit archive` can copy it later, while Temporal still has it.
 */
export async function archiveOnClose(state: CaseState): Promise<void> {
  try {
    await archiving.archiveCase({ dufNumber: state.dufNumber, reason: 'case-closed' });
  } catch (error) {
    log.error('the closed case could not be archived', {
      dufNumber: state.dufNumber,
      error: failureMessage(error),
    });
  }
}

const projecting = proxyActivities<CaseActivities>({
  startToCloseTimeout: '20 seconds',
  // A projection store that is down must not hold the case's deadlines and deliveries: after a minute the write is
  // given up, and its events go with the next one (`projectNewEvents`).
  scheduleToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '15 seconds',
    nonRetryableErrorTypes: ['ValidationError'],
  },
});

/** Writes a case's new events to the read model (issue 17); idempotent by (case, seq). */
export async function projectEvents(dufNumber: string, events: CaseEvent[]): Promise<void> {
  await projecting.projectCase({ dufNumber, events });
}

export function failureMessage(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) return `${cause.type ?? 'Error'}: ${cause.message}`;
  return error instanceof Error ? error.message : String(error);
}
