// Client-side work lists for the API and the CLI. Not part of the workflow bundle (index.ts does not import it).
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { SEARCH_ATTRIBUTES } from '@saksflyt/temporal/search-attributes';
import { dufNumberOf, PROTECTION_CASE_WORKFLOW } from './messages';

/**
 * The most open cases a person's list ("My cases") reads to order them. Temporal's SQL visibility (the dev server's
 * SQLite among them) cannot ORDER BY a custom search attribute, so the list reads every open case the person holds,
 * up to this many, and orders them itself. A caseworker holds tens of cases; a person holding more than this is a
 * misallocation the list reports (`complete: false`) rather than a page size to serve.
 */
export const HELD_CASES_LIMIT = 2000;

/** The largest page the dev server's visibility answers (`frontend.visibilityMaxPageSize`). */
const VISIBILITY_PAGE = 1000;

export type RawExecution = Awaited<
  ReturnType<Client['workflowService']['listWorkflowExecutions']>
>['executions'][number];

/** The open cases a person holds. Usernames are checked against `Username` before they get here. */
export function heldByClause(username: string): string {
  return `ExecutionStatus = 'Running' AND AssignedTo = '${username}'`;
}

/**
 * A queue: the open cases no one holds, and those held by disabled accounts (their holder cannot work them, so
 * they are the team's again until someone takes them).
 */
export function queueClause(disabledHolders: readonly string[]): string {
  const held = disabledHolders.length
    ? ` OR AssignedTo IN (${disabledHolders.map((username) => `'${username}'`).join(', ')})`
    : '';
  return `ExecutionStatus = 'Running' AND (AssignedTo IS NULL${held})`;
}

export const heldCasesQuery = (username: string) =>
  `WorkflowType = '${PROTECTION_CASE_WORKFLOW}' AND ${heldByClause(username)}`;

/** Nearest deadline first (none last), then the oldest application; the DUF number settles a tie. */
export function byDeadlineThenAge(a: RawExecution, b: RawExecution): number {
  return compareOrder(orderOf(a), orderOf(b));
}

/** The executions in `byDeadlineThenAge` order, each one's search attributes decoded once, not at every comparison. */
export function inDeadlineThenAgeOrder(executions: RawExecution[]): RawExecution[] {
  return executions
    .map((execution) => ({ execution, order: orderOf(execution) }))
    .sort((a, b) => compareOrder(a.order, b.order))
    .map(({ execution }) => execution);
}

type Order = ReturnType<typeof orderOf>;

function compareOrder(first: Order, second: Order): number {
  return (
    first.deadline - second.deadline || first.lodged - second.lodged || first.duf.localeCompare(second.duf)
  );
}

function orderOf(execution: RawExecution) {
  const attributes = decodedAttributes(execution);
  const deadline = attributes.get(SEARCH_ATTRIBUTES.NextDeadline);
  // Cases started before work allocation have no LodgedAt: their start is the nearest thing to it.
  const lodged =
    attributes.get(SEARCH_ATTRIBUTES.LodgedAt)?.getTime() ?? Number(execution.startTime?.seconds ?? 0) * 1000;
  return {
    deadline: deadline ? deadline.getTime() : Number.POSITIVE_INFINITY,
    lodged,
    duf: execution.execution?.workflowId ?? '',
  };
}

/**
 * Every case the query matches, up to `limit`, ordered by deadline then age. `complete` is false when there were
 * more than `limit`: then the order holds among the ones read, not among all.
 */
export async function readOrdered(
  client: Client,
  namespace: string,
  query: string,
  limit = HELD_CASES_LIMIT,
): Promise<{ executions: RawExecution[]; complete: boolean }> {
  const executions: RawExecution[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.listWorkflowExecutions({
      namespace,
      query,
      pageSize: Math.min(VISIBILITY_PAGE, limit + 1 - executions.length),
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    executions.push(...page.executions);
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken && executions.length <= limit);
  const complete = executions.length <= limit;
  return { executions: inDeadlineThenAgeOrder(executions.slice(0, limit)), complete };
}

/** What a work list shows of a case, from its search attributes alone (no name or contact detail). */
export interface WorkListRow {
  dufNumber: string;
  status: string | null;
  team: string | null;
  assignedTo: string | null;
  nextDeadline: string | null;
  lodgedAt: string | null;
}

export function decodedAttributes(execution: RawExecution) {
  return decodeTypedSearchAttributes(execution.searchAttributes?.indexedFields);
}

export function workListRowOf(execution: RawExecution): WorkListRow {
  return workListRowFrom(execution, decodedAttributes(execution));
}

/** The row, from attributes the caller has decoded already (to read more of them). */
export function workListRowFrom(
  execution: RawExecution,
  attributes: ReturnType<typeof decodedAttributes>,
): WorkListRow {
  const deadline = attributes.get(SEARCH_ATTRIBUTES.NextDeadline);
  const lodged = attributes.get(SEARCH_ATTRIBUTES.LodgedAt);
  return {
    dufNumber:
      attributes.get(SEARCH_ATTRIBUTES.DufNumber) ?? dufNumberOf(execution.execution?.workflowId ?? ''),
    status: attributes.get(SEARCH_ATTRIBUTES.CaseStatus) ?? null,
    team: attributes.get(SEARCH_ATTRIBUTES.Team) ?? null,
    assignedTo: attributes.get(SEARCH_ATTRIBUTES.AssignedTo) ?? null,
    nextDeadline: deadline ? deadline.toISOString() : null,
    lodgedAt: lodged ? lodged.toISOString() : null,
  };
}
