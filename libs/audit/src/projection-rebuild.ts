import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { CaseEvent } from '@saksflyt/domain';
import type { CaseArchive } from './archive';
import type { CaseProjection } from './case-projection';
import { queryCase } from './case-query';

/** What a rebuild did, case by case: where each case's events came from, and the cases it could not read. */
export interface ProjectionRebuildReport {
  cases: number;
  /** Cases whose events came from their Temporal histories (the activities' inputs): no worker needed. */
  fromHistories: number;
  /** Cases started before the projection, read by their `events` query (a worker answered). */
  fromQueries: number;
  /** Cases whose events came from the archive alone (Temporal's retention has deleted them). */
  fromArchive: number;
  /** Cases that could not be read, and why; the projection keeps what it had of them. */
  unreadable: { dufNumber: string; reason: string }[];
}

const dufNumberOf = (workflowId: string) => workflowId.replace(/^case-/, '');

/**
 * `saksflyt projection rebuild`: writes every case Temporal and the archive hold into the projection again. Writes
 * are idempotent by (case, seq), so a rebuild over a live projection (the workers still writing) changes nothing
 * that is right and fills in whatever is missing; to start afresh, drop the projection's two tables first.
 *
 * A case's events come from its Temporal histories where it can: the inputs of the projectCase activities its
 * workflow scheduled, with the events its effects' activities wrote first, are exactly its events, in order, across continue-as-new runs, so no worker is needed. A case
 * started before the projection has none: it is asked by its `events` query (a worker must answer). The archive
 * adds its closed cases (and the notes added after they closed).
 */
export async function rebuildProjection(
  sources: { client: Client; archive: CaseArchive; projection: CaseProjection },
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ProjectionRebuildReport> {
  const { client, archive, projection } = sources;
  const inTemporal: string[] = [];
  for await (const execution of client.workflow.list({ query: "WorkflowType = 'protectionCase'" })) {
    inTemporal.push(execution.workflowId);
  }
  const archived = await archive.dufNumbers();
  const dufNumbers = [...new Set([...inTemporal.map(dufNumberOf), ...archived])];
  const report: ProjectionRebuildReport = {
    cases: dufNumbers.length,
    fromHistories: 0,
    fromQueries: 0,
    fromArchive: 0,
    unreadable: [],
  };
  const temporalCases = new Set(inTemporal.map(dufNumberOf));
  let done = 0;
  for (const dufNumber of dufNumbers) {
    try {
      const record = await archive.latest(dufNumber);
      if (record) await projection.append(dufNumber, record.events);
      if (temporalCases.has(dufNumber)) {
        const fromHistories = await projectedEventsInHistories(client, `case-${dufNumber}`);
        if (fromHistories.length > 0) {
          await projection.append(dufNumber, fromHistories);
          report.fromHistories += 1;
        } else if (!record?.state.closed) {
          const events = await queryCase<CaseEvent[]>(
            client.workflow.getHandle(`case-${dufNumber}`),
            'events',
          );
          await projection.append(dufNumber, events);
          report.fromQueries += 1;
        } else report.fromArchive += 1;
      } else report.fromArchive += 1;
    } catch (error) {
      report.unreadable.push({ dufNumber, reason: error instanceof Error ? error.message : String(error) });
    }
    onProgress((done += 1), dufNumbers.length);
  }
  return report;
}

/** What a case's activity input holds for the projection: the lane's events, or an effect's `projectFirst`. */
interface ProjectedInput {
  events?: unknown[];
  projectFirst?: { events?: unknown[] };
}

/**
 * A case's events as its workflow sent them to the projection: the inputs of its projectCase activities and the
 * `projectFirst` of its effects' activities, over every run (continue-as-new makes several), oldest first, each seq once. Empty for a case started before the projection.
 */
export async function projectedEventsInHistories(client: Client, workflowId: string): Promise<CaseEvent[]> {
  const runs: { runId: string; started: number }[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    runs.push({ runId: execution.runId, started: execution.startTime.getTime() });
  }
  runs.sort((a, b) => a.started - b.started);
  const converter = client.options.loadedDataConverter;
  const bySeq = new Map<number, CaseEvent>();
  for (const { runId } of runs) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      const activity = scheduled?.activityType?.name;
      if (!scheduled || !activity || activity === 'archiveCase') continue;
      const [input] = (await decodeArrayFromPayloads(converter, scheduled.input?.payloads)) as [
        ProjectedInput | undefined,
      ];
      // The lane's own writes, and the events an effect's activity wrote before its effect (`projectFirst`).
      const written = activity === 'projectCase' ? input?.events : input?.projectFirst?.events;
      // Checked, but kept as the workflow sent it: the projection holds the case's own events, byte for byte.
      for (const raw of written ?? []) bySeq.set(CaseEvent.parse(raw).seq, raw as CaseEvent);
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
