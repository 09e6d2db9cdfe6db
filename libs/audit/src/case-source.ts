import { type Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { CaseEvent, CaseState } from '@saksflyt/domain';
import type { ArchivedRun, ArchiveRecord, CaseArchive } from './archive';
import type { ArchivedRecordHash } from './case-export-pdf';
import { queryCase } from './case-query';
import type { CaseProjection } from './case-projection';
import { OPEN_CASES_QUERY } from './open-cases';
import {
  addNoteToArchivedCase,
  CaseNotClosedError,
  type ClosedCaseNote,
  type ClosedCaseNoteOutcome,
} from './closed-case-note';

/**
 * Where a case's record was read: its workflow (by Temporal queries), the archive, or the projection its workflow
 * keeps (issue 17), which answers without a worker.
 */
export type RecordSource = 'temporal' | 'archive' | 'projection';

export class CaseNotFoundError extends Error {
  constructor(readonly dufNumber: string) {
    super(`no case ${dufNumber}, neither in Temporal nor in the archive`);
  }
}

/** The contract's workflow id of a case, and its queries by name (contract §1). */
const workflowIdOf = (dufNumber: string) => `case-${dufNumber}`;
const dufNumberOf = (workflowId: string) => workflowId.replace(/^case-/, '');

export interface CaseRecordData {
  source: RecordSource;
  events: CaseEvent[];
  state: CaseState;
}

/**
 * Where every audit function reads a case: from Temporal while the case is there, and from the archive once
 * Temporal's retention has deleted it.
 */
export class CaseSource {
  constructor(
    private readonly client: Client,
    private readonly archive: CaseArchive,
    /** The read model (issue 17): read first, so a case with a projection needs no worker to be read. */
    readonly projection?: CaseProjection,
  ) {}

  async record(dufNumber: string): Promise<CaseRecordData> {
    const projected = await this.projected(dufNumber);
    if (projected) return projected;
    const live = await this.live(dufNumber);
    if (!live) {
      const archived = await this.archived(dufNumber);
      return { source: 'archive', events: archived.events, state: archived.state };
    }
    if (live.state.closed) {
      // Notes added after the workflow completed are only in the archive: its record is then the longer one.
      const archived = await this.archivedIfLonger(dufNumber, live.state);
      if (archived) return { source: 'archive', events: archived.events, state: archived.state };
    }
    return { source: 'temporal', ...live };
  }

  /**
   * The case's newest record in the archive's hash chain (its place, time and hash), for a reader to verify a case
   * file against; undefined while the case has not been archived (an open case normally is not).
   */
  async archivedRecordHash(dufNumber: string): Promise<ArchivedRecordHash | undefined> {
    const latest = await this.archive.latest(dufNumber);
    if (!latest) return undefined;
    return {
      index: latest.index,
      archivedAt: latest.archivedAt,
      hash: latest.hash,
      keyed: latest.keyId !== undefined,
      lastEventSeq: latest.state.lastEventSeq,
    };
  }

  /**
   * A note on a closed case, whose workflow has completed: it joins the case's archived record
   * (`addNoteToArchivedCase`). While Temporal still holds the case, the closed case is archived first if it is not
   * yet (the workflow's own archiving may have failed, or not have run yet): the same record, under the same key.
   * Throws CaseNotClosedError for an open case (its workflow takes the note) and CaseNotFoundError for none.
   */
  async addNoteToClosedCase(note: ClosedCaseNote): Promise<ClosedCaseNoteOutcome> {
    const live = await this.live(note.dufNumber);
    if (live) {
      if (!live.state.closed) throw new CaseNotClosedError(note.dufNumber);
      const archived = await this.archive.latest(note.dufNumber);
      if (!archived?.state.closed || archived.state.lastEventSeq < live.state.lastEventSeq)
        await archiveCase(this.client, this.archive, note.dufNumber, 'case-closed');
    } else await this.archived(note.dufNumber);
    const outcome = await addNoteToArchivedCase(this.archive, note);
    // The archive holds the evidence; the projection follows it, so that the note reads like any other event.
    if (outcome.ok) await this.projection?.append(note.dufNumber, outcome.record.events);
    return outcome;
  }

  /** Every run's history (continue-as-new makes several), oldest first. */
  async runs(dufNumber: string): Promise<{ source: RecordSource; runs: ArchivedRun[] }> {
    const runs = await temporalRuns(this.client, workflowIdOf(dufNumber));
    if (runs.length > 0) return { source: 'temporal', runs };
    return { source: 'archive', runs: (await this.archived(dufNumber)).runs };
  }

  /** The cases Temporal holds and the cases only the archive still has. */
  async dufNumbers(): Promise<string[]> {
    const inTemporal: string[] = [];
    for await (const execution of this.client.workflow.list({ query: "WorkflowType = 'protectionCase'" })) {
      inTemporal.push(dufNumberOf(execution.workflowId));
    }
    return [...new Set([...inTemporal, ...(await this.archive.dufNumbers())])];
  }

  /** The open cases' DUF numbers, page by page from visibility (`OPEN_CASES_QUERY`). */
  async *openDufNumbers(pageSize = 1000, within?: string): AsyncGenerator<string> {
    const query = within ? `${OPEN_CASES_QUERY} AND (${within})` : OPEN_CASES_QUERY;
    for await (const execution of this.client.workflow.list({ query, pageSize })) {
      yield dufNumberOf(execution.workflowId);
    }
  }

  /**
   * An open case's events alone, from its workflow: what judging the case again needs (its state is their fold).
   * Throws CaseNotFoundError once Temporal no longer has the case.
   */
  async liveEvents(dufNumber: string): Promise<CaseEvent[]> {
    const projected = await this.projection?.record(dufNumber);
    if (projected && !projected.state.closed) return projected.events;
    try {
      return await queryCase<CaseEvent[]>(this.client.workflow.getHandle(workflowIdOf(dufNumber)), 'events');
    } catch (error) {
      if (isGone(error)) throw new CaseNotFoundError(dufNumber);
      throw error;
    }
  }

  /** The case's state as the projection has it (see `projected`), without its events; undefined as there. */
  async projectedState(dufNumber: string): Promise<CaseState | undefined> {
    const state = await this.projection?.state(dufNumber);
    if (!state?.closed) return state;
    return (await this.archivedIfLonger(dufNumber, state))?.state ?? state;
  }

  /**
   * The case as the projection has it; for a closed case, the archive's record instead when that is longer (a note
   * added after the case closed and was archived, before the projection took it). Undefined when the projection does
   * not have the case (none is configured, or the case is older than the projection and not rebuilt into it).
   */
  private async projected(dufNumber: string): Promise<CaseRecordData | undefined> {
    const projected = await this.projection?.record(dufNumber);
    if (!projected) return undefined;
    if (projected.state.closed) {
      const archived = await this.archivedIfLonger(dufNumber, projected.state);
      if (archived) return { source: 'archive', events: archived.events, state: archived.state };
    }
    return { source: 'projection', ...projected };
  }

  /** The case's events and state from its workflow, or undefined once Temporal no longer has it. */
  private async live(dufNumber: string): Promise<{ events: CaseEvent[]; state: CaseState } | undefined> {
    try {
      return await liveRecord(this.client.workflow.getHandle(workflowIdOf(dufNumber)));
    } catch (error) {
      if (!isGone(error)) throw error;
      return undefined;
    }
  }

  /** The closed case's archived record when it is longer than `than` (notes added after the case closed). */
  private async archivedIfLonger(dufNumber: string, than: CaseState): Promise<ArchiveRecord | undefined> {
    const archived = await this.archive.latest(dufNumber);
    return archived && archived.state.lastEventSeq > than.lastEventSeq ? archived : undefined;
  }

  private async archived(dufNumber: string): Promise<ArchiveRecord> {
    const record = await this.archive.latest(dufNumber);
    if (!record) throw new CaseNotFoundError(dufNumber);
    return record;
  }
}

/** The domain events and the state of a running case, by the contract's queries. */
async function liveRecord(handle: WorkflowHandle): Promise<{ events: CaseEvent[]; state: CaseState }> {
  const [events, state] = await Promise.all([
    queryCase<CaseEvent[]>(handle, 'events'),
    queryCase<CaseState>(handle, 'state'),
  ]);
  return { events, state };
}

function isGone(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError || (error as { code?: number }).code === 5;
}

export async function temporalRuns(client: Client, workflowId: string): Promise<ArchivedRun[]> {
  const response = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query: `WorkflowId = '${workflowId}'`,
    pageSize: 1000,
  });
  const runs = response.executions
    .map((execution) => ({
      runId: execution.execution?.runId ?? '',
      started: Number(execution.startTime?.seconds ?? 0),
    }))
    .filter((run) => run.runId)
    .sort((a, b) => a.started - b.started);
  return Promise.all(
    runs.map(async ({ runId }) => ({
      runId,
      history: JSON.parse(
        historyToJSON(await client.workflow.getHandle(workflowId, runId).fetchHistory()),
      ) as unknown,
    })),
  );
}

/**
 * Copies a case from Temporal into the archive: every run's history, the domain events and the state. Idempotent:
 * the key names the case, the reason and how far the case had come.
 */
export async function archiveCase(
  client: Client,
  archive: CaseArchive,
  dufNumber: string,
  reason: 'case-closed' | 'on-demand',
): Promise<ArchiveRecord> {
  const workflowId = workflowIdOf(dufNumber);
  const handle = client.workflow.getHandle(workflowId);
  const [{ events, state }, runs] = await Promise.all([liveRecord(handle), temporalRuns(client, workflowId)]);
  return archive.append({
    reason,
    workflowId,
    dufNumber,
    key: `${workflowId}:${reason}:${state.lastEventSeq}`,
    runs,
    events,
    state,
  });
}
