import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { partnerAndDataDir, signatureVerifies } from './__fixtures__/http-receiver';
import { signedRequestProblem } from './signed-http-endpoint';
import { createActivities, type ActivityDependencies, type CaseActivities } from './index';

const SECRETS = {
  police: 'police-secret',
  une: 'une-secret',
  dublinUnit: 'dublin-secret',
  lawyerScheme: 'lawyer-secret',
} as const;
type Port = keyof typeof SECRETS;

let seq = 0;
const scene = partnerAndDataDir(
  'saksflyt-activities-',
  Object.keys(SECRETS).map((port) => `/${port}`),
);

function activities(integrations: ActivityDependencies['integrations'] = everyPartner()): CaseActivities {
  return createActivities({ dataDir: scene.dataDir, integrations });
}

function everyPartner(): NonNullable<ActivityDependencies['integrations']> {
  const endpoint = (port: Port) => ({ url: `${scene.partner.url}/${port}`, secret: SECRETS[port] });
  return {
    police: endpoint('police'),
    une: endpoint('une'),
    dublinUnit: endpoint('dublinUnit'),
    lawyerScheme: endpoint('lawyerScheme'),
  };
}

type Context = { key: string; dufNumber: string };
const context = (): Context => ({ key: `case-202412345678:${++seq}`, dufNumber: '202412345678' });

const notifyPolice = (a: CaseActivities, c: Context = context()) =>
  a.notifyPolice({ ...c, reason: 'dublin-transfer-due', responsibleState: 'SE', dueAt: '2027-06-16' });

/** One call of each scene.partner activity, with the port it must reach and the kind of message it sends. */
const calls: [Port, string, (a: CaseActivities, c: Context) => Promise<unknown>][] = [
  ['police', 'notify-police', notifyPolice],
  [
    'une',
    'hand-case-to-une',
    (a, c) =>
      a.handCaseToUne({
        ...c,
        casePackage: {
          application: { dufNumber: c.dufNumber },
          decision: { outcome: 'rejected' },
          events: [],
        },
      }),
  ],
  [
    'dublinUnit',
    'send-dublin-request',
    (a, c) =>
      a.sendDublinRequest({
        ...c,
        responsibleState: 'PL',
        procedure: 'take-back',
        eurodacHit: true,
        replyDueAt: '2026-12-30T12:00:00Z',
      }),
  ],
  [
    'lawyerScheme',
    'assign-lawyer',
    (a, c) =>
      a.assignLawyer({
        ...c,
        against: 'rejection',
        decision: {
          outcome: 'rejected',
          grounds: 'Internal protection in Lviv',
          decidedAt: '2026-12-01T10:00:00Z',
          appealDueAt: '2026-12-22',
        },
      }),
  ],
];

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the activity to fail');
    },
    (error: Error) => error,
  );
}

describe.each(calls)('the %s endpoint', (port, kind, call) => {
  it('receives a JSON POST whose signature verifies with its secret', async () => {
    const c = context();

    const receipt = await call(activities(), c);

    expect(receipt).toEqual({ key: c.key, channel: port, deliveredAt: expect.any(String), duplicate: false });
    const [request] = scene.partner.requestsTo(`/${port}`);
    expect(scene.partner.requests).toHaveLength(1);
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe(c.key);
    expect(request && signatureVerifies(request, SECRETS[port])).toBe(true);
    expect(request && signatureVerifies(request, 'someone-else')).toBe(false);
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ kind, key: c.key, dufNumber: c.dufNumber });
  });

  it('signs the timestamp and the idempotency key with the body: a receiver refuses a replay, another key or a changed body', async () => {
    const c = context();
    await call(activities(), c);
    const [request] = scene.partner.requestsTo(`/${port}`);
    if (!request) throw new Error('nothing was received');
    const signed = { body: request.body, headers: request.headers };
    const sentAt = Number(request.headers['x-saksflyt-timestamp']) * 1000;
    expect(signedRequestProblem(signed, SECRETS[port], sentAt + 60_000)).toBeUndefined();
    // Five minutes later the same bytes are a replay (issue 13, finding 8).
    expect(signedRequestProblem(signed, SECRETS[port], sentAt + 301_000)).toMatch(/replay/);
    expect(
      signedRequestProblem(
        { ...signed, headers: { ...signed.headers, 'idempotency-key': 'case-1:1:0' } },
        SECRETS[port],
      ),
    ).toBe('the signature does not verify');
    expect(signedRequestProblem({ ...signed, body: `${signed.body} ` }, SECRETS[port])).toBe(
      'the signature does not verify',
    );
    const { 'x-saksflyt-timestamp': _dropped, ...untimed } = signed.headers;
    expect(signedRequestProblem({ ...signed, headers: untimed }, SECRETS[port])).toBe('no timestamp');
  });

  it('is reached once for a key called twice, and the second receipt says duplicate', async () => {
    const c = context();

    const first = await call(activities(), c);
    const second = await call(activities(), c);

    expect(second).toEqual({ ...(first as object), duplicate: true });
    expect(scene.partner.requestsTo(`/${port}`)).toHaveLength(1);
  });
});

