import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { anApplication, aPoliceRegistration, COLLECTIVE_PROTECTION_GRANTED } from '@saksflyt/domain/testing';
import { temporalCli, testWorkflowBundle } from '@saksflyt/testing';
import { caseWorkflowId, stateQuery } from '@saksflyt/workflows';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { CODEC_SESSION_COOKIE } from '../auth/session-cookie';
import { startTestSystem, TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';

const WEB_UI = 'http://localhost:8233';

/** What must never be readable in Temporal: everything in the application that identifies or reaches a person. */
const applicant = {
  fullName: 'Oleksandra Zhytomyrska',
  dateOfBirth: '1987-11-04',
  residence: { kind: 'private' as const, address: 'Tollbugata 17, 0152 Oslo' },
  contact: { phone: '+4798765432', email: 'oleksandra.zh@example.org' },
};
const PERSONAL = [
  applicant.fullName,
  applicant.dateOfBirth,
  applicant.residence.address,
  applicant.contact.phone,
  applicant.contact.email,
];

/** Every string of `temporal workflow show --output json`, and every base64 one decoded: payload data is base64. */
function readableText(json: unknown): string {
  const parts: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      parts.push(value);
      if (/^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0) {
        parts.push(Buffer.from(value, 'base64').toString('utf8'));
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(json);
  return parts.join('\n');
}

describe('personal data is encrypted before it reaches Temporal; the codec endpoint shows it to who may see it', () => {
  let system: TestSystem;
  const duf = '202440000001';

  beforeAll(async () => {
    // The API serves its metrics on a port of their own, never on its public port.
    system = await startTestSystem({
      SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '100',
      SAKSFLYT_API_METRICS_PORT: 'free',
    });
  }, 120_000);
  afterAll(() => system?.stop());

  async function api(route: string, init: RequestInit & { token?: string } = {}) {
    const { token, ...rest } = init;
    return fetch(`${system.baseUrl}${route}`, {
      ...rest,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(rest.headers as Record<string, string> | undefined),
      },
    });
  }

  async function rawHistory(workflowId: string, ...codec: string[]): Promise<unknown> {
    const { stdout } = await promisify(execFile)(
      (await temporalCli()).path,
      [
        'workflow',
        'show',
        '--workflow-id',
        workflowId,
        '--output',
        'json',
        '--address',
        system.server.address,
        ...codec,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(stdout);
  }

  it('keeps name, date of birth, address, phone and e-mail out of the raw history; the DUF number stays visible', async () => {
    const token = await system.tokenOf('caseworker');
    const application = anApplication({
      dufNumber: duf,
      applicant: { ...anApplication().applicant, ...applicant },
    });
    expect(
      (await api('/api/cases', { method: 'POST', token, body: JSON.stringify(application) })).status,
    ).toBe(201);
    const commands: [string, object][] = [
      ['registerWithPolice', aPoliceRegistration()],
      ['updateContactInfo', { contact: { email: 'new.address@example.org', phone: '+4791112223' } }],
      ['assessCollectiveProtection', COLLECTIVE_PROTECTION_GRANTED],
    ];
    for (const [command, body] of commands) {
      const response = await api(`/api/cases/${duf}/commands/${command}`, {
        method: 'POST',
        token,
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
    }
    // The notice of the decision went out through an activity, whose input carries the contact details.
    const handle = system.server.client.workflow.getHandle(caseWorkflowId(duf));
    await handle.result();

    const history = await rawHistory(caseWorkflowId(duf));
    const text = readableText(history);
    expect(text).toContain('EVENT_TYPE_ACTIVITY_TASK_COMPLETED');
    for (const personal of [...PERSONAL, 'new.address@example.org', '+4791112223']) {
      expect(text).not.toContain(personal);
    }
    expect(text).toContain(caseWorkflowId(duf));
    expect(text).toContain(duf);
  }, 120_000);

  it('(the same check finds the data in a case started without the codec, so it can fail)', async () => {
    const plainDuf = '202440000002';
    const plainClient = new Client({ connection: system.server.client.connection });
    await startProtectionCase(
      plainClient,
      anApplication({ dufNumber: plainDuf, applicant: { ...anApplication().applicant, ...applicant } }),
      system.settings.temporal.taskQueue,
    );
    const text = readableText(await rawHistory(caseWorkflowId(plainDuf)));
    expect(text).toContain(applicant.fullName);
    expect(text).toContain(applicant.contact.email);
  });

  it('refuses a case state that Temporal hands over unencrypted, with a clear error, and counts it', async () => {
    // Whoever polls the task queue answers the case's queries: here a worker without the key ring, as anyone who
    // reaches Temporal could run, answers in plain JSON.
    const rogueDuf = '202440000003';
    const taskQueue = 'no-key-ring';
    const rogue = await Worker.create({
      connection: system.server.connection,
      taskQueue,
      workflowBundle: await testWorkflowBundle(require.resolve('@saksflyt/workflows')),
      activities: {},
    });
    const plainClient = new Client({ connection: system.server.client.connection });
    await rogue.runUntil(async () => {
      await startProtectionCase(plainClient, anApplication({ dufNumber: rogueDuf }), taskQueue);
      // The rogue worker has started the case by now: its answer is there to be read.
      const handle = plainClient.workflow.getHandle(caseWorkflowId(rogueDuf));
      expect(await handle.query(stateQuery)).toMatchObject({ dufNumber: rogueDuf });

      const token = await system.tokenOf('caseworker');
      const response = await api(`/api/cases/${rogueDuf}`, { token });
      expect(response.status).toBe(502);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe('UnencryptedPayload');
      expect(body.message).toMatch(
        /^Temporal's answer was refused: an unencrypted payload \(encoding "json\/plain"\) was refused/,
      );
      expect(JSON.stringify(body)).not.toContain(anApplication().applicant.fullName);
    });
    const metrics = await (await fetch(system.metricsUrl ?? '')).text();
    expect(metrics).toMatch(/^saksflyt_codec_refused_payloads_total\{reader="client",owner="workflow"\} 1$/m);
  });

  it('lets an auditor read the history decoded with the Temporal CLI through the codec endpoint', async () => {
    const token = await system.tokenOf('auditor');
    const decoded = readableText(
      await rawHistory(
        caseWorkflowId(duf),
        '--codec-endpoint',
        `${system.baseUrl}/codec`,
        '--codec-auth',
        `Bearer ${token}`,
      ),
    );
    expect(decoded).toContain(applicant.fullName);
    expect(decoded).toContain(applicant.residence.address);
  });

  describe('the codec endpoint, as the Temporal Web UI calls it', () => {
    let sealed: { metadata: Record<string, string>; data: string }[];
    let cookie: string;

    beforeAll(async () => {
      const login = await api('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: TEST_USERS.auditor, password: TEST_PASSWORD }),
      });
      const setCookie =
        login.headers.getSetCookie().find((line) => line.startsWith(CODEC_SESSION_COOKIE)) ?? '';
      expect(setCookie).toMatch(
        new RegExp(`^${CODEC_SESSION_COOKIE}=[^;]+; Max-Age=\\d+; Path=/codec; HttpOnly; SameSite=Strict$`),
      );
      cookie = setCookie.split(';')[0] ?? '';
      // The start event's input, exactly as Temporal stores it.
      const { history } = await system.server.client.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId: caseWorkflowId(duf) },
      });
      const payloads = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
      sealed = payloads.map((payload) => ({
        metadata: Object.fromEntries(
          Object.entries(payload.metadata ?? {}).map(([key, value]) => [
            key,
            Buffer.from(value).toString('base64'),
          ]),
        ),
        data: Buffer.from(payload.data ?? []).toString('base64'),
      }));
      expect(Buffer.from(sealed[0]?.metadata['encoding'] ?? '', 'base64').toString()).toBe(
        'binary/encrypted',
      );
    });

    const decode = (headers: Record<string, string>, body: unknown = { payloads: sealed }) =>
      api('/codec/decode', { method: 'POST', headers, body: JSON.stringify(body) });

    it('decodes for a signed-in user with the session cookie, from the Web UI origin, with CORS credentials', async () => {
      const response = await decode({ cookie, origin: WEB_UI, 'x-namespace': 'default' });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(WEB_UI);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      const { payloads } = (await response.json()) as {
        payloads: { metadata: Record<string, string>; data: string }[];
      };
      expect(Buffer.from(payloads[0]?.metadata['encoding'] ?? '', 'base64').toString()).toBe('json/plain');
      expect(JSON.parse(Buffer.from(payloads[0]?.data ?? '', 'base64').toString())).toMatchObject({
        dufNumber: duf,
        applicant: { fullName: applicant.fullName },
      });
    });

    it('answers the preflight for the Web UI origin only', async () => {
      const preflight = (origin: string) =>
        fetch(`${system.baseUrl}/codec/decode`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,x-namespace',
          },
        });
      const allowed = await preflight(WEB_UI);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB_UI);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses without a sign-in, with the cookie on any other route, and for another namespace', async () => {
      expect((await decode({ origin: WEB_UI })).status).toBe(401);
      expect((await api(`/api/cases/${duf}`, { headers: { cookie } })).status).toBe(401);
      expect((await decode({ cookie, 'x-namespace': 'someone-else' })).status).toBe(403);
    });

    it('lets auditors decode but never encode; caseworkers encode what the worker can read', async () => {
      expect(
        (
          await api('/codec/encode', {
            method: 'POST',
            headers: { cookie },
            body: JSON.stringify({ payloads: [] }),
          })
        ).status,
      ).toBe(403);
      const token = await system.tokenOf('caseworker');
      const plain = {
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: Buffer.from('"hello"').toString('base64'),
      };
      const encoded = await api('/codec/encode', {
        method: 'POST',
        token,
        body: JSON.stringify({ payloads: [plain] }),
      });
      expect(encoded.status).toBe(200);
      const { payloads } = (await encoded.json()) as { payloads: unknown[] };
      const roundTrip = await decode({ cookie }, { payloads });
      expect(((await roundTrip.json()) as { payloads: unknown[] }).payloads).toEqual([plain]);
    });

    it('answers a tampered or malformed payload with 400, never 500', async () => {
      const tampered = sealed.map((payload) => ({
        ...payload,
        data: `${payload.data.slice(0, -8)}AAAAAAA=`,
      }));
      const refused = await decode({ cookie }, { payloads: tampered });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toMatch(/cannot decode/);
      expect((await decode({ cookie }, { payloads: [{ data: 'not base64!' }] })).status).toBe(400);
      expect((await decode({ cookie }, { payloads: 'all of them' })).status).toBe(400);
    });

    it("never lists the key ring's ids to the caller (they are for the API's log)", async () => {
      const b64 = (text: string) => Buffer.from(text).toString('base64');
      const foreign = sealed.map((payload) => ({
        ...payload,
        metadata: { ...payload.metadata, 'encryption-key-id': b64('a-key-from-elsewhere') },
      }));
      const refused = await decode({ cookie }, { payloads: foreign });
      expect(refused.status).toBe(400);
      const { message } = (await refused.json()) as { message: string };
      expect(message).toMatch(/^cannot decode: .*a key this codec does not hold/);
      expect(message).not.toContain('test-key-1');
    });

    it('ends the cookie session on sign-out', async () => {
      const logout = await api('/api/auth/logout', { method: 'POST', headers: { cookie } });
      expect(logout.status).toBe(204);
      expect(logout.headers.getSetCookie()).toContainEqual(
        expect.stringMatching(new RegExp(`^${CODEC_SESSION_COOKIE}=; Max-Age=0; Path=/codec`)),
      );
    });
  });
});
