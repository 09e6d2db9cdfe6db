import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { partnerAndDataDir, signatureVerifies } from './__fixtures__/http-receiver';
import { createActivities, type ActivityDependencies, type CaseActivities } from './index';

const SECRETS = { une: 'une-secret', police: 'police-secret' } as const;

let seq = 0;
const scene = partnerAndDataDir(
  'saksflyt-forward-',
  Object.keys(SECRETS).map((port) => `/${port}`),
);

const endpoints = (): ActivityDependencies['integrations'] => ({
  une: { url: `${scene.partner.url}/une`, secret: SECRETS.une },
  police: { url: `${scene.partner.url}/police`, secret: SECRETS.police },
});

type Context = { key: string; dufNumber: string };
const context = (): Context => ({ key: `case-202412345678:${++seq}`, dufNumber: '202412345678' });

const forwards: [
  activity: string,
  port: keyof typeof SECRETS,
  kind: string,
  call: (a: CaseActivities, c: Context) => Promise<unknown>,
  sent: Record<string, unknown>,
][] = [
  [
    'forwardToUne',
    'une',
    'forward-to-une',
    (a, c) => a.forwardToUne({ ...c, subject: 'document', description: 'A birth certificate, by post' }),
    { subject: 'document', description: 'A birth certificate, by post' },
  ],
  [
    'forwardOriginalToPolice',
    'police',
    'forward-original-to-police',
    (a, c) => a.forwardOriginalToPolice({ ...c, description: 'An original passport, by post' }),
    { description: 'An original passport, by post' },
  ],
];

describe.each(forwards)('%s', (_activity, port, kind, call, sent) => {
  it(`POSTs a signed ${kind} to the ${port} endpoint once per key; the second call is a duplicate`, async () => {
    const c = context();

    const first = await call(createActivities({ dataDir: scene.dataDir, integrations: endpoints() }), c);
    const second = await call(createActivities({ dataDir: scene.dataDir, integrations: endpoints() }), c);

    expect(first).toEqual({ key: c.key, channel: port, deliveredAt: expect.any(String), duplicate: false });
    expect(second).toEqual({ ...(first as object), duplicate: true });
    const requests = scene.partner.requestsTo(`/${port}`);
    expect(requests).toHaveLength(1);
    expect(requests[0] && signatureVerifies(requests[0], SECRETS[port])).toBe(true);
    expect(requests[0]?.headers['idempotency-key']).toBe(c.key);
    expect(JSON.parse(requests[0]?.body ?? '{}')).toEqual({
      kind,
      key: c.key,
      dufNumber: c.dufNumber,
      ...sent,
    });
  });

  it(`writes one ${kind} record to outbox/${port} once per key when no endpoint is configured`, async () => {
    const c = context();

    const first = await call(createActivities({ dataDir: scene.dataDir }), c);
    const second = await call(createActivities({ dataDir: scene.dataDir }), c);

    expect(first).toMatchObject({ channel: `outbox:${port}`, duplicate: false });
    expect(second).toEqual({ ...(first as object), duplicate: true });
    const files = await readdir(path.join(scene.dataDir, 'outbox', port));
    expect(files).toEqual([`${c.key.replace(':', '~')}.json`]);
    const record = JSON.parse(
      await readFile(path.join(scene.dataDir, 'outbox', port, files[0] ?? ''), 'utf8'),
    );
    expect(record.message).toEqual({ kind, key: c.key, dufNumber: c.dufNumber, ...sent });
    expect(scene.partner.requests).toHaveLength(0);
  });
});

describe('forwarding refuses invalid input', () => {
  it.each([
    [
      'forwardToUne with an unknown subject',
      (a: CaseActivities) =>
        a.forwardToUne({ ...context(), subject: 'gossip' as never, description: 'A letter' }),
    ],
    [
      'forwardToUne with an empty description',
      (a: CaseActivities) => a.forwardToUne({ ...context(), subject: 'document', description: ' ' }),
    ],
    [
      'forwardOriginalToPolice with an empty description',
      (a: CaseActivities) => a.forwardOriginalToPolice({ ...context(), description: '' }),
    ],
  ])('%s, as a non-retryable ValidationError, sending nothing', async (_what, call) => {
    const failure = await call(createActivities({ dataDir: scene.dataDir, integrations: endpoints() })).catch(
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({ type: 'ValidationError', nonRetryable: true });
    expect(scene.partner.requests).toHaveLength(0);
  });
});