describe('how an endpoint’s answer is retried', () => {
  it.each([400, 401, 403, 404, 422])('%i is a non-retryable ConfigurationError', async (status) => {
    scene.partner.answer('/police', status);

    const failure = await failureOf(notifyPolice(activities()));

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'ConfigurationError', nonRetryable: true });
    expect(failure.message).toContain(String(status));
  });

  it.each([503, 500, 429, 408])(
    '%i is retryable, and the retry delivers once the endpoint recovers',
    async (status) => {
      scene.partner.answer('/police', status, 202);
      const c = context();

      const failure = await failureOf(notifyPolice(activities(), c));
      expect(failure instanceof ApplicationFailure && failure.nonRetryable).toBe(false);
      expect(failure.message).toContain(String(status));

      const receipt = await notifyPolice(activities(), c);
      expect(receipt).toMatchObject({ duplicate: false });
      expect(scene.partner.requestsTo('/police')).toHaveLength(2);
      expect(new Set(scene.partner.requests.map((r) => r.headers['idempotency-key']))).toEqual(
        new Set([c.key]),
      );
    },
  );

  it('treats a refused connection as retryable', async () => {
    const failure = await failureOf(
      notifyPolice(activities({ police: { url: 'http://127.0.0.1:1/police', secret: SECRETS.police } })),
    );

    expect(failure instanceof ApplicationFailure && failure.nonRetryable).toBe(false);
  });

  it.each([
    ['a malformed URL', { url: 'not a url', secret: SECRETS.police }],
    ['a URL that is not http(s)', { url: 'ftp://127.0.0.1/police', secret: SECRETS.police }],
    ['an empty secret', { url: 'http://127.0.0.1:1/police', secret: '' }],
  ])('reports %s as a non-retryable ConfigurationError', async (_what, endpoint) => {
    const failure = await failureOf(notifyPolice(activities({ police: endpoint })));

    expect(failure).toMatchObject({ type: 'ConfigurationError', nonRetryable: true });
  });

  it('refuses invalid input as a non-retryable ValidationError before sending anything', async () => {
    const failure = await failureOf(
      activities().notifyPolice({ ...context(), reason: 'bored' as never, responsibleState: 'Sweden' }),
    );

    expect(failure).toMatchObject({ type: 'ValidationError', nonRetryable: true });
    expect(failure.message).toContain('responsibleState');
    expect(scene.partner.requests).toHaveLength(0);
  });

  it('assigns a lawyer even when the decision carries no appeal deadline', async () => {
    const receipt = await activities().assignLawyer({
      ...context(),
      against: 'dublin-transfer',
      decision: {
        outcome: 'transfer',
        grounds: 'Dublin: SE is responsible',
        decidedAt: '2026-12-01',
        appealDueAt: '',
      },
    });

    expect(receipt).toMatchObject({ channel: 'lawyerScheme', duplicate: false });
  });

  it('writes to the file outbox, and calls no endpoint, for a scene.partner that is not configured', async () => {
    const receipt = await notifyPolice(activities({}));

    expect(receipt).toMatchObject({ channel: 'outbox:police', duplicate: false });
    expect(scene.partner.requests).toHaveLength(0);
    expect(await readdir(path.join(scene.dataDir, 'outbox', 'police'))).toHaveLength(1);
  });
});

describe('whom the scene.partner names in its answer (DeliveryReceipt.reference)', () => {
  const assignLawyer = (a: CaseActivities, c: Context = context()) =>
    a.assignLawyer({
      ...c,
      against: 'rejection',
      decision: {
        outcome: 'rejected',
        grounds: 'Internal protection in Lviv',
        decidedAt: '2026-12-01T10:00:00Z',
        appealDueAt: '2026-12-22',
      },
    });

  it('returns the lawyer the lawyer scheme names, and again, from the ledger, on a duplicate delivery', async () => {
    scene.partner.replyWith('/lawyerScheme', { lawyer: 'Advokat Kari Nordmann', received: true });
    const c = context();

    const first = await assignLawyer(activities(), c);
    scene.partner.replyWith('/lawyerScheme', { lawyer: 'someone else' });
    const second = await assignLawyer(activities(), c);

    expect(first).toEqual({
      key: c.key,
      channel: 'lawyerScheme',
      deliveredAt: expect.any(String),
      duplicate: false,
      reference: 'Advokat Kari Nordmann',
    });
    expect(second).toEqual({ ...first, duplicate: true });
    expect(scene.partner.requestsTo('/lawyerScheme')).toHaveLength(1);
    const file = (await readdir(path.join(scene.dataDir, 'outbox', 'lawyerScheme')))[0] ?? '';
    const record = JSON.parse(
      await readFile(path.join(scene.dataDir, 'outbox', 'lawyerScheme', file), 'utf8'),
    );
    expect(record).toMatchObject({ key: c.key, reference: 'Advokat Kari Nordmann' });
  });

  it('takes `reference` when the answer names no lawyer', async () => {
    scene.partner.replyWith('/lawyerScheme', { reference: 'RH-2026-0042' });

    expect(await assignLawyer(activities())).toMatchObject({ reference: 'RH-2026-0042' });
  });

  it.each([
    ['an answer that is not JSON', 'Advokat Kari Nordmann', 'text/plain'],
    ['a JSON answer with no lawyer or reference', { received: true }, 'application/json'],
    ['a lawyer that is not a string', { lawyer: { name: 'Kari' } }, 'application/json'],
    ['an empty lawyer', { lawyer: '  ' }, 'application/json'],
    ['malformed JSON', '{"lawyer": ', 'application/json'],
  ])('names no one for %s, and the delivery stands', async (_what, body, contentType) => {
    scene.partner.replyWith('/lawyerScheme', body, contentType);

    const receipt = await assignLawyer(activities());

    expect(receipt).toMatchObject({ channel: 'lawyerScheme', duplicate: false });
    expect(receipt).not.toHaveProperty('reference');
  });

  it('names no one through the file outbox, which has no scene.partner to answer', async () => {
    const receipt = await assignLawyer(activities({}));

    expect(receipt).toMatchObject({ channel: 'outbox:lawyerScheme', duplicate: false });
    expect(receipt).not.toHaveProperty('reference');
  });
});
