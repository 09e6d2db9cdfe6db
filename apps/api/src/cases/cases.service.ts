import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
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
import {
  commandContext,
  isCaseWorkflowGone,
  refusedAsClosed,
  startProtectionCase,
} from '@saksflyt/workflows/client';
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
  PERSON_INDEX,
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
  CaseUnansweredError,
  type CaseRecordData,
  CaseSource,
  type PersonIndex,
  PersonSearchError,
  queryCase,
  type RecordSource,
} from '@saksflyt/audit';
import { type CaseListQuery, type ResolvedListFilters, visibilityQuery } from './case-list.query';
import { type CaseListSort, sortedSummaries } from './case-list.sort';
import { caseNotices } from './case-notices';
import type { CaseSummary } from './case-summary';
import type { PageTokens } from './page-tokens';

/** A 400 naming the one list filter that is wrong. */
function invalidFilter(field: string, message: string) {
  const rejection = validationRejection('filters', [{ path: [field], message }]);
  return validationFailure(rejection.message, rejection.issues);
}

/**
 * The most cases a person search answers: a name's every word and a birth date narrow it to a few; a common name
 * alone may match many, and the list says so (`complete: false`).
 */
export const PERSON_SEARCH_LIMIT = 500;

export interface CaseList {
  items: CaseSummary[];
  nextPageToken: string | null;
  /** How many cases the list holds in all: Temporal's count, or the cases read and ordered here. */
  total: number;
  complete?: boolean;
}

/** Who asks for a list: `me` in `assignedTo`, and who searched for a person in the search log. */
export interface Viewer {
  username: string;
  role: string;
}

const notFound = (dufNumber: string) =>
  new NotFoundException({ error: 'NotFound', message: `no case ${dufNumber}` });

/** How long a command waits for a worker to take it before the API answers 503 (the worker may be restarting). */
const COMMAND_ANSWER_MS = 20_000;
/** How long a command's answer waits for the projection to show its events (read-your-writes). */
const READ_YOUR_WRITES_WAIT_MS = 5_000;
/** How long the answer to a new case waits for the worker's first task. */
const FIRST_STATE_WAIT_MS = 10_000;

