import { anApplication } from '@saksflyt/domain/testing';
import { CASE_QUERY_PATIENCE } from '@saksflyt/audit';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';

/**
 * A case the projection does not have (here: no projection at all, as for a case started before it and not rebuilt
 * into it) is read from its workflow. With no worker to answer, that is the system being unavailable, not an error of
 * the API: a 503 the caller may retry, after every attempt to ask the case has had its own short deadline. With the
 * projection, the same reads answer without a worker: reads-without-worker.e2e.test.ts.
 */
describe('a case no worker answers, read without a projection', () => {
  let system: TestSystem;
  const duf = '202497000001';

  beforeAll(async () => {
    system = await startTestSystem({}, { projection: false });
    expect(
      (await system.request('caseworker', 'POST', '/api/cases', anApplication({ dufNumber: duf }))).status,
    ).toBe(201);
    await system.stopWorker();
  }, 120_000);

  afterAll(() => system?.stop());

  it('is a 503 with Retry-After on the state and on the export', async () => {
    const startedAt = Date.now();
    const answers = await Promise.all([
      system.request('caseworker', 'GET', `/api/cases/${duf}`),
      system.request('auditor', 'GET', `/api/cases/${duf}/export?format=json`),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(await answer.json()).toEqual({
        error: 'ServiceUnavailable',
        message: 'the case did not answer in time; try again shortly',
      });
    }
    // The server names the missing worker, or the attempts run out: an answer in bounded time either way.
    expect(Date.now() - startedAt).toBeLessThanOrEqual(
      CASE_QUERY_PATIENCE.attemptMs * CASE_QUERY_PATIENCE.attempts + 5_000,
    );
  }, 120_000);
});
