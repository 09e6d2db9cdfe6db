import { anApplication } from '@saksflyt/domain/testing';
import { startTestSystem, TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { CSRF_REFUSED } from './access';
import { CSRF_COOKIE, CSRF_HEADER } from './csrf';
import { API_SESSION_COOKIE, CODEC_SESSION_COOKIE } from './session-cookie';

/**
 * The admin UI's cookie session (issue 15, point 9), as a browser would hold it: a small cookie jar that keeps what
 * the API sets for `/api` and drops what it expires, so "signed out" means what it means in a browser.
 */
class Browser {
  private readonly jar = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  /** Sends a request with the jar's cookies (as a browser would to a path under `/api`), and keeps what it sets. */
  async fetch(
    route: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ) {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${route}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split('; ');
      const [name = '', value = ''] = pair.split('=');
      if (!attributes.includes('Path=/api')) continue;
      if (attributes.includes('Max-Age=0')) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }

  async signIn(username: string) {
    const response = await this.fetch('/api/auth/login', {
      method: 'POST',
      body: { username, password: TEST_PASSWORD },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accessToken: string; csrfToken: string; expiresAt: string };
    return { body, setCookies: response.headers.getSetCookie() };
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }
}

describe("the admin UI's session cookie: a new tab is signed in, and another site cannot act through it", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '100' });
  }, 120_000);
  afterAll(() => system?.stop());

  let nextDuf = 202490000001;
  /** A case lodged through the API with a bearer token, as the tests' other clients do. */
  async function lodgedCase(): Promise<string> {
    const dufNumber = String(nextDuf++);
    const created = await system.request('caseworker', 'POST', '/api/cases', anApplication({ dufNumber }));
    expect(created.status).toBe(201);
    return dufNumber;
  }
  async function eventCount(dufNumber: string): Promise<number> {
    const response = await system.request('caseworker', 'GET', `/api/cases/${dufNumber}/events`);
    return ((await response.json()) as unknown[]).length;
  }
  const note = (dufNumber: string) => `/api/cases/${dufNumber}/commands/addNote`;

  it('sets the session and CSRF cookies HttpOnly, SameSite=Strict, on /api, for as long as the token lives', async () => {
    const browser = new Browser(system.baseUrl);
    const { body, setCookies } = await browser.signIn(TEST_USERS.caseworker);
    const ttl = system.settings.api.tokenTtlSeconds;
    const session = setCookies.find((line) => line.startsWith(`${API_SESSION_COOKIE}=`));
    expect(session).toBe(
      `${API_SESSION_COOKIE}=${body.accessToken}; Max-Age=${ttl}; Path=/api; HttpOnly; SameSite=Strict`,
    );
    const csrf = setCookies.find((line) => line.startsWith(`${CSRF_COOKIE}=`)) ?? '';
    expect(csrf).toMatch(
      new RegExp(
        `^${CSRF_COOKIE}=${body.csrfToken}; Max-Age=${ttl}; Path=/api; Expires=[^;]+; HttpOnly; SameSite=Strict$`,
      ),
    );
    // The codec's cookie stays on its own path.
    expect(setCookies.find((line) => line.startsWith(`${CODEC_SESSION_COOKIE}=`))).toMatch(/; Path=\/codec;/);
    // The cookie session ends when the token does.
    const expires = Date.parse(csrf.match(/Expires=([^;]+)/)?.[1] ?? '');
    expect(Math.abs(expires - Date.parse(body.expiresAt))).toBeLessThan(2_000);
  });

  it('reads with the cookie alone, and tells a new tab who is signed in without ever answering the token', async () => {
    const browser = new Browser(system.baseUrl);
    const { body } = await browser.signIn(TEST_USERS.caseworker);
    const dufNumber = await lodgedCase();

    const me = await browser.fetch('/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ username: TEST_USERS.caseworker, role: 'caseworker' });
    expect((await browser.fetch(`/api/cases/${dufNumber}`)).status).toBe(200);

    // A new tab: the same cookies, nothing in its storage. It learns who is signed in and the same CSRF token.
    const session = await browser.fetch('/api/auth/session');
    expect(session.status).toBe(200);
    const answer = (await session.json()) as Record<string, unknown>;
    expect(answer).toEqual({
      signedIn: true,
      username: TEST_USERS.caseworker,
      role: 'caseworker',
      expiresAt: expect.any(String),
      csrfToken: body.csrfToken,
    });
    expect(Math.abs(Date.parse(String(answer.expiresAt)) - Date.parse(body.expiresAt))).toBeLessThan(1_000);
    expect(JSON.stringify(answer)).not.toContain(body.accessToken);

    // No cookie: not signed in, which is an answer, not an error.
    const stranger = await fetch(`${system.baseUrl}/api/auth/session`);
    expect(stranger.status).toBe(200);
    expect(await stranger.json()).toEqual({ signedIn: false });
    expect((await fetch(`${system.baseUrl}/api/me`)).status).toBe(401);
  });

  it('refuses a state-changing request signed in by the cookie alone without the CSRF token (403), and it changes nothing', async () => {
    const browser = new Browser(system.baseUrl);
    await browser.signIn(TEST_USERS.caseworker);
    const other = new Browser(system.baseUrl);
    const otherSession = await other.signIn(TEST_USERS.caseworker);
    const dufNumber = await lodgedCase();
    const before = await eventCount(dufNumber);

    const attempts: Record<string, string>[] = [
      {},
      { [CSRF_HEADER]: '' },
      { [CSRF_HEADER]: 'made-up.token' },
      // Another session's token, even of the same user, is not this session's.
      { [CSRF_HEADER]: otherSession.body.csrfToken },
    ];
    for (const headers of attempts) {
      const refused = await browser.fetch(note(dufNumber), {
        method: 'POST',
        headers,
        body: { text: 'forged' },
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toBe(CSRF_REFUSED);
    }
    const lodging = await browser.fetch('/api/cases', {
      method: 'POST',
      body: anApplication({ dufNumber: '202490009999' }),
    });
    expect(lodging.status).toBe(403);

    expect(await eventCount(dufNumber)).toBe(before);
    expect((await system.request('caseworker', 'GET', '/api/cases/202490009999')).status).toBe(404);
  });

  it('refuses the right token in the header when the CSRF cookie is missing (the double submit needs both)', async () => {
    const browser = new Browser(system.baseUrl);
    const { body } = await browser.signIn(TEST_USERS.caseworker);
    const dufNumber = await lodgedCase();
    const refused = await fetch(`${system.baseUrl}${note(dufNumber)}`, {
      method: 'POST',
      headers: {
        cookie: `${API_SESSION_COOKIE}=${browser.cookie(API_SESSION_COOKIE)}`,
        'content-type': 'application/json',
        [CSRF_HEADER]: body.csrfToken,
      },
      body: JSON.stringify({ text: 'no CSRF cookie' }),
    });
    expect(refused.status).toBe(403);
  });

  it("accepts a state-changing request with the session's CSRF token, from the sign-in or from a new tab's session", async () => {
    const browser = new Browser(system.baseUrl);
    const { body } = await browser.signIn(TEST_USERS.caseworker);
    const dufNumber = await lodgedCase();
    const before = await eventCount(dufNumber);

    const noted = await browser.fetch(note(dufNumber), {
      method: 'POST',
      headers: { [CSRF_HEADER]: body.csrfToken },
      body: { text: 'written in the first tab' },
    });
    expect(noted.status).toBe(200);
    const { csrfToken } = (await (await browser.fetch('/api/auth/session')).json()) as { csrfToken: string };
    const again = await browser.fetch(note(dufNumber), {
      method: 'POST',
      headers: { [CSRF_HEADER]: csrfToken },
      body: { text: 'written in a new tab' },
    });
    expect(again.status).toBe(200);

    const events = (await (await browser.fetch(`/api/cases/${dufNumber}/events`)).json()) as {
      type: string;
      actor: { id: string };
    }[];
    expect(events).toHaveLength(before + 2);
    expect(events.slice(-2).map((event) => event.actor.id)).toEqual([
      TEST_USERS.caseworker,
      TEST_USERS.caseworker,
    ]);
  });

  it('ends the cookie session on sign-out: the cookies are cleared and the browser is signed out', async () => {
    const browser = new Browser(system.baseUrl);
    const { body } = await browser.signIn(TEST_USERS.caseworker);
    expect((await browser.fetch('/api/me')).status).toBe(200);

    const out = await browser.fetch('/api/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().map((line) => line.split('; ').slice(0, 3).join('; '));
    expect(cleared).toEqual(
      expect.arrayContaining([
        `${API_SESSION_COOKIE}=; Max-Age=0; Path=/api`,
        `${CSRF_COOKIE}=; Max-Age=0; Path=/api`,
        `${CODEC_SESSION_COOKIE}=; Max-Age=0; Path=/codec`,
      ]),
    );
    expect(browser.cookie(API_SESSION_COOKIE)).toBeUndefined();
    expect(await (await browser.fetch('/api/auth/session')).json()).toEqual({ signedIn: false });
    expect((await browser.fetch('/api/me')).status).toBe(401);
    const dufNumber = await lodgedCase();
    const refused = await browser.fetch(note(dufNumber), {
      method: 'POST',
      headers: { [CSRF_HEADER]: body.csrfToken },
      body: { text: 'after sign-out' },
    });
    expect(refused.status).toBe(401);
  });

  it('ends the cookie session on sign-out everywhere (a POST that needs the CSRF token too)', async () => {
    const browser = new Browser(system.baseUrl);
    const { body } = await browser.signIn(TEST_USERS.admin);
    const session = browser.cookie(API_SESSION_COOKIE);
    expect((await browser.fetch('/api/auth/logout-all', { method: 'POST' })).status).toBe(403);
    expect((await browser.fetch('/api/me')).status).toBe(200);
    const out = await browser.fetch('/api/auth/logout-all', {
      method: 'POST',
      headers: { [CSRF_HEADER]: body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(browser.cookie(API_SESSION_COOKIE)).toBeUndefined();
    // Even a copy of the cookie kept from before is refused now: the token was revoked.
    const copy = await fetch(`${system.baseUrl}/api/me`, {
      headers: { cookie: `${API_SESSION_COOKIE}=${session}` },
    });
    expect(copy.status).toBe(401);
  });

  it("ends the cookie session when the account's password is reset (issue 13's revocation holds for the cookie)", async () => {
    const browser = new Browser(system.baseUrl);
    const { body } = await browser.signIn(TEST_USERS.auditor);
    expect((await browser.fetch('/api/me')).status).toBe(200);

    await system.users.resetPassword(TEST_USERS.auditor, 'a-new-long-password');
    try {
      expect((await browser.fetch('/api/me')).status).toBe(401);
      expect(await (await browser.fetch('/api/auth/session')).json()).toEqual({ signedIn: false });
      const replay = await browser.fetch('/api/audit/replay', {
        method: 'POST',
        headers: { [CSRF_HEADER]: body.csrfToken },
        body: { dufNumbers: ['202490000001'] },
      });
      expect(replay.status).toBe(401);
    } finally {
      await system.users.resetPassword(TEST_USERS.auditor, TEST_PASSWORD);
    }
  });

  it('keeps bearer tokens working unchanged, with no cookie and no CSRF token (the CLI and integrations)', async () => {
    const token = await system.tokenOf('caseworker');
    const dufNumber = await lodgedCase();
    const before = await eventCount(dufNumber);
    const noted = await fetch(`${system.baseUrl}${note(dufNumber)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'from an integration' }),
    });
    expect(noted.status).toBe(200);
    expect(await eventCount(dufNumber)).toBe(before + 1);
    // A bearer caller may ask who it is, too; a CSRF token is for cookie sessions only.
    const session = await fetch(`${system.baseUrl}/api/auth/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await session.json()).toEqual({
      signedIn: true,
      username: TEST_USERS.caseworker,
      role: 'caseworker',
      expiresAt: expect.any(String),
    });
  });
});
