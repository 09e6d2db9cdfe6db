import { type QueryDefinition, ServiceError, type WorkflowHandle } from '@temporalio/client';
import { status as grpcStatus } from '@grpc/grpc-js';

export interface CaseQueryPatience {
  /** How long one attempt may wait for a worker's answer. */
  attemptMs: number;
  attempts: number;
}

/**
 * A query is answered within seconds on a healthy system. A worker without a workflow cache can lose a query that
 * reaches it while the case's workflow task is being worked on (the SDK's core logs "leftover buffered tasks when
 * evicting run"); the server then waits out its own 30 s before giving up. Asking again at once finds the worker
 * free, so each attempt gets a short deadline of its own.
 */
export const CASE_QUERY_PATIENCE: CaseQueryPatience = { attemptMs: 8_000, attempts: 3 };

/** No worker answered the case: the workers are down or overwhelmed, which a caller may report as a 503. */
export class CaseUnansweredError extends Error {
  constructor(query: string, why: string) {
    super(`no worker answered the case's "${query}" query: ${why}`);
  }
}

/** A case's query (read-only, so safe to repeat), asked again when an attempt gets no answer in time. */
export async function queryCase<T>(
  handle: WorkflowHandle,
  query: QueryDefinition<T, []> | string,
  patience: CaseQueryPatience = CASE_QUERY_PATIENCE,
): Promise<T> {
  const name = typeof query === 'string' ? query : query.name;
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.client.withDeadline(Date.now() + patience.attemptMs, () => handle.query<T>(name));
    } catch (error) {
      const { code, details } = grpcCause(error);
      // The server knows no worker can answer now: none polls the task queue, or the case's workflow task is failing
      // or timing out (a worker died holding it). Asking again at once would meet the same.
      if (code === grpcStatus.FAILED_PRECONDITION)
        throw new CaseUnansweredError(
          name,
          `${details || 'the workflow cannot answer now'}; is a worker running?`,
        );
      // No answer this time: the deadline passed, or the call was cancelled under it (seen once with the worker
      // just stopped: "1 CANCELLED: Call cancelled", which became a 500). A query changes nothing: ask again.
      if (code !== grpcStatus.DEADLINE_EXCEEDED && code !== grpcStatus.CANCELLED) throw error;
      if (attempt >= patience.attempts)
        throw new CaseUnansweredError(
          name,
          `${attempt} attempts of ${patience.attemptMs / 1000} s each ran out`,
        );
    }
  }
}

function grpcCause(error: unknown): { code?: number; details: string } {
  const cause = (error instanceof ServiceError ? error.cause : error) as {
    code?: unknown;
    details?: unknown;
  };
  return {
    ...(typeof cause?.code === 'number' ? { code: cause.code } : {}),
    details: typeof cause?.details === 'string' ? cause.details : '',
  };
}
