import { z } from 'zod';
import { CaseStatus, CaseTrack, IsoDateTime, Oblast } from '@saksflyt/domain';
import { PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import { PAGE_TOKEN_PATTERN } from './page-tokens';

/** The case list's filters. Each value is checked here, so the visibility query below never carries raw input. */
export const CaseListQuery = z
  .object({
    status: CaseStatus.optional(),
    track: CaseTrack.optional(),
    homeOblast: Oblast.optional(),
    interviewPriority: z.enum(['true', 'false']).optional(),
    deadlineBefore: IsoDateTime.optional(),
    pageToken: z.string().regex(PAGE_TOKEN_PATTERN, 'a page token as the previous page gave it').optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export function visibilityQuery(filters: Omit<CaseListQuery, 'pageToken' | 'pageSize'>): string {
  const clauses = [`WorkflowType = '${PROTECTION_CASE_WORKFLOW}'`];
  if (filters.status) clauses.push(`CaseStatus = '${filters.status}'`);
  if (filters.track) clauses.push(`CaseTrack = '${filters.track}'`);
  if (filters.homeOblast) clauses.push(`HomeOblast = '${filters.homeOblast}'`);
  if (filters.interviewPriority) clauses.push(`InterviewPriority = ${filters.interviewPriority}`);
  if (filters.deadlineBefore)
    clauses.push(`NextDeadline < '${new Date(filters.deadlineBefore).toISOString()}'`);
  return clauses.join(' AND ');
}
