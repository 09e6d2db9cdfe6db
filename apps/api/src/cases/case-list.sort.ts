import { z } from 'zod';
import type { CaseSummary } from './case-summary';

/**
 * What a case list may be ordered by. Temporal's visibility on SQL (the dev server's SQLite, PostgreSQL) cannot
 * `ORDER BY` a search attribute, so a sorted list is read whole (up to 2,000 cases) and ordered in the API, as the
 * person lists are.
 */
export const CASE_LIST_SORT_KEYS = ['lodgedAt', 'nextDeadline', 'dufNumber', 'name'] as const;
export type CaseListSortKey = (typeof CASE_LIST_SORT_KEYS)[number];
export const CaseListSort = z.enum(CASE_LIST_SORT_KEYS.flatMap((key) => [key, `-${key}`] as const));
export type CaseListSort = z.infer<typeof CaseListSort>;

/** The value a row is ordered by; a case from before `LodgedAt` counts from its workflow's start. */
function sortValue(summary: CaseSummary, key: CaseListSortKey): string | null {
  if (key === 'lodgedAt') return summary.lodgedAt ?? (summary.startedAt || null);
  return summary[key];
}

/** Orders the rows by `sort`, empty values last either way, then by DUF number so the order is total. */
export function sortedSummaries(summaries: readonly CaseSummary[], sort: CaseListSort): CaseSummary[] {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as CaseListSortKey;
  const collator = new Intl.Collator('nb', { sensitivity: 'base' });
  const compareValues = (a: string, b: string) =>
    key === 'name'
      ? collator.compare(a, b)
      : key === 'dufNumber'
        ? a.localeCompare(b)
        : Date.parse(a) - Date.parse(b);
  return [...summaries].sort((a, b) => {
    const left = sortValue(a, key);
    const right = sortValue(b, key);
    if (left === null || right === null) {
      if (left !== right) return left === null ? 1 : -1;
    } else {
      const order = compareValues(left, right);
      if (order !== 0) return descending ? -order : order;
    }
    return a.dufNumber.localeCompare(b.dufNumber);
  });
}
