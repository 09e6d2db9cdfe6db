import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type ApplicationLodged,
  type CaseEvent,
  type CaseState,
  CaseStatus,
  CaseTrack,
  type CommandName,
  fold,
  validationRejection,
} from '@saksflyt/domain';
import { SEARCH_ATTRIBUTES, type Settings } from '@saksflyt/temporal';
import { caseWorkflowId, commandUpdates, stateQuery } from '@saksflyt/workflows';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { validationFailure } from '../http/validation';
import {
  CASE_SOURCE,
  PAGE_TOKENS,
  SETTINGS,
  TEMPORAL_CLIENT,
  type TemporalClient,
} from '../temporal-client.provider';
import {
  caseExport,
  type CaseExport,
  caseExportPdf,
  CaseNotClosedError,
  CaseNotFoundError,
  type CaseRecordData,
  CaseSource,
  queryCase,
  type RecordSource,
} from '@saksflyt/audit';
import { type CaseListQuery, visibilityQuery } from './case-list.query';
import type { CaseSummary } from './case-summary';
import type { PageTokens } from './page-tokens';

const notFound = (dufNumber: string) =>
  new NotFoundException({ error: 'NotFound', message: `no case ${dufNumber}` });

/** The cases, as Temporal holds them: one workflow each, listed through its search attributes. */
@Injectable()
export class CasesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: TemporalClient,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CASE_SOURCE) private readonly source: CaseSource,
    @Inject(PAGE_TOKENS) private readonly pageTokens: PageTokens,
  ) {}

  async open(application: ApplicationLodged): Promise<CaseState> {
    try {
      const handle = await startProtectionCase(this.client, application, this.settings.temporal.taskQueue, {
        policyProfile: this.settings.policyProfile,
      });
      return await this.firstState(handle);
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ConflictException({
          error: 'CaseExists',
          message: `a case with DUF number ${application.dufNumber} exists`,
        });
      }
      throw error;
    }
  }

  async list(query: CaseListQuery): Promise<{ items: CaseSummary[]; nextPageToken: string | null }> {
    const { pageToken, pageSize, ...filters } = query;
    const nextPageToken = pageToken === undefined ? undefined : this.pageTokens.open(pageToken);
    if (pageToken !== undefined && !nextPageToken) {
      const { message, issues } = validationRejection('filters', [
        { path: ['pageToken'], message: 'not a page token this API gave out' },
      ]);
      throw validationFailure(message, issues);
    }
    const response = await this.client.workflowService.listWorkflowExecutions({
      namespace: this.settings.temporal.namespace,
      query: visibilityQuery(filters),
      pageSize,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    const next = response.nextPageToken?.length ? this.pageTokens.seal(response.nextPageToken) : null;
    return { items: response.executions.map(summaryOf), nextPageToken: next };
  }

  async count(query: string): Promise<number> {
    return (await this.client.workflow.count(query)).count;
  }

  async state(dufNumber: string): Promise<CaseState> {
    const state = await this.ask(dufNumber, (handle) => queryCase(handle, stateQuery));
    // Notes added after a case closed are on its archived record, not in its completed workflow's state.
    return state.closed ? this.fromRecord(dufNumber, (record) => record.state) : state;
  }

  /** The domain events, from Temporal while the case is there and from the archive after. */
  async events(dufNumber: string): Promise<{ events: CaseEvent[]; source: RecordSource }> {
    return this.fromRecord(dufNumber, ({ events, source }) => ({ events, source }));
  }

  /** The state as it stood after an event (by seq) or at a moment, folded with the same `evolve` as the workflow. */
  async stateAsOf(dufNumber: string, asOf: number | string): Promise<CaseState> {
    const { events } = await this.events(dufNumber);
    const upTo = events.filter((event) =>
      typeof asOf === 'number' ? event.seq <= asOf : Date.parse(event.at) <= Date.parse(asOf),
    );
    const state = fold(upTo);
    if (!state)
      throw new NotFoundException({ error: 'NotFound', message: `case ${dufNumber} did not exist then` });
    return state;
  }

  /** The Temporal history as JSON, as `temporal workflow show --output json` gives it, across continue-as-new runs. */
  async history(dufNumber: string): Promise<{ history: unknown; source: RecordSource }> {
    try {
      const { runs, source } = await this.source.runs(dufNumber);
      const latest = runs.at(-1);
      if (!latest) throw notFound(dufNumber);
      // The latest run's history as the CLI shows it, with every run (continue-as-new makes several) beside it.
      return { history: { ...(latest.history as object), runs }, source };
    } catch (error) {
      if (error instanceof CaseNotFoundError) throw notFound(dufNumber);
      throw error;
    }
  }

  /** A readable record of the case, as JSON or PDF. */
  async export(
    dufNumber: string,
    format: 'json' | 'pdf',
  ): Promise<{ body: Buffer | CaseExport; source: RecordSource }> {
    return this.fromRecord(dufNumber, async (record) => {
      const document = caseExport(record);
      return { body: format === 'pdf' ? await caseExportPdf(document) : document, source: record.source };
    });
  }

  private async fromRecord<T>(
    dufNumber: string,
    use: (record: CaseRecordData) => T | Promise<T>,
  ): Promise<T> {
    try {
      return await use(await this.source.record(dufNumber));
    } catch (error) {
      if (error instanceof CaseNotFoundError) throw notFound(dufNumber);
      throw error;
    }
  }

  async command(
    dufNumber: string,
    name: CommandName,
    payload: Record<string, unknown>,
    actor: Actor,
    updateId?: string,
  ) {
    return this.ask(dufNumber, async (handle) => {
      try {
        // The update's name is the command's (contract §1); the payload was parsed against that command's schema.
        return await handle.executeUpdate<CaseState, [unknown]>(commandUpdates[name].name, {
          args: [{ ...payload, actor }],
          updateId: updateId ?? randomUUID(),
        });
      } catch (error) {
        if (name === 'addNote' && (isGone(error) || refusedAsClosed(error)))
          return this.noteOnClosedCase(dufNumber, payload, actor, updateId, error);
        throw await this.rejectionOf(error, dufNumber);
      }
    });
  }

  /**
   * A closed case's workflow has completed, so a note joins its archived record (issue 14), decided by the same
   * domain `decide`; the Idempotency-Key keys the archive record as it would the Update.
   */
  private async noteOnClosedCase(
    dufNumber: string,
    payload: Record<string, unknown>,
    actor: Actor,
    updateId: string | undefined,
    updateError: unknown,
  ): Promise<CaseState> {
    try {
      const outcome = await this.source.addNoteToClosedCase({
        dufNumber,
        payload: { ...payload, actor },
        ...(updateId ? { requestId: updateId } : {}),
      });
      if (outcome.ok) return outcome.state;
      const { rejection } = outcome;
      if (rejection.error === 'ValidationError') throw validationFailure(rejection.message, rejection.issues);
      throw new ConflictException({ ...rejection });
    } catch (error) {
      if (error instanceof CaseNotFoundError) throw notFound(dufNumber);
      // A workflow ended from outside, its case not closed: nothing takes a note.
      if (error instanceof CaseNotClosedError) throw await this.rejectionOf(updateError, dufNumber);
      throw error;
    }
  }

  private async rejectionOf(error: unknown, dufNumber: string): Promise<unknown> {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const { type, message, details } = error.cause;
      const detail = (details?.[0] ?? {}) as { issues?: []; allowedCommands?: string[]; heldBy?: string };
      if (type === 'ValidationError') return validationFailure(message, detail.issues ?? []);
      if (type === 'InvalidTransition') {
        return new ConflictException({
          error: 'InvalidTransition',
          message,
          allowedCommands: detail.allowedCommands ?? [],
          // An assignment race lost, or a case someone else holds: who holds it (issue 14).
          ...(detail.heldBy ? { heldBy: detail.heldBy } : {}),
        });
      }
    }
    if (isGone(error)) {
      // An update to a closed case: the workflow has completed, so nothing but a note (on the archived record) is
      // allowed any more; a workflow ended from outside takes nothing.
      const ended = await this.client.workflow
        .getHandle(caseWorkflowId(dufNumber))
        .describe()
        .then((description) => description.status.name)
        .catch(() => 'RUNNING');
      if (ended !== 'RUNNING')
        return new ConflictException({
          error: 'InvalidTransition',
          message: 'the case is closed',
          allowedCommands: ended === 'COMPLETED' ? ['addNote'] : [],
        });
      return notFound(dufNumber);
    }
    return error;
  }

  private async ask<T>(dufNumber: string, question: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    try {
      return await question(this.client.workflow.getHandle(caseWorkflowId(dufNumber)));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw notFound(dufNumber);
      throw error;
    }
  }

  /** The state right after the start; the first query waits for the worker's first task. */
  private async firstState(handle: WorkflowHandle): Promise<CaseState> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        return await queryCase(handle, stateQuery);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

/** The case closed and its workflow is finishing (archiving): it takes no Update, a note goes to the archive. */
const refusedAsClosed = (error: unknown): boolean =>
  error instanceof WorkflowUpdateFailedError &&
  error.cause instanceof ApplicationFailure &&
  (error.cause.details?.[0] as { caseClosed?: boolean } | undefined)?.caseClosed === true;

/** The workflow has completed (or Temporal's retention has deleted it): an Update cannot reach it. */
const isGone = (error: unknown): boolean =>
  error instanceof WorkflowNotFoundError || (error as { code?: number }).code === 5;

type RawExecution = Awaited<
  ReturnType<TemporalClient['workflowService']['listWorkflowExecutions']>
>['executions'][number];

function summaryOf(execution: RawExecution): CaseSummary {
  const attributes = decodeTypedSearchAttributes(execution.searchAttributes?.indexedFields);
  const status = attributes.get(SEARCH_ATTRIBUTES.CaseStatus);
  const deadline = attributes.get(SEARCH_ATTRIBUTES.NextDeadline);
  const started = execution.startTime;
  return {
    dufNumber:
      attributes.get(SEARCH_ATTRIBUTES.DufNumber) ??
      (execution.execution?.workflowId ?? '').replace(/^case-/, ''),
    status: CaseStatus.safeParse(status).data ?? null,
    track: CaseTrack.safeParse(attributes.get(SEARCH_ATTRIBUTES.CaseTrack)).data ?? null,
    homeOblast: attributes.get(SEARCH_ATTRIBUTES.HomeOblast) ?? null,
    interviewPriority: attributes.get(SEARCH_ATTRIBUTES.InterviewPriority) ?? false,
    nextDeadline: deadline ? deadline.toISOString() : null,
    startedAt: started?.seconds ? new Date(Number(started.seconds) * 1000).toISOString() : '',
    // Workflow status 1 is RUNNING: any other means the case has closed (or was ended from outside).
    closed: execution.status !== 1,
    workItems: attributes.get(SEARCH_ATTRIBUTES.WorkItems) ?? [],
  };
}
