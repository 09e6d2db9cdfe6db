import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { testDataConverter as dataConverter } from '@saksflyt/testing';

const { EventType } = temporal.api.enums.v1;

/** What a case's Temporal histories (every run, continue-as-new included) say about how it was carried out. */
export interface HistoryAudit {
  runs: number;
  /** Update id → how many times it was accepted, and how many times completed (each must be once). */
  accepted: Map<string, number>;
  completed: Map<string, { times: number; failed: boolean }>;
  workflowTaskFailures: string[];
  workflowTaskTimeouts: number;
  /** How long each completed workflow task took the worker, started to completed, in ms. */
  workflowTaskMs: number[];
  /** Attempts beyond the first, over all activities: Temporal records only the last attempt's start. */
  activityRetries: number;
  /** Each run's history, to replay with today's workflow code. */
  histories: { workflowId: string; history: temporal.api.history.v1.IHistory }[];
}

function millisOf(time: temporal.api.history.v1.IHistoryEvent['eventTime']): number {
  return Number(time?.seconds ?? 0) * 1000 + Math.round((time?.nanos ?? 0) / 1e6);
}

/** Reads every run of a workflow, from its first run along the continue-as-new chain. */
export async function auditHistory(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<HistoryAudit> {
  const audit: HistoryAudit = {
    runs: 0,
    accepted: new Map(),
    completed: new Map(),
    workflowTaskFailures: [],
    workflowTaskTimeouts: 0,
    workflowTaskMs: [],
    activityRetries: 0,
    histories: [],
  };
  for (let runId: string | undefined = firstRunId; runId;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    audit.runs += 1;
    audit.histories.push({ workflowId, history });
    let next: string | undefined;
    const startedAt = new Map<string, number>();
    for (const event of history.events ?? []) {
      switch (event.eventType) {
        case EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
          startedAt.set(String(event.eventId), millisOf(event.eventTime));
          break;
        case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED: {
          const started = startedAt.get(String(event.workflowTaskCompletedEventAttributes?.startedEventId));
          if (started !== undefined) audit.workflowTaskMs.push(millisOf(event.eventTime) - started);
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
          const id = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
          if (id) audit.accepted.set(id, (audit.accepted.get(id) ?? 0) + 1);
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
          const attributes = event.workflowExecutionUpdateCompletedEventAttributes;
          const id = attributes?.meta?.updateId;
          if (!id) break;
          const earlier = audit.completed.get(id);
          audit.completed.set(id, {
            times: (earlier?.times ?? 0) + 1,
            failed: Boolean(earlier?.failed) || Boolean(attributes?.outcome?.failure),
          });
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED: {
          const attributes = event.workflowTaskFailedEventAttributes;
          audit.workflowTaskFailures.push(
            `${workflowId} run ${runId} event ${String(event.eventId)}: ${String(attributes?.cause)} ${attributes?.failure?.message ?? ''}`,
          );
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
          audit.workflowTaskTimeouts += 1;
          break;
        case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
          audit.activityRetries += Math.max(0, (event.activityTaskStartedEventAttributes?.attempt ?? 1) - 1);
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
          next = event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
          break;
      }
    }
    runId = next;
  }
  return audit;
}

/**
 * Replays histories with the given workflow bundle, as a worker does whenever a case is not in its cache (a new
 * worker, an evicted case, a query): a history that does not replay is a case that can no longer move.
 */
export async function replayProblems(
  workflowBundle: { code: string },
  histories: HistoryAudit['histories'],
): Promise<string[]> {
  const problems: string[] = [];
  const replayed = Worker.runReplayHistories({ workflowBundle, dataConverter }, histories);
  for await (const result of replayed) {
    if (result.error) problems.push(`${result.workflowId} run ${result.runId}: ${result.error.message}`);
  }
  return problems;
}
