import { TokenService } from '@saksflyt/accounts';
import { COMMAND_NAMES } from '@saksflyt/domain';
import { anApplication } from '@saksflyt/domain/testing';
import { startTestSystem, TEST_PASSWORD, TEST_USERS, type TestSystem } from './__fixtures__/test-system';

/** Everyone who may knock: the three roles, and five ways of holding no valid sign-in. */
const CALLERS = [
  'caseworker',
  'auditor',
  'admin',
  'nobody',
  'expired',
  'tampered',
  'disabled',
  'revoked',
] as const;
type Caller = (typeof CALLERS)[number];
const ROLES = ['caseworker', 'auditor', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** A role that may call the route gets past the guard: any answer but 401 and 403, and never a 5xx. */
const PASSES = 'passes';
type Expected = typeof PASSES | 401 | 403;

interface Row {
  method: 'GET' | 'POST';
  /** The route as Nest declares it, to check that the matrix covers every route there is. */
  pattern: string;
  path: string;
  body?: unknown;
  /** Who gets past the guard; everyone else among the roles gets 403. Undefined: public. */
  roles?: readonly Role[];
  /**
   * The route ends the caller's own tokens (sign out everywhere): the roles call it with an account of their role
   * kept for it, so the matrix's other rows keep their tokens.
   */
  spareAccounts?: true;
}

const DUF = '202430000001';
/** Whose tokens the admin row revokes: an account nobody else in the matrix uses. */
const LEAVER = 'leaver';
const spareAccount = (role: Role) => `spare-${role}`;
const CHANGERS = ['caseworker', 'admin'] as const;
const READERS = ROLES;
const AUDITORS = ['auditor', 'admin'] as const;

const ROWS: Row[] = [
  {
    method: 'POST',
    pattern: '/api/auth/login',
    path: '/api/auth/login',
    body: { username: '', password: '' },
  },
  { method: 'POST', pattern: '/api/auth/logout', path: '/api/auth/logout' },
  // Anyone may ask whether they are signed in: a bad or missing token is `{ signedIn: false }`, not a 401.
  { method: 'GET', pattern: '/api/auth/session', path: '/api/auth/session' },
  {
    method: 'POST',
    pattern: '/api/auth/logout-all',
    path: '/api/auth/logout-all',
    roles: READERS,
    spareAccounts: true,
  },
  {
    method: 'POST',
    pattern: '/api/users/:username/revoke-tokens',
    path: `/api/users/${LEAVER}/revoke-tokens`,
    roles: ['admin'],
  },
  { method: 'GET', pattern: '/api/health', path: '/api/health' },
  { method: 'GET', pattern: '/api/health/live', path: '/api/health/live' },
  { method: 'GET', pattern: '/api/health/ready', path: '/api/health/ready' },
  { method: 'GET', pattern: '/api/docs', path: '/api/docs' },
  { method: 'GET', pattern: '/api/me', path: '/api/me', roles: READERS },
  { method: 'GET', pattern: '/api/dashboard', path: '/api/dashboard', roles: READERS },
  { method: 'GET', pattern: '/api/stats/processing', path: '/api/stats/processing', roles: READERS },
  { method: 'GET', pattern: '/api/cases', path: '/api/cases', roles: READERS },
  // An invalid application: whoever passes the guard gets 400, and no case is opened by the matrix.
  { method: 'POST', pattern: '/api/cases', path: '/api/cases', body: { dufNumber: 'bad' }, roles: CHANGERS },
  { method: 'GET', pattern: '/api/cases/:dufNumber', path: `/api/cases/${DUF}`, roles: READERS },
  {
    method: 'GET',
    pattern: '/api/cases/:dufNumber/events',
    path: `/api/cases/${DUF}/events`,
    roles: READERS,
  },
  {
    method: 'GET',
    pattern: '/api/cases/:dufNumber/messages',
    path: `/api/cases/${DUF}/messages`,
    roles: READERS,
  },
  {
    method: 'GET',
    pattern: '/api/cases/:dufNumber/state',
    path: `/api/cases/${DUF}/state?asOf=1`,
    roles: READERS,
  },
  {
    method: 'GET',
    pattern: '/api/cases/:dufNumber/history',
    path: `/api/cases/${DUF}/history`,
    roles: AUDITORS,
  },
  {
    method: 'GET',
    pattern: '/api/cases/:dufNumber/export',
    path: `/api/cases/${DUF}/export?format=json`,
    roles: AUDITORS,
  },
  // Every command, with a body no command accepts: passing the guard means 400, so nothing changes.
  ...COMMAND_NAMES.map((command): Row => ({
    method: 'POST',
    pattern: '/api/cases/:dufNumber/commands/:command',
    path: `/api/cases/${DUF}/commands/${command}`,
    body: { __unknownField: true },
    roles: CHANGERS,
  })),
  // A valid assignCase that changes nothing (the case waits unassigned in the queue its status calls for): past the
  // guard it is a 200, so the matrix shows who may assign and not only who may send a malformed payload.
  {
    method: 'POST',
    pattern: '/api/cases/:dufNumber/commands/:command',
    path: `/api/cases/${DUF}/commands/assignCase`,
    body: { assignee: null },
    roles: CHANGERS,
  },
  // Work allocation: the teams for everyone; whom to hand a case to for those who assign; who holds how much for admins.
  { method: 'GET', pattern: '/api/teams', path: '/api/teams', roles: READERS },
  { method: 'GET', pattern: '/api/users/assignable', path: '/api/users/assignable', roles: CHANGERS },
  { method: 'GET', pattern: '/api/stats/workload', path: '/api/stats/workload', roles: ['admin'] },
  { method: 'GET', pattern: '/api/policy', path: '/api/policy', roles: READERS },
  // A draft with an unknown oblast: whoever passes the guard gets 400, and no case is read.
  {
    method: 'POST',
    pattern: '/api/policy/impact',
    path: '/api/policy/impact',
    body: { internalProtectionSafeOblasts: ['Narnia'] },
    roles: READERS,
  },
  // Publishing is for admins; an unknown oblast makes it a 400 past the guard, and nothing is published.
  {
    method: 'POST',
    pattern: '/api/policy/versions',
    path: '/api/policy/versions',
    body: { internalProtectionSafeOblasts: ['Narnia'] },
    roles: ['admin'],
  },
  {
    method: 'POST',
    pattern: '/api/audit/replay',
    path: '/api/audit/replay',
    body: { dufNumbers: ['bad'] },
    roles: AUDITORS,
  },
  // The log of person searches names who looked up whom: for auditors and admins.
  {
    method: 'GET',
    pattern: '/api/audit/person-searches',
    path: '/api/audit/person-searches',
    roles: AUDITORS,
  },
  // A job that does not exist: whoever passes the guard gets 404, and no replay starts.
  {
    method: 'GET',
    pattern: '/api/audit/replay/:job',
    path: '/api/audit/replay/00000000-0000-4000-8000-000000000000',
    roles: AUDITORS,
  },
  { method: 'POST', pattern: '/codec/decode', path: '/codec/decode', body: { payloads: [] }, roles: READERS },
  {
    method: 'POST',
    pattern: '/codec/encode',
    path: '/codec/encode',
    body: { payloads: [] },
    roles: CHANGERS,
  },
];

function expectedFor(row: Row, caller: Caller): Expected {
  if (!row.roles) return PASSES;
  if (!(ROLES as readonly string[]).includes(caller)) return 401;
  return row.roles.includes(caller as Role) ? PASSES : 403;
}

/** The routes the running Nest application serves (Express 5 keeps them on `app.router`). */
function servedRoutes(system: TestSystem): string[] {
  const express = system.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${layer.route?.path}`)
      : [],
  );
}

describe('least privilege: every route × every role, no token, an expired, a tampered, a revoked token, a disabled account', () => {
  let system: TestSystem;
  const tokens = new Map<Caller, string | undefined>();
  const spareTokens = new Map<Role, string>();

  beforeAll(async () => {
    system = await startTestSystem({ SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    for (const role of ROLES) tokens.set(role, await system.tokenOf(role));
    await system.users.add(LEAVER, 'caseworker', TEST_PASSWORD);
    for (const role of ROLES) {
      await system.users.add(spareAccount(role), role, TEST_PASSWORD);
      const signedIn = await fetch(`${system.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: spareAccount(role), password: TEST_PASSWORD }),
      });
      spareTokens.set(role, ((await signedIn.json()) as { accessToken: string }).accessToken);
    }
    const versionOf = (username: string) => system.users.find(username)?.tokenVersion ?? 0;
    const signing = new TokenService(
      TokenService.secretFrom(system.settings.dataDir, system.settings.api.tokenSecret),
      -10,
    );
    tokens.set(
      'expired',
      (
        await signing.issue({
          username: TEST_USERS.caseworker,
          role: 'caseworker',
          tokenVersion: versionOf(TEST_USERS.caseworker),
        })
      ).accessToken,
    );
    const valid = tokens.get('admin') ?? '';
    // The payload says admin; the signature no longer matches it.
    const [header, payload] = valid.split('.');
    tokens.set('tampered', `${header}.${payload}.${'A'.repeat(43)}`);
    const fresh = new TokenService(
      TokenService.secretFrom(system.settings.dataDir, system.settings.api.tokenSecret),
      3600,
    );
    tokens.set(
      'disabled',
      // Signed with the account's current version: refused because the account is disabled, nothing else.
      (
        await fresh.issue({
          username: TEST_USERS.disabled,
          role: 'caseworker',
          tokenVersion: versionOf(TEST_USERS.disabled),
        })
      ).accessToken,
    );
    // A token from before its account's sign-out everywhere.
    await system.users.add('revoked', 'admin', TEST_PASSWORD);
    const revoked = await fetch(`${system.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'revoked', password: TEST_PASSWORD }),
    });
    tokens.set('revoked', ((await revoked.json()) as { accessToken: string }).accessToken);
    system.users.revokeTokens('revoked');
    const opened = await fetch(`${system.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('caseworker')}` },
      body: JSON.stringify(anApplication({ dufNumber: DUF })),
    });
    expect(opened.status).toBe(201);
  }, 120_000);
  afterAll(() => system?.stop());

  async function call(row: Row, caller: Caller) {
    const spare = row.spareAccounts ? spareTokens.get(caller as Role) : undefined;
    const token = spare ?? tokens.get(caller);
    const response = await fetch(`${system.baseUrl}${row.path}`, {
      method: row.method,
      headers: {
        ...(row.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(row.body === undefined ? {} : { body: JSON.stringify(row.body) }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('covers every route the API serves, and no route it does not', () => {
    const covered = [...new Set(ROWS.map((row) => `${row.method} ${row.pattern}`))].sort();
    expect([...new Set(servedRoutes(system))].sort()).toEqual(covered);
  });

  it.each(ROWS.flatMap((row) => CALLERS.map((caller) => [row.method, row.path, caller, row] as const)))(
    '%s %s as %s',
    async (_method, _path, caller, row) => {
      const status = await call(row, caller);
      const expected = expectedFor(row, caller);
      if (expected === PASSES) {
        expect(status).not.toBe(401);
        expect(status).not.toBe(403);
        expect(status).toBeLessThan(500);
      } else {
        expect(status).toBe(expected);
      }
    },
  );

  it('never lets an auditor change a case: every command refused, the events untouched', async () => {
    const eventsOf = async () =>
      (await fetch(`${system.baseUrl}/api/cases/${DUF}/events`, {
        headers: { authorization: `Bearer ${tokens.get('auditor')}` },
      }).then((response) => response.json())) as unknown[];
    const before = await eventsOf();
    for (const command of COMMAND_NAMES) {
      const response = await fetch(`${system.baseUrl}/api/cases/${DUF}/commands/${command}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('auditor')}` },
        body: JSON.stringify({
          contact: { email: 'auditor@example.org' },
          receivedAt: new Date().toISOString(),
        }),
      });
      expect(response.status).toBe(403);
    }
    expect(await eventsOf()).toEqual(before);
  });

  it.each(CHANGERS)('records the actor from the token (%s), whatever the body claims', async (role) => {
    const response = await fetch(`${system.baseUrl}/api/cases/${DUF}/commands/updateContactInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(role)}` },
      body: JSON.stringify({
        contact: { email: `${role}@example.org` },
        actor: { id: 'impostor', role: 'auditor' },
      }),
    });
    expect(response.status).toBe(200);
    const events = (await fetch(`${system.baseUrl}/api/cases/${DUF}/events`, {
      headers: { authorization: `Bearer ${tokens.get(role)}` },
    }).then((answer) => answer.json())) as { type: string; actor: unknown }[];
    expect(events.at(-1)).toMatchObject({
      type: 'ContactInfoUpdated',
      actor: { id: TEST_USERS[role], role },
    });
  });
});
