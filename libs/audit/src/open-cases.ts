import { CLOSED_STATUSES } from '@saksflyt/domain';

/**
 * The open cases, as a visibility query: running, and not closed. A case whose workflow still runs after it closed
 * (archiving it, or retrying that) is the archive's once archived, and counting it here too would count it twice.
 */
export const OPEN_CASES_QUERY =
  "WorkflowType = 'protectionCase' AND ExecutionStatus = 'Running' AND CaseStatus NOT IN (" +
  [...CLOSED_STATUSES].map((status) => `'${status}'`).join(', ') +
  ')';

/**
 * Runs at most `size` of the tasks given to it at once: enough to overlap round trips to Temporal, few enough to
 * spare its visibility store and the workers that answer the queries.
 */
export function limiter(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