/** The cases, as Temporal holds them: one workflow each, listed through its search attributes. */
@Injectable()
export class CasesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: TemporalClient,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CASE_SOURCE) private readonly source: CaseSource,
    @Inject(PAGE_TOKENS) private readonly pageTokens: PageTokens,
    @Inject(USER_STORE) private readonly users: UserStore,
    @Inject(PERSON_INDEX) private readonly people: PersonIndex,
  ) {}

  private readonly logger = new Logger(CasesService.name);

  async open(application: ApplicationLodged): Promise<CaseState> {
    try {
      const handle = await startProtectionCase(this.client, application, this.settings.temporal.taskQueue, {
        policyProfile: this.settings.policyProfile,
      });
      await this.indexPerson(application);
      return await this.firstState(handle, application.dufNumber);
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
   * Indexed once the case exists (a refused duplicate never replaces the first case's entry). The case is open
   * whatever the index does: should it fail, `saksflyt cases reindex` adds the case later.
   */
  private async indexPerson(application: ApplicationLodged): Promise<void> {
    try {
      await this.people.index(application);
    } catch (error) {
      this.logger.warn(
        `case ${application.dufNumber} is open but not in the person index (${(error as Error).message}); run saksflyt cases reindex`,
      );
    }
  }

  /**
   * The case list: a visibility query on the search attributes, with each case's name from the person index.
   * `viewer` is who `assignedTo=me` means and who a person search is logged under. A search by `name` or
   * `dateOfBirth` asks the person index for the DUF numbers first, then visibility for those cases (with the other
   * filters). A person search, a person's list and a sorted list are read whole (up to HELD_CASES_LIMIT) and ordered
   * here, since visibility cannot order by a search attribute; their page tokens are positions in that order,
   * sealed like Temporal's.
   */
  async list(query: CaseListQuery, viewer?: Viewer): Promise<CaseList> {
    const { pageToken, pageSize, assignedTo, sort, name, dateOfBirth, ...rest } = query;
    if (rest.team !== undefined && !this.settings.teams.some((team) => team.id === rest.team)) {
      throw invalidFilter('team', `no team ${rest.team}; GET /api/teams lists them`);
    }
    if (assignedTo === 'me' && !viewer) throw invalidFilter('assignedTo', 'me: no one is signed in');
    const personSearch = name !== undefined || dateOfBirth !== undefined;
    const filters: ResolvedListFilters = {
      ...rest,
      ...(assignedTo ? { assignedTo: assignedTo === 'me' ? viewer?.username : assignedTo } : {}),
      ...(personSearch ? { dufNumbers: await this.searchPeople({ name, dateOfBirth }) } : {}),
    };
    const disabled = disabledUsernames(this.users);
    const visibility = visibilityQuery(filters, disabled);
    const summary = (execution: RawExecution) => summaryOf(execution, disabled);
    const ordered =
      personSearch || sort !== undefined || (filters.assignedTo && filters.assignedTo !== 'none');
    if (ordered) {
      const offset = pageToken === undefined ? 0 : this.pageTokens.openOffset(pageToken);
      if (offset === undefined) throw invalidFilter('pageToken', 'not a page token this API gave out');
      const read =
        filters.dufNumbers?.length === 0
          ? { executions: [], complete: true }
          : await readOrdered(this.client, this.settings.temporal.namespace, visibility);
      // Names for every row only when they order the list; else for the page alone.
      const byName = sort === 'name' || sort === '-name';
      let summaries = read.executions.map(summary);
      if (byName) summaries = await this.named(summaries);
      if (sort) summaries = sortedSummaries(summaries, sort as CaseListSort);
      const end = offset + pageSize;
      const complete = read.complete && (filters.dufNumbers?.length ?? 0) < PERSON_SEARCH_LIMIT;
      if (personSearch && viewer)
        await this.people.logSearch(viewer, { name, dateOfBirth }, summaries.length);
      const page = summaries.slice(offset, end);
      return {
        items: byName ? page : await this.named(page),
        nextPageToken: end < summaries.length ? this.pageTokens.sealOffset(end) : null,
        total: summaries.length,
        complete,
      };
    }
    const nextPageToken = pageToken === undefined ? undefined : this.pageTokens.open(pageToken);
    if (pageToken !== undefined && !nextPageToken)
      throw invalidFilter('pageToken', 'not a page token this API gave out');
    const [response, total] = await Promise.all([
      this.client.workflowService.listWorkflowExecutions({
        namespace: this.settings.temporal.namespace,
        query: visibility,
        pageSize,
        ...(nextPageToken ? { nextPageToken } : {}),
      }),
      this.count(visibility),
    ]);
    const next = response.nextPageToken?.length ? this.pageTokens.seal(response.nextPageToken) : null;
    return { items: await this.named(response.executions.map(summary)), nextPageToken: next, total };
  }

  /** The DUF numbers the person index finds; a criterion it cannot search by is a 400 naming the field. */
  private async searchPeople(query: { name?: string; dateOfBirth?: string }): Promise<string[]> {
    try {
      return await this.people.search(query, PERSON_SEARCH_LIMIT);
    } catch (error) {
      if (error instanceof PersonSearchError) throw invalidFilter(error.field, error.message);
      throw error;
    }
  }

  /** The rows with the applicants' names the person index holds (null for a case it does not). */
  private async named(summaries: CaseSummary[]): Promise<CaseSummary[]> {
    const names = await this.people.namesOf(summaries.map((row) => row.dufNumber));
    return summaries.map((row) => ({ ...row, name: names.get(row.dufNumber) ?? null }));
  }

  /** Who searched for whom, oldest first, the criteria opened: for auditors. */
  personSearchLog() {
    return this.people.searchLog();
  }

  async count(query: string): Promise<number> {
    return (await this.client.workflow.count(query)).count;
  }

  async state(dufNumber: string): Promise<CaseState> {
    // The projection answers without a worker (issue 17); a case it does not have is asked as before.
    const projected = await this.source.projectedState(dufNumber);
    if (projected) return projected;
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
        // The versions published to the policy registry go with it: the case judges by those in force (issue 16).
        const context = await commandContext(this.client);
        // With no worker, an Update waits for one for as long as the call lets it: a bounded wait, then a 503. The
        // Update may still be carried out once a worker returns; a retry with the same Idempotency-Key (update id)
        // gets that outcome rather than a second one.
        const state = await this.client
          .withDeadline(Date.now() + COMMAND_ANSWER_MS, () =>
            handle.executeUpdate<CaseState, [unknown, unknown]>(commandUpdates[name].name, {
              args: [{ ...payload, actor }, context],
              updateId: updateId ?? randomUUID(),
            }),
          )
          .catch((error: unknown) => {
            if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
              throw new CaseUnansweredError(
                name,
                `no worker took the command within ${COMMAND_ANSWER_MS / 1000} s`,
              );
            throw error;
          });
        await this.projected(dufNumber, state.lastEventSeq);
        return state;
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

  /**
   * Read-your-writes (issue 17): a command's answer waits until the projection shows the command's events, so that
   * a read right after it (by anyone, from any API instance) shows them too. Only for a case the projection follows:
   * a case started before it has no projection to wait for. Past the wait the answer goes anyway (the command is
   * done); the projection catches up as soon as its store does.
   */
  private async projected(dufNumber: string, lastEventSeq: number): Promise<void> {
    const projection = this.source.projection;
    if (!projection) return;
    const reached = await projection.lastEventSeq(dufNumber);
    if (reached === 0 || reached >= lastEventSeq) return;
    const after = await projection.waitFor(dufNumber, lastEventSeq, READ_YOUR_WRITES_WAIT_MS);
    if (after < lastEventSeq)
      this.logger.warn(
        `case ${dufNumber}: the projection reached event ${after} of ${lastEventSeq} in ${READ_YOUR_WRITES_WAIT_MS} ms`,
      );
  }

  /**
   * The state right after the start: from the projection once the worker's first task has written it there, else
   * (no projection configured) the first query, which waits for that task.
   */
  private async firstState(handle: WorkflowHandle, dufNumber: string): Promise<CaseState> {
    const projection = this.source.projection;
    if (projection && (await projection.waitFor(dufNumber, 1, FIRST_STATE_WAIT_MS)) > 0) {
      const state = await projection.state(dufNumber);
      if (state) return state;
    }
    const deadline = Date.now() + FIRST_STATE_WAIT_MS;
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
    // Filled from the person index by `named`.
    name: null,
  };
}
