import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '@saksflyt/activities';
import type { CaseEvent, CaseState, Effect } from '@saksflyt/domain';

const activities = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    // Retrying cannot mend a wrong configuration or input: such failures are recorded on the case instead.
    nonRetryableErrorTypes: ['ConfigurationError', 'ValidationError'],
  },
});

/** Runs the activity an effect calls for; the key makes every delivery happen once, however often it is retried. */
export async function carryOut(
  effect: Effect,
  seq: number,
  index: number,
  state: CaseState,
  events: CaseEvent[],
) {
  const context = { key: `${workflowInfo().workflowId}:${seq}:${index}`, dufNumber: state.dufNumber };
  switch (effect.kind) {
    case 'notify-applicant': {
      const { kind: _kind, ...notification } = effect;
      return activities.notifyApplicant({ ...context, ...notification });
    }
    case 'assign-lawyer': {
      const { kind: _kind, ...assignment } = effect;
      return activities.assignLawyer({ ...context, ...assignment });
    }
    case 'send-dublin-request': {
      const { kind: _kind, ...request } = effect;
      return activities.sendDublinRequest({ ...context, ...request });
    }
    case 'hand-case-to-une':
      return activities.handCaseToUne({
        ...context,
        casePackage: {
          application: state.application,
          decision: state.decision,
          appeal: state.appeal,
          events,
        },
      });
    case 'notify-police': {
      const { kind: _kind, ...notice } = effect;
      return activities.notifyPolice({ ...context, ...notice });
    }
  }
}

export function failureMessage(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) return `${cause.type ?? 'Error'}: ${cause.message}`;
  return error instanceof Error ? error.message : String(error);
}
