import { z } from 'zod';
import {
  CaseStatus,
  CaseTrack,
  IsoDate,
  IsoDateTime,
  Oblast,
  TeamId,
  Username,
  WorkItem,
} from '@saksflyt/domain';
import { PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import { heldByClause, queueClause } from '@saksflyt/workflows/work-lists';
import { CaseListSort } from './case-list.sort';
import { PAGE_TOKEN_PATTERN } from './page-tokens';

/**
 * Where a Dublin request may still be made (Dublin III Art. 21(1), 23(2)): an individual case before the decision on
 * the merits, the statuses in which the domain allows `registerDublinCase` under rules version 2.
 */
export const DUBLIN_REQUEST_STATUSES = [
  'individual-assessment',
  'interview-scheduled',
  'awaiting-decision',
] as const satisfies readonly CaseStatus[];

/** The case list's filters. Each value is checked here, so the visibility query below never carries raw input. */
export const CaseListQuery = z
  .object({
    status: CaseStatus.optional(),
    track: CaseTrack.optional(),
    homeOblast: Oblast.optional(),
    interviewPriority: z.enum(['true', 'false']).optional(),
    deadlineBefore: IsoDateTime.optional(),
    workItem: WorkItem.optional().meta({
      description:
        'Cases with this work item (the WorkItems search attribute, set on cases under rules version 2)',
    }),
    dublinRequestDueBefore: IsoDateTime.optional().meta({
      description:
        'Individual cases before the decision on the merits whose next deadline runs out before this instant: ' +
        'every case whose Dublin request period ends by then, and, with an interview scheduled, those whose ' +
        'next deadline is the interview reminder',
    }),
    assignedTo: z
      .union([z.literal('me'), z.literal('none'), Username])
      .optional()
      .meta({
        description:
          'Open cases held by this person (`me`: the signed-in user), ordered by nearest deadline (none last), ' +
          'then the oldest application; or `none`: the open cases no one holds and those held by disabled ' +
          'accounts (a team queue with `team`). A person list reads at most 2,000 cases to order them',
      }),
    team: TeamId.optional().meta({
      description: 'Cases in this team (the Team search attribute): one of GET /api/teams',
    }),
    name: z
      .string()
      .trim()
      .min(1, 'a name to search for')
      .max(300, 'at most 300 characters')
      .optional()
      .meta({
        description:
          "Cases whose applicant's name holds every word of this one, in any order, case and diacritics aside " +
          '(whole words only: the person index is blind). Logged with who searched',
      }),
    dateOfBirth: IsoDate.optional().meta({
      description: 'Cases whose applicant was born on this day (YYYY-MM-DD). Logged with who searched',
    }),
    sort: CaseListSort.optional().meta({
      description:
        'The order: by lodging, next deadline, DUF number or name, `-` for descending (empty values last). ' +
        "Without it, visibility's own order (the newest started first). A sorted list reads at most 2,000 cases",
    }),
    pageToken: z.string().regex(PAGE_TOKEN_PATTERN, 'a page token as the previous page gave it').optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type CaseListQuery = z.infer<typeof CaseListQuery>;
export type CaseListFilters = Omit<
  CaseListQuery,
  'pageToken' | 'pageSize' | 'sort' | 'name' | 'dateOfBirth'
> & {
  /** The cases a person search found (the person index's answer): DUF numbers, 12 digits each. */
  dufNumbers?: readonly string[];
};

/** `assignedTo` once `me` is the signed-in user's name: a username or `none`. */
export type ResolvedListFilters = Omit<CaseListFilters, 'assignedTo'> & { assignedTo?: string };

/**
 * `disabledHolders` are the accounts whose cases a queue (`assignedTo=none`) shows again: the user store knows them,
 * the visibility store does not.
 */
export function visibilityQuery(
  filters: ResolvedListFilters,
  disabledHolders: readonly string[] = [],
): string {
  const clauses = [`WorkflowType = '${PROTECTION_CASE_WORKFLOW}'`];
  if (filters.status) clauses.push(`CaseStatus = '${filters.status}'`);
  if (filters.track) clauses.push(`CaseTrack = '${filters.track}'`);
  if (filters.homeOblast) clauses.push(`HomeOblast = '${filters.homeOblast}'`);
  if (filters.interviewPriority) clauses.push(`InterviewPriority = ${filters.interviewPriority}`);
  if (filters.deadlineBefore)
    clauses.push(`NextDeadline < '${new Date(filters.deadlineBefore).toISOString()}'`);
  // A KeywordList matches when any of its values equals the one asked for.
  if (filters.workItem) clauses.push(`WorkItems = '${filters.workItem}'`);
  if (filters.dublinRequestDueBefore) clauses.push(dublinRequestDueClause(filters.dublinRequestDueBefore));
  if (filters.team) clauses.push(`Team = '${filters.team}'`);
  if (filters.dufNumbers) clauses.push(dufNumbersClause(filters.dufNumbers));
  if (filters.assignedTo === 'none') clauses.push(queueClause(disabledHolders));
  else if (filters.assignedTo) clauses.push(heldByClause(filters.assignedTo));
  return clauses.join(' AND ');
}

/**
 * Dublin requests whose time limit is near. The search attributes hold only the case's earliest deadline
 * (`NextDeadline`), not its kind, so this asks for individual cases before the decision on the merits whose next
 * deadline runs out before `before`. It never misses one: the `dublin-request` deadline runs on such a case, and
 * the earliest deadline is at least as early as it. It is exact in `individual-assessment` and
 * `awaiting-decision`, where no other deadline runs; with an interview scheduled the next deadline may be the
 * interview reminder instead, so such a case can be listed with its Dublin limit further off (the case page shows
 * each deadline). A search attribute for the Dublin limit itself would make it exact; the workflow does not set one.
 */
export function dublinRequestDueClause(before: string): string {
  const statuses = DUBLIN_REQUEST_STATUSES.map((status) => `'${status}'`).join(', ');
  return (
    `CaseTrack = 'individual' AND CaseStatus IN (${statuses}) ` +
    `AND NextDeadline < '${new Date(before).toISOString()}'`
  );
}

/** The cases a person search found, by the contract's `DufNumber` attribute: no name ever reaches visibility. */
export function dufNumbersClause(dufNumbers: readonly string[]): string {
  // From the index, not the request; checked all the same, so the query carries nothing but digits.
  const valid = dufNumbers.filter((dufNumber) => /^\d{12}$/.test(dufNumber));
  return valid.length === 0 ? 'DufNumber IS NULL' : `DufNumber IN (${valid.map((d) => `'${d}'`).join(', ')})`;
}
