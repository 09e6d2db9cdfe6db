import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type ApplicationLodged,
  type CaseEvent,
  type CaseNotices,
  type CaseState,
  CaseStatus,
  CaseTrack,
  type CommandName,
  fold,
  validationRejection,
} from '@saksflyt/domain';
import { SEARCH_ATTRIBUTES, type Settings } from '@saksflyt/temporal';
import { caseWorkflowId, commandUpdates, stateQuery } from '@saksflyt/workflows';
import { isCaseWorkflowGone, refusedAsClosed, startProtectionCase } from '@saksflyt/workflows/client';
import {
  decodedAttributes,
  type RawExecution,
  readOrdered,
  workListRowFrom,
} from '@saksflyt/workflows/work-lists';
import { disabledUsernames, type UserStore } from '@saksflyt/accounts';
import { validationFailure } from '../http/validation';
import {
  CASE_SOURCE,
  PAGE_TOKENS,
  SETTINGS,
  TEMPORAL_CLIENT,
  type TemporalClient,
  USER_STORE,
} from '../temporal-client.provider';
import {
  caseExport,
  type CaseExport,
  caseExportPdf,
  type CaseFileLanguage,
  CaseNotClosedError,
  CaseNotFoundError,
  type CaseRecordData,
  CaseSource,
  queryCase,
  type RecordSource,
} from '@saksflyt/audit';
import { type CaseListQuery, visibilityQuery } from './case-list.query';
import { caseNotices } from './case-notices';
import type { CaseSummary } from './case-summary';
import type { PageTokens } from './page-tokens';

/** A 400 naming the one list filter that is wrong. */
function invalidFilter(field: string, message: string) {
  const rejection = validationRejection('filters', [{ path: [field], message }]);
  return validationFailure(rejection.message, rejection.issues);
}

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
    @Inject(USER_STORE) private readonly users: UserStore,
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
          dufNumber: application.dufNumber,
        });
      }
      throw error;
    }
  }

  /**
   * The case list: a visibility query on the search attributes. `viewer` is who `assignedTo=me` means. A person's
   * list is read whole (up to HELD_CASES_LIMIT) and ordered here, since visibility cannot order by a deadline; its
   * page tokens are positions in that order, sealed like Temporal's.
   */
  async list(
    query: CaseListQuery,
    viewer?: string,
  ): Promise<{ items: CaseSummary[]; nextPageToken: string | null; complete?: boolean }> {
    const { pageToken, pageSize, assignedTo, ...rest } = query;
    if (rest.team !== undefined && !this.settings.teams.some((team) => team.id === rest.team)) {
      throw invalidFilter('team', `no team ${rest.team}; GET /api/teams lists them`);
    }
    if (assignedTo === 'me' && !viewer) throw invalidFilter('assignedTo', 'me: no one is signed in');
    const filters = {
      ...rest,
      ...(assignedTo ? { assignedTo: assignedTo === 'me' ? viewer : assignedTo } : {}),
    };
    const disabled = disabledUsernames(this.users);
    const visibility = visibilityQuery(filters, disabled);
    const summary = (execution: RawExecution) => summaryOf(execution, disabled);
    if (filters.assignedTo && filters.assignedTo !== 'none') {
      const offset = pageToken === undefined ? 0 : this.pageTokens.openOffset(pageToken);
      if (offset === undefined) throw invalidFilter('pageToken', 'not a page token this API gave out');
      const { executions, complete } = await readOrdered(
        this.client,
        this.settings.temporal.namespace,
        visibility,
      );
      const end = offset + pageSize;
      return {
        items: executions.slice(offset, end).map(summary),
        nextPageToken: end < executions.length ? this.pageTokens.sealOffset(end) : null,
        complete,
      };
    }
    const nextPageToken = pageToken === undefined ? undefined : this.pageTokens.open(pageToken);
    if (pageToken !== undefined && !nextPageToken)
      throw invalidFilter('pageToken', 'not a page token this API gave out');
    const response = await this.client.workflowService.listWorkflowExecutions({
      namespace: this.settings.temporal.namespace,
      query: visibility,
      pageSize,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    const next = response.nextPageToken?.length ? this.pageTokens.seal(response.nextPageToken) : null;
    return { items: response.executions.map(summary), nextPageToken: next };
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

  /** The notices to the applicant, each with its messages as sent (or composed again), oldest first. */
  async notices(dufNumber: string): Promise<{ notices: CaseNotices; source: RecordSource }> {
    return this.fromRecord(dufNumber, ({ events, source }) => ({
      notices: { items: caseNotices(dufNumber, events) },
      source,
    }));
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

  /** A readable record of the case: JSON as auditors and the archive read it, or the PDF case file in `language`. */
  async export(
    dufNumber: string,
    format: 'json' | 'pdf',
    language: CaseFileLanguage = 'nb',
  ): Promise<{ body: Buffer | CaseExport; source: RecordSource }> {
    return this.fromRecord(dufNumber, async (record) => {
      if (format === 'json') return { body: caseExport(record), source: record.source };
      const archive = await this.source.archivedRecordHash(dufNumber);
      return { body: await caseExportPdf(record, { language, archive }), source: record.source };
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
        if (name === 'addNote' && (isCaseWorkflowGone(error) || refusedAsClosed(error)))
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
      const detail = (details?.[0] ?? {}) as {
        issues?: [];
        allowedCommands?: string[];
        heldBy?: string;
        code?: string;
        params?: object;
      };
      if (type === 'ValidationError') return validationFailure(message, detail.issues ?? []);
      if (type === 'InvalidTransition') {
        return new ConflictException({
          error: 'InvalidTransition',
          message,
          ...(detail.code ? { code: detail.code } : {}),
          ...(detail.params ? { params: detail.params } : {}),
          allowedCommands: detail.allowedCommands ?? [],
          // An assignment race lost, or a case someone else holds: who holds it (issue 14).
          ...(detail.heldBy ? { heldBy: detail.heldBy } : {}),
        });
      }
    }
    if (isCaseWorkflowGone(error)) {
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
          code: 'caseClosed',
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

function summaryOf(execution: RawExecution, disabledHolders: readonly string[]): CaseSummary {
  const attributes = decodedAttributes(execution);
  const row = workListRowFrom(execution, attributes);
  const started = execution.startTime;
  return {
    ...row,
    status: CaseStatus.safeParse(row.status).data ?? null,
    track: CaseTrack.safeParse(attributes.get(SEARCH_ATTRIBUTES.CaseTrack)).data ?? null,
    homeOblast: attributes.get(SEARCH_ATTRIBUTES.HomeOblast) ?? null,
    interviewPriority: attributes.get(SEARCH_ATTRIBUTES.InterviewPriority) ?? false,
    startedAt: started?.seconds ? new Date(Number(started.seconds) * 1000).toISOString() : '',
    // Workflow status 1 is RUNNING: any other means the case has closed (or was ended from outside).
    closed: execution.status !== 1,
    workItems: attributes.get(SEARCH_ATTRIBUTES.WorkItems) ?? [],
    holderDisabled: row.assignedTo !== null && disabledHolders.includes(row.assignedTo),
  };
}
