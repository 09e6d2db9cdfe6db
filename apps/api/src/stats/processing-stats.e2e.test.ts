import { osloCalendarDate, ProcessingStats } from '@saksflyt/domain';
import { aPoliceRegistration, anApplication, COLLECTIVE_PROTECTION_GRANTED } from '@saksflyt/domain/testing';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';
import { ProcessingStatsResponse } from './stats.controller';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** The Monday of the Oslo week an instant falls in, worked out here apart from the code under test. */
function mondayInOslo(instant: string): string {
  const date = new Date(`${osloCalendarDate(instant)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

// Processing times and backlog through the HTTP API, on a real dev server and worker: the figures are what was done,
// and a closed case counts from the archive alone, after Temporal has forgotten it.
describe('GET /api/stats/processing on a real dev server', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  }, 120_000);
  afterAll(() => system?.stop());

  async function stats(query = '', fresh = true) {
    const response = await fetch(`${system.baseUrl}/api/stats/processing${query}`, {
      headers: {
        authorization: `Bearer ${await system.tokenOf('auditor')}`,
        ...(fresh ? { 'cache-control': 'no-cache' } : {}),
      },
    });
    return { status: response.status, body: (await response.json()) as ProcessingStatsResponse };
  }
  type ProcessingStatsResponse = ReturnType<typeof ProcessingStatsResponse.parse>;

  const lodgings: string[] = [];
  async function lodge(duf: string, lodgedDaysAgo: number) {
    const lodgedAt = daysAgo(lodgedDaysAgo);
    lodgings.push(lodgedAt);
    const response = await system.request(
      'caseworker',
      'POST',
      '/api/cases',
      anApplication({ dufNumber: duf, lodgedAt }),
    );
    expect(response.status).toBe(201);
  }
  async function until(what: string, done: () => Promise<boolean>, seconds = 30) {
    const deadline = Date.now() + seconds * 1000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`still not: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const visible = async (query: string) => (await system.server.client.workflow.count(query)).count;

  it('answers an empty system with zero cases and null days, and serves a repeat from the cache', async () => {
    const empty = await stats('', false);
    expect(empty.status).toBe(200);
    expect(ProcessingStatsResponse.parse(empty.body)).toEqual(empty.body);
    expect(empty.body).toMatchObject({
      weeks: 26,
      sources: { open: 'visibility', closed: 'archive', openWithoutLodgedAt: 0, cached: false },
    });
    expect(empty.body.perWeek).toHaveLength(26);
    expect(empty.body.overall.toDecision).toEqual({ cases: 0, medianDays: null, p90Days: null });
    expect(empty.body.openByAge.every((band) => band.cases === 0)).toBe(true);
    const again = await stats('', false);
    expect(again.body).toEqual({ ...empty.body, sources: { ...empty.body.sources, cached: true } });
  });

  it('refuses a bad window with a 400 naming weeks, and an unknown parameter', async () => {
    for (const query of ['?weeks=0', '?weeks=105', '?weeks=abc', '?weeks=2.5']) {
      const refused = await stats(query);
      expect(refused).toMatchObject({
        status: 400,
        body: { error: 'ValidationError', issues: [{ path: ['weeks'] }] },
      });
    }
    expect((await stats('?weekz=3')).status).toBe(400);
  });

  it('is described in the OpenAPI document, with its window and its answer', async () => {
    const docs = (await (await fetch(`${system.baseUrl}/api/docs`)).json()) as {
      paths: Record<string, { get: { parameters: { name: string; schema: object }[]; responses: object } }>;
      components: { schemas: Record<string, { properties: object }> };
    };
    const route = docs.paths['/api/stats/processing']?.get;
    expect(route?.parameters).toEqual([
      expect.objectContaining({
        name: 'weeks',
        schema: expect.objectContaining({ minimum: 1, maximum: 104 }),
      }),
    ]);
    expect(route?.responses).toHaveProperty('200');
    expect(Object.keys(docs.components.schemas.ProcessingStats?.properties ?? {})).toEqual(
      expect.arrayContaining(['tracks', 'openByAge', 'perWeek', 'sources']),
    );
  });

  it('counts what was done: lodged, decided and closed cases, open ones by age, a closed one from the archive alone', async () => {
    // Open, just lodged (20 days ago): the 0-30 band.
    await lodge('202450000001', 20);
    // Granted collective protection 10 days after lodging: decided and closed at once, then archived.
    await lodge('202450000002', 10);
    await system.accepted('202450000002', 'registerWithPolice', aPoliceRegistration());
    await system.accepted('202450000002', 'assessCollectiveProtection', COLLECTIVE_PROTECTION_GRANTED);
    // Rejected on the individual track 40 days after lodging: decided, still open (the 31-90 band).
    await lodge('202450000003', 40);
    await system.accepted('202450000003', 'registerWithPolice', aPoliceRegistration());
    await system.accepted('202450000003', 'assessCollectiveProtection', {
      eligible: false,
      reason: 'home oblast on the exclusion list',
    });
    const scheduledAt = new Date(Date.now() + 1000).toISOString();
    await system.accepted('202450000003', 'inviteToInterview', {
      scheduledAt,
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    await system.accepted('202450000003', 'recordInterview', { outcome: 'held', heldAt: scheduledAt });
    await system.accepted('202450000003', 'decide', {
      outcome: 'rejected',
      grounds: 'internal protection in Lviv',
      internalProtectionOblast: 'Lviv',
    });
    // Open, waiting 100 days: the 91-180 band.
    await lodge('202450000004', 100);

    // The closed case leaves Temporal altogether, as retention would make it: only the archive still has it.
    await until('the closed case is archived and its workflow completed', async () => {
      const closed = await visible(`WorkflowId = 'case-202450000002' AND ExecutionStatus = 'Completed'`);
      return closed === 1;
    });
    await system.server.client.workflowService.deleteWorkflowExecution({
      namespace: system.settings.temporal.namespace,
      workflowExecution: { workflowId: 'case-202450000002' },
    });
    // Its history is gone (the dev server may keep its visibility row a while longer: the stats never ask
    // visibility for closed cases, so that row would not count either way).
    // The server deletes in a task of its own, late on a busy machine.
    await until(
      'Temporal deletes the closed case',
      () =>
        system.server.client.workflow
          .getHandle('case-202450000002')
          .describe()
          .then(
            () => false,
            () => true,
          ),
      90,
    );
    // Its reads come from the projection, which keeps the case after Temporal has deleted it (docs/audit.md).
    const events = await system.request('auditor', 'GET', '/api/cases/202450000002/events');
    expect(events.status).toBe(200);
    expect(events.headers.get('x-saksflyt-source')).toBe('projection');
    // Visibility has caught up with the decision (search attributes are indexed asynchronously).
    await until('visibility has the decision', async () => {
      return (await visible(`WorkflowId = 'case-202450000003' AND DecidedAt IS NOT NULL`)) === 1;
    });

    const { status, body } = await stats();
    expect(status).toBe(200);
    expect(ProcessingStatsResponse.parse(body)).toEqual(body);
    const byTrack = Object.fromEntries(body.tracks.map((figures) => [figures.track, figures]));
    expect(byTrack.collective).toEqual({
      track: 'collective',
      toDecision: { cases: 1, medianDays: 10, p90Days: 10 },
      toClosing: { cases: 1, medianDays: 10, p90Days: 10 },
    });
    expect(byTrack.individual).toEqual({
      track: 'individual',
      toDecision: { cases: 1, medianDays: 40, p90Days: 40 },
      toClosing: { cases: 0, medianDays: null, p90Days: null },
    });
    expect(body.overall.toDecision).toEqual({ cases: 2, medianDays: 25, p90Days: 37 });
    expect(body.openByAge).toEqual([
      { band: '0-30', cases: 1 },
      { band: '31-90', cases: 1 },
      { band: '91-180', cases: 1 },
      { band: '181-365', cases: 0 },
      { band: 'over-365', cases: 0 },
    ]);
    const total = (key: 'lodged' | 'decided' | 'closed') =>
      body.perWeek.reduce((sum, week) => sum + week[key], 0);
    expect({ lodged: total('lodged'), decided: total('decided'), closed: total('closed') }).toEqual({
      lodged: 4,
      decided: 2,
      closed: 1,
    });
    // Decided and closed this week; each lodging in the week its lodgedAt falls in.
    expect(body.perWeek.at(-1)).toMatchObject({ decided: 2, closed: 1 });
    const lodgedWeeks: Record<string, number> = {};
    for (const lodgedAt of lodgings) {
      const monday = mondayInOslo(lodgedAt);
      lodgedWeeks[monday] = (lodgedWeeks[monday] ?? 0) + 1;
    }
    expect(
      Object.fromEntries(body.perWeek.filter((week) => week.lodged > 0).map((w) => [w.weekStart, w.lodged])),
    ).toEqual(lodgedWeeks);

    // A window of one week holds the two decisions and the closing, and no lodging (all were earlier).
    const oneWeek = await stats('?weeks=1');
    expect(oneWeek.body.perWeek).toEqual([
      { weekStart: expect.any(String), lodged: 0, decided: 2, closed: 1 },
    ]);
    expect(ProcessingStats.safeParse(oneWeek.body).success).toBe(true);
  }, 180_000);
});
