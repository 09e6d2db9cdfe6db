import { anApplication } from '@saksflyt/domain/testing';
import { startTestSystem, type TestSystem } from './__fixtures__/test-system';

type Who = 'caseworker' | 'auditor' | 'admin' | 'nobody';

describe('the HTTP API against a real dev server and worker', () => {
  let system: TestSystem;
  const duf = '202410000001';

  beforeAll(async () => {
    system = await startTestSystem();
  }, 120_000);
  afterAll(() => system?.stop());

  async function call(
    who: Who,
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const token = who === 'nobody' ? undefined : await system.tokenOf(who);
    const response = await fetch(`${system.baseUrl}${route}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  const registration = () => ({
    registeredAt: new Date().toISOString(),
    policeDistrict: 'Øst',
    passport: { kind: 'international', expiresOn: '2099-01-01', surrendered: true },
    eurodacHit: null,
  });

  describe('cases and commands', () => {
    it('opens a case (201 with its state) and refuses a second one with the same DUF number (409)', async () => {
      const created = await call('caseworker', 'POST', '/api/cases', anApplication({ dufNumber: duf }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        dufNumber: duf,
        status: 'lodged',
        allowedCommands: expect.arrayContaining(['registerWithPolice']),
      });
      const again = await call('admin', 'POST', '/api/cases', anApplication({ dufNumber: duf }));
      expect(again).toMatchObject({ status: 409, body: { error: 'CaseExists' } });
    });

    it('refuses a malformed application with 400 and the field issues, and starts nothing', async () => {
      const bad = await call('caseworker', 'POST', '/api/cases', {
        ...anApplication({ dufNumber: '202410000099' }),
        lodgedAt: 'yesterday',
      });
      expect(bad).toMatchObject({
        status: 400,
        body: { error: 'ValidationError', issues: [{ path: ['lodgedAt'] }] },
      });
      expect((await call('caseworker', 'GET', '/api/cases/202410000099')).status).toBe(404);
    });

    it('accepts a command as an Update, with the actor taken from the token and never from the body', async () => {
      const accepted = await call('caseworker', 'POST', `/api/cases/${duf}/commands/registerWithPolice`, {
        ...registration(),
        actor: { id: 'someone-else', role: 'admin' },
      });
      expect(accepted).toMatchObject({ status: 200, body: { status: 'awaiting-collective-assessment' } });
      const events = await call('auditor', 'GET', `/api/cases/${duf}/events`);
      expect(events.body.at(-1)).toMatchObject({
        type: 'RegisteredWithPolice',
        actor: { id: 'kari', role: 'caseworker' },
      });
    });

    it('answers a command the state does not allow with 409 and the allowed commands, and changes nothing', async () => {
      const before = await call('caseworker', 'GET', `/api/cases/${duf}`);
      const refused = await call('caseworker', 'POST', `/api/cases/${duf}/commands/decide`, {
        outcome: 'rejected',
        grounds: 'too early',
      });
      expect(refused).toMatchObject({
        status: 409,
        body: {
          error: 'InvalidTransition',
          allowedCommands: expect.arrayContaining(['assessCollectiveProtection']),
        },
      });
      expect((await call('caseworker', 'GET', `/api/cases/${duf}`)).body).toEqual(before.body);
    });

    it('answers a malformed payload with 400 and the issues, and changes nothing', async () => {
      const before = await call('caseworker', 'GET', `/api/cases/${duf}`);
      const refused = await call(
        'caseworker',
        'POST',
        `/api/cases/${duf}/commands/assessCollectiveProtection`,
        { eligible: 'yes' },
      );
      expect(refused).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
      expect(refused.body.issues.map((issue: { path: string[] }) => issue.path[0])).toEqual(
        expect.arrayContaining(['eligible', 'reason']),
      );
      expect((await call('caseworker', 'GET', `/api/cases/${duf}`)).body.lastEventSeq).toBe(
        before.body.lastEventSeq,
      );
    });

    it('answers an unknown command with 400 and an unknown case with 404', async () => {
      expect(
        (await call('caseworker', 'POST', `/api/cases/${duf}/commands/approveEverything`, {})).status,
      ).toBe(400);
      expect(
        (
          await call('caseworker', 'POST', '/api/cases/202499999999/commands/withdraw', {
            receivedAt: new Date().toISOString(),
          })
        ).status,
      ).toBe(404);
      expect((await call('caseworker', 'GET', '/api/cases/202499999999')).status).toBe(404);
      expect((await call('caseworker', 'GET', '/api/cases/not-a-duf')).status).toBe(400);
    });

    it('treats the Idempotency-Key as the update id: a repeated request is applied once', async () => {
      const body = { eligible: false, reason: 'home oblast on the exclusion list' };
      const headers = { 'idempotency-key': `assess-${duf}` };
      const first = await call(
        'caseworker',
        'POST',
        `/api/cases/${duf}/commands/assessCollectiveProtection`,
        body,
        headers,
      );
      const second = await call(
        'caseworker',
        'POST',
        `/api/cases/${duf}/commands/assessCollectiveProtection`,
        body,
        headers,
      );
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      const events = await call('caseworker', 'GET', `/api/cases/${duf}/events`);
      expect(
        events.body.filter((event: { type: string }) => event.type === 'CollectiveProtectionAssessed'),
      ).toHaveLength(1);
    });

    it('folds the state as of an event or a moment with the same evolve', async () => {
      expect((await call('auditor', 'GET', `/api/cases/${duf}/state?asOf=1`)).body).toMatchObject({
        status: 'lodged',
        lastEventSeq: 1,
      });
      expect(
        (
          await call(
            'auditor',
            'GET',
            `/api/cases/${duf}/state?asOf=${encodeURIComponent(new Date().toISOString())}`,
          )
        ).body,
      ).toMatchObject({
        status: 'individual-assessment',
      });
      expect((await call('auditor', 'GET', `/api/cases/${duf}/state?asOf=soon`)).status).toBe(400);
    });

    it('answers a command to a closed case with 409: it takes nothing but a note', async () => {
      const closed = '202410000002';
      await call('caseworker', 'POST', '/api/cases', anApplication({ dufNumber: closed }));
      await call('caseworker', 'POST', `/api/cases/${closed}/commands/registerWithPolice`, registration());
      await call('caseworker', 'POST', `/api/cases/${closed}/commands/assessCollectiveProtection`, {
        eligible: true,
        reason: 'eligible',
      });
      const late = await call('caseworker', 'POST', `/api/cases/${closed}/commands/withdraw`, {
        receivedAt: new Date().toISOString(),
      });
      expect(late).toMatchObject({
        status: 409,
        body: { error: 'InvalidTransition', allowedCommands: ['addNote'] },
      });
    });
  });

  describe('lists, dashboard, history and replay', () => {
    it('lists cases from the search attributes, with filters and paging', async () => {
      await call('caseworker', 'POST', '/api/cases', anApplication({ dufNumber: '202410000003' }));
      const eventually = async (
        route: string,
        check: (body: { items: { dufNumber: string }[] }) => boolean,
      ) => {
        for (let attempt = 0; attempt < 50; attempt++) {
          const response = await call('auditor', 'GET', route);
          if (check(response.body)) return response.body;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        throw new Error(`never: ${route}`);
      };
      const lodged = await eventually('/api/cases?status=lodged', (body) =>
        body.items.some((item) => item.dufNumber === '202410000003'),
      );
      expect(lodged.items.every((item: { status?: string }) => item.status === 'lodged')).toBe(true);
      const firstPage = await call('auditor', 'GET', '/api/cases?pageSize=1');
      expect(firstPage.body.items).toHaveLength(1);
      expect(firstPage.body.nextPageToken).toEqual(expect.any(String));
      const secondPage = await call(
        'auditor',
        'GET',
        `/api/cases?pageSize=1&pageToken=${firstPage.body.nextPageToken}`,
      );
      expect(secondPage.body.items[0].dufNumber).not.toBe(firstPage.body.items[0].dufNumber);
      expect((await call('auditor', 'GET', '/api/cases?status=sleeping')).status).toBe(400);
      expect((await call('auditor', 'GET', "/api/cases?homeOblast=Lviv' OR 1=1")).status).toBe(400);
    });

    it('shows the dashboard', async () => {
      const dashboard = await call('caseworker', 'GET', '/api/dashboard');
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.byStatus).toHaveProperty('lodged');
      expect(dashboard.body.byTrack).toHaveProperty('individual');
      expect(dashboard.body).toMatchObject({
        byWorkItem: expect.any(Object),
        dublinRequestsDue: { before: expect.any(String), count: expect.any(Number) },
        deadlinesDue: expect.any(Array),
        interviewPriorityQueue: expect.any(Array),
      });
    });

    it('gives auditors the Temporal history as JSON', async () => {
      const history = await call('auditor', 'GET', `/api/cases/${duf}/history`);
      expect(history.status).toBe(200);
      expect(history.body.events[0]).toMatchObject({ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
    });

    it("replays the cases' histories against today's workflow code", async () => {
      const report = await call('auditor', 'POST', '/api/audit/replay', {
        dufNumbers: [duf, '202410000002'],
      });
      expect(report).toMatchObject({ status: 200, body: { replayed: 2, failed: [] } });
    }, 120_000);

    it('replays every case as a job: 202 at once, then its progress and its result', async () => {
      // `{}` is what Schemathesis sent: it once replayed every case while the request waited, and timed out.
      const started = await call('auditor', 'POST', '/api/audit/replay', {});
      expect(started).toMatchObject({
        status: 202,
        body: { id: expect.any(String), status: 'running', requestedBy: 'revisor', failed: [] },
      });
      const location = `/api/audit/replay/${started.body.id}`;
      expect(started.headers.get('location')).toBe(location);
      let job = started;
      for (let attempt = 0; attempt < 600 && job.body.status === 'running'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        job = await call('admin', 'GET', location);
        expect(job.status).toBe(200);
      }
      expect(job.body).toMatchObject({ status: 'done', failed: [], finishedAt: expect.any(String) });
      expect(job.body.total).toBeGreaterThanOrEqual(2);
      expect(job.body.replayed).toBe(job.body.total);
      expect((await call('caseworker', 'GET', location)).status).toBe(403);
      expect(
        (await call('auditor', 'GET', '/api/audit/replay/00000000-0000-4000-8000-000000000000')).status,
      ).toBe(404);
      expect((await call('auditor', 'GET', '/api/audit/replay/not-a-job')).status).toBe(400);
    }, 150_000);

    it('replays at most 100 named cases while the request waits, and at least one', async () => {
      const many = Array.from({ length: 101 }, (_, index) => `2024100${String(index).padStart(5, '0')}`);
      expect(await call('auditor', 'POST', '/api/audit/replay', { dufNumbers: many })).toMatchObject({
        status: 400,
        body: { error: 'ValidationError' },
      });
      expect((await call('auditor', 'POST', '/api/audit/replay', { dufNumbers: [] })).status).toBe(400);
    });

    it('publishes the OpenAPI document generated from the zod schemas', async () => {
      const docs = await call('nobody', 'GET', '/api/docs');
      expect(docs.body.openapi).toBe('3.1.0');
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining(['/api/cases', '/api/cases/{dufNumber}/commands/decide']),
      );
      const decide =
        docs.body.paths['/api/cases/{dufNumber}/commands/decide'].post.requestBody.content['application/json']
          .schema;
      expect(decide.properties).toHaveProperty('outcome');
      expect(decide.properties).not.toHaveProperty('actor');
    });
  });

  describe('work lists (rules version 2)', () => {
    const DAY_MS = 24 * 60 * 60 * 1000;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const send = async (dufNumber: string, command: string, payload: unknown) => {
      const answer = await call('caseworker', 'POST', `/api/cases/${dufNumber}/commands/${command}`, payload);
      if (answer.status !== 200)
        throw new Error(`${command}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    type Listed = { items: { dufNumber: string; workItems: string[] }[] };
    /** Visibility is eventually consistent: asks until the list answers as expected. */
    const listUntil = async (query: string, check: (body: Listed) => boolean): Promise<Listed> => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const response = await call('auditor', 'GET', `/api/cases?${query}`);
        expect(response.status).toBe(200);
        if (check(response.body)) return response.body;
        await sleep(200);
      }
      throw new Error(`never: ${query}`);
    };
    const lists = (dufNumber: string) => (body: Listed) =>
      body.items.some((item) => item.dufNumber === dufNumber);

    it('lists a decision not yet served under its work item, and no longer once it is served', async () => {
      const rejected = '202410000010';
      await call('caseworker', 'POST', '/api/cases', {
        ...anApplication({ dufNumber: rejected }),
        lodgedAt: new Date().toISOString(),
      });
      await send(rejected, 'registerWithPolice', registration());
      await send(rejected, 'assessCollectiveProtection', { eligible: false, reason: 'excluded oblast' });
      const scheduledAt = new Date(Date.now() + 1_500).toISOString();
      await send(rejected, 'inviteToInterview', { scheduledAt, location: 'oslo', interpreterLanguage: 'uk' });
      await sleep(Date.parse(scheduledAt) - Date.now() + 100);
      await send(rejected, 'recordInterview', { outcome: 'held', heldAt: new Date().toISOString() });
      const decided = await send(rejected, 'decide', { outcome: 'rejected', grounds: 'no individual risk' });
      expect(decided).toMatchObject({ status: 'rejected', workItems: ['decision-not-served'] });

      const waiting = await listUntil('workItem=decision-not-served', lists(rejected));
      expect(waiting.items.find((item) => item.dufNumber === rejected)?.workItems).toEqual([
        'decision-not-served',
      ]);
      const dashboard = await call('caseworker', 'GET', '/api/dashboard');
      expect(dashboard.body.byWorkItem).toMatchObject({
        'decision-not-served': expect.any(Number),
        'suspensive-effect-waiting': expect.any(Number),
        'interview-call-not-reached': expect.any(Number),
        'document-to-forward': expect.any(Number),
      });
      expect(dashboard.body.byWorkItem['decision-not-served']).toBeGreaterThanOrEqual(1);

      const served = await send(rejected, 'recordDecisionServed', {
        servedAt: new Date().toISOString(),
        via: 'lawyer',
      });
      expect(served.workItems).toEqual([]);
      expect(served.appealable.served).toMatchObject({ via: 'lawyer' });
      expect(served.deadlines.map((deadline: { kind: string }) => deadline.kind)).toContain('appeal');
      await listUntil('workItem=decision-not-served', (body) => !lists(rejected)(body));
      expect((await call('auditor', 'GET', '/api/cases?workItem=sleeping')).status).toBe(400);
      expect((await call('auditor', 'GET', "/api/cases?workItem=decision-not-served' OR 1=1")).status).toBe(
        400,
      );
    });

    it('lists the individual cases whose last day for a Dublin request is near', async () => {
      const near = '202410000011';
      // Lodged 80 days ago: the three-month request period has some ten days left.
      await call('caseworker', 'POST', '/api/cases', {
        ...anApplication({ dufNumber: near }),
        lodgedAt: new Date(Date.now() - 80 * DAY_MS).toISOString(),
      });
      await send(near, 'registerWithPolice', registration());
      const assessed = await send(near, 'assessCollectiveProtection', {
        eligible: false,
        reason: 'excluded',
      });
      const due = assessed.deadlines.find((deadline: { kind: string }) => deadline.kind === 'dublin-request');
      expect(Date.parse(due.dueAt) - Date.now()).toBeLessThan(14 * DAY_MS);

      const dashboard = await call('caseworker', 'GET', '/api/dashboard');
      const { before, count } = dashboard.body.dublinRequestsDue;
      expect(Date.parse(before)).toBeGreaterThan(Date.now() + 13 * DAY_MS);
      expect(count).toEqual(expect.any(Number));
      await listUntil(`dublinRequestDueBefore=${encodeURIComponent(before)}`, lists(near));
      const tomorrow = new Date(Date.now() + DAY_MS).toISOString();
      const notYet = await listUntil(`dublinRequestDueBefore=${encodeURIComponent(tomorrow)}`, () => true);
      expect(lists(near)(notYet)).toBe(false);
      expect((await call('auditor', 'GET', '/api/cases?dublinRequestDueBefore=soon')).status).toBe(400);
    });
  });

  // Who may call what: least-privilege.e2e.test.ts, over every route.

  describe('the edge of the API', () => {
    it('sets secure headers and hides the framework', async () => {
      const response = await call('nobody', 'GET', '/api/health');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('answers a valid command under a malformed Content-Type with 400, and changes nothing', async () => {
      const duf = '202400000777';
      await call('caseworker', 'POST', '/api/cases', anApplication({ dufNumber: duf }));
      const before = await call('caseworker', 'GET', `/api/cases/${duf}`);
      const refused = await call(
        'caseworker',
        'POST',
        `/api/cases/${duf}/commands/updateContactInfo`,
        { residence: { kind: 'private', address: 'Storgata 1, Oslo' } },
        // express's own parser would read it as plain application/json.
        { 'content-type': 'application/json; charset="utf-8' },
      );
      expect(refused).toMatchObject({
        status: 400,
        body: { error: 'BadRequest', message: expect.stringContaining('Content-Type header is malformed') },
      });
      expect((await call('caseworker', 'GET', `/api/cases/${duf}`)).body.lastEventSeq).toBe(
        before.body.lastEventSeq,
      );
    });

    it('answers malformed JSON with 400 and an oversized body with 413', async () => {
      expect((await call('caseworker', 'POST', '/api/cases', '{"dufNumber": ')).status).toBe(400);
      expect((await call('caseworker', 'POST', '/api/cases', { padding: 'x'.repeat(300_000) })).status).toBe(
        413,
      );
    });

    it('rate-limits sign-in attempts (429 after ten a minute)', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++) {
        statuses.push(
          (await call('nobody', 'POST', '/api/auth/login', { username: 'kari', password: 'wrong password' }))
            .status,
        );
      }
      expect(statuses).toContain(401);
      expect(statuses.at(-1)).toBe(429);
    });
  });
});
