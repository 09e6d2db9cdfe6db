import { COLLECTIVE_PROTECTION_GRANTED } from '@saksflyt/domain/testing';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';

/**
 * Issue 17: every read of a case comes from the projection the case's own events keep, so it answers with every
 * worker stopped (a deploy, a crash, a long GC pause); only commands need a worker, and answer 503 without one.
 */
describe('reads that need no worker', () => {
  let system: TestSystem;
  const OPEN = '202417000001';
  const CLOSED = '202417000002';
  /** Every kind of read of a case, as the admin UI, an integration and an auditor make them. */
  const caseReads = (duf: string) => [
    `/api/cases/${duf}`,
    `/api/cases/${duf}/events`,
    `/api/cases/${duf}/messages`,
    `/api/cases/${duf}/state?asOf=2`,
    `/api/cases/${duf}/export?format=json`,
    `/api/cases/${duf}/export?format=pdf`,
    `/api/cases/${duf}/history`,
  ];
  const listReads = ['/api/cases', '/api/cases?status=collective-protection-granted', '/api/dashboard'];
  const reads = [...caseReads(OPEN), ...caseReads(CLOSED), ...listReads];

  /** A read as the auditor (who may read everything), its body made comparable: the export's time is the read's. */
  async function read(route: string): Promise<{ status: number; body: unknown; source: string | null }> {
    const answer = await system.request('auditor', 'GET', route);
    const type = answer.headers.get('content-type') ?? '';
    const source = answer.headers.get('x-saksflyt-source');
    if (!type.includes('json')) return { status: answer.status, body: type, source };
    const body = (await answer.json()) as Record<string, unknown>;
    if (Array.isArray(body)) return { status: answer.status, body, source };
    const { exportedAt: _exportedAt, ...comparable } = body;
    return { status: answer.status, body: comparable, source };
  }

  beforeAll(async () => {
    system = await startTestSystem();
    await system.lodgeRegistered(OPEN, 'Kyiv');
    await system.accepted(OPEN, 'addNote', { text: 'Søkeren har bedt om tolk på ukrainsk.' });
    await system.lodgeRegistered(CLOSED, 'Kyiv');
    await system.accepted(CLOSED, 'assessCollectiveProtection', COLLECTIVE_PROTECTION_GRANTED);
    // The closed case's workflow projects, archives and completes; a note then joins its archived record.
    await system.server.client.workflow.getHandle(`case-${CLOSED}`).result();
    await system.accepted(CLOSED, 'addNote', { text: 'Vedtaket er forkynt.' });
  }, 180_000);

  afterAll(() => system?.stop());

  it('projection-read-your-writes: a command answers once a read shows its events', async () => {
    const answer = await system.request('caseworker', 'POST', `/api/cases/${OPEN}/commands/addNote`, {
      text: 'Advokat er oppnevnt.',
    });
    expect(answer.status).toBe(200);
    const state = (await answer.json()) as { lastEventSeq: number };
    const events = (await (
      await system.request('caseworker', 'GET', `/api/cases/${OPEN}/events`)
    ).json()) as { seq: number; type: string }[];
    expect(events.at(-1)).toMatchObject({ seq: state.lastEventSeq, type: 'NoteAdded' });
    const read = (await (await system.request('caseworker', 'GET', `/api/cases/${OPEN}`)).json()) as {
      lastEventSeq: number;
    };
    expect(read.lastEventSeq).toBe(state.lastEventSeq);
  });

  it('reads-without-worker: every read of a case answers alike with every worker stopped', async () => {
    const before = new Map<string, Awaited<ReturnType<typeof read>>>();
    for (const route of reads) before.set(route, await read(route));
    for (const [route, answer] of before) {
      expect({ route, status: answer.status, body: answer.status === 200 ? 'ok' : answer.body }).toEqual({
        route,
        status: 200,
        body: 'ok',
      });
    }
    // The case records come from the projection (the closed case's note: from the archive, where it is longer).
    expect(before.get(`/api/cases/${OPEN}/events`)?.source).toBe('projection');

    await system.stopWorker();
    for (const route of reads) {
      const answer = await read(route);
      expect({ route, ...answer }).toEqual({ route, ...before.get(route) });
    }
  }, 120_000);

  it('reads-without-worker: a command still needs a worker, and says so with a 503 and Retry-After', async () => {
    await system.stopWorker();
    const answer = await system.request('caseworker', 'POST', `/api/cases/${OPEN}/commands/addNote`, {
      text: 'Ingen arbeider kjører.',
    });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBeTruthy();
  }, 120_000);
});
