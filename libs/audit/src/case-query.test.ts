import { status as grpcStatus } from '@grpc/grpc-js';
import { ServiceError, type WorkflowHandle } from '@temporalio/client';
import { CaseUnansweredError, queryCase } from './case-query';

/** A handle whose queries give the answers listed, one per attempt, and which records each attempt's deadline. */
function handleAnswering(...answers: Array<unknown | Error>) {
  const deadlines: number[] = [];
  let attempt = 0;
  const handle = {
    client: {
      withDeadline: async <T>(deadline: number, fn: () => Promise<T>) => {
        deadlines.push(deadline - Date.now());
        return fn();
      },
    },
    query: async () => {
      const answer = answers[attempt++];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as WorkflowHandle;
  return { handle, deadlines, attempts: () => attempt };
}

const grpcError = (code: number) => Object.assign(new Error(`${code}`), { code, details: 'x', metadata: {} });
const unanswered = () =>
  new ServiceError('Failed to query Workflow', { cause: grpcError(grpcStatus.DEADLINE_EXCEEDED) });

describe('queryCase: a query that gets no answer in time is asked again', () => {
  const patience = { attemptMs: 1000, attempts: 3 };

  it('asks again after an attempt gets no answer, and returns the answer of the next', async () => {
    const { handle, deadlines, attempts } = handleAnswering(unanswered(), { status: 'Registered' });
    await expect(queryCase(handle, 'state', patience)).resolves.toEqual({ status: 'Registered' });
    expect(attempts()).toBe(2);
    // Each attempt gets a deadline of its own, not the server's 30 s.
    for (const deadline of deadlines) expect(deadline).toBeLessThanOrEqual(1000);
  });

  it('asks again after a call cancelled under it (as with a worker just stopped), and returns the next answer', async () => {
    const cancelled = new ServiceError('Failed to query Workflow', {
      cause: grpcError(grpcStatus.CANCELLED),
    });
    const { handle, attempts } = handleAnswering(cancelled, { status: 'Registered' });
    await expect(queryCase(handle, 'state', patience)).resolves.toEqual({ status: 'Registered' });
    expect(attempts()).toBe(2);
  });

  it('gives up after its attempts with an error that names the query', async () => {
    const { handle, attempts } = handleAnswering(unanswered(), unanswered(), unanswered(), 'never');
    const error = await queryCase(handle, 'events', patience).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CaseUnansweredError);
    expect((error as Error).message).toBe(
      'no worker answered the case\'s "events" query: 3 attempts of 1 s each ran out',
    );
    expect(attempts()).toBe(3);
  });

  it.each([
    'no poller seen for task queue recently, worker may be down',
    'Cannot query workflow due to Workflow Task in failed state.',
  ])('gives up at once when the server knows no worker can answer: %s', async (said) => {
    const noPoller = new ServiceError('Failed to query Workflow', {
      cause: Object.assign(grpcError(grpcStatus.FAILED_PRECONDITION), {
        details: said,
      }),
    });
    const { handle, attempts } = handleAnswering(noPoller, 'never');
    await expect(queryCase(handle, 'state', patience)).rejects.toThrow(
      `no worker answered the case's "state" query: ${said}; is a worker running?`,
    );
    expect(attempts()).toBe(1);
  });

  it('does not ask again when the answer is an error of another kind: a missing case stays missing', async () => {
    const notFound = new ServiceError('no case', { cause: grpcError(grpcStatus.NOT_FOUND) });
    const { handle, attempts } = handleAnswering(notFound, 'never');
    await expect(queryCase(handle, 'state', patience)).rejects.toBe(notFound);
    expect(attempts()).toBe(1);
  });
});
