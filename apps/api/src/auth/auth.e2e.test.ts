import { startTestSystem, TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { CSRF_COOKIE } from './csrf';
import { API_SESSION_COOKIE, CODEC_SESSION_COOKIE } from './session-cookie';

/** A sign-in from `baseUrl`, with whatever headers a proxy in front would add. */
async function login(
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { accessToken?: string; expiresAt?: string };
  const cookies = response.headers.getSetCookie();
  const codecCookie = cookies.find((line) => line.startsWith(`${CODEC_SESSION_COOKIE}=`)) ?? '';
  return { status: response.status, body, cookies, codecCookie };
}

async function call(baseUrl: string, method: string, route: string, token?: string) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  await response.arrayBuffer();
  return response;
}

describe('tokens end with a sign-out everywhere, a password change or an admin revoking them', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({
      SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '100',
      SAKSFLYT_API_METRICS_PORT: 'free',
    });
  }, 120_000);
  afterAll(() => system?.stop());

  const signIn = async (username: string) => {
    const answer = await login(system.baseUrl, username);
    expect(answer.status).toBe(200);
    return answer;
  };
  const me = async (token: string) => (await call(system.baseUrl, 'GET', '/api/me', token)).status;

  it('lasts 30 minutes by default', async () => {
    const { body } = await signIn(TEST_USERS.caseworker);
    const minutes = (Date.parse(body.expiresAt ?? '') - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
  });

  it('signs the caller out everywhere: every token of theirs, and the cookies, stop working', async () => {
    const first = await signIn(TEST_USERS.caseworker);
    const second = await signIn(TEST_USERS.caseworker);
    const auditor = await signIn(TEST_USERS.auditor);
    const cookie = first.codecCookie.split(';')[0] ?? '';
    const decode = () =>
      fetch(`${system.baseUrl}/codec/decode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ payloads: [] }),
      });
    expect((await decode()).status).toBe(200);
    expect(await me(second.body.accessToken ?? '')).toBe(200);

    const out = await call(system.baseUrl, 'POST', '/api/auth/logout-all', first.body.accessToken);
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().map((line) => line.split(';').slice(0, 2).join(';'));
    expect(cleared.sort()).toEqual(
      [API_SESSION_COOKIE, CODEC_SESSION_COOKIE, CSRF_COOKIE].map((name) => `${name}=; Max-Age=0`).sort(),
    );
    expect(await me(first.body.accessToken ?? '')).toBe(401);
    expect(await me(second.body.accessToken ?? '')).toBe(401);
    expect((await decode()).status).toBe(401);
    // Someone else's tokens are theirs; and signing in again works.
    expect(await me(auditor.body.accessToken ?? '')).toBe(200);
    expect(await me((await signIn(TEST_USERS.caseworker)).body.accessToken ?? '')).toBe(200);
  });

  it("lets an admin end another user's tokens, and no one else", async () => {
    const kari = (await signIn(TEST_USERS.caseworker)).body.accessToken ?? '';
    const admin = (await signIn(TEST_USERS.admin)).body.accessToken ?? '';
    const auditor = (await signIn(TEST_USERS.auditor)).body.accessToken ?? '';
    const revoke = (username: string, token: string) =>
      call(system.baseUrl, 'POST', `/api/users/${username}/revoke-tokens`, token).then((r) => r.status);

    expect(await revoke(TEST_USERS.caseworker, auditor)).toBe(403);
    expect(await revoke(TEST_USERS.caseworker, kari)).toBe(403);
    expect(await me(kari)).toBe(200);
    expect(await revoke(TEST_USERS.caseworker, admin)).toBe(204);
    expect(await me(kari)).toBe(401);
    expect(await me(admin)).toBe(200);
    expect(await revoke('nobody-here', admin)).toBe(404);
    expect(await revoke('Not%20A%20Name', admin)).toBe(400);
  });

  it('ends the tokens issued before a password change (saksflyt users reset-password)', async () => {
    const before = (await signIn(TEST_USERS.auditor)).body.accessToken ?? '';
    expect(await me(before)).toBe(200);
    await system.users.resetPassword(TEST_USERS.auditor, 'a-new-long-password');
    expect(await me(before)).toBe(401);
    expect((await login(system.baseUrl, TEST_USERS.auditor, 'a-new-long-password')).status).toBe(200);
    await system.users.resetPassword(TEST_USERS.auditor, TEST_PASSWORD);
  });

  it('serves /metrics on its own port only, not on the public API port', async () => {
    expect((await call(system.baseUrl, 'GET', '/metrics')).status).toBe(404);
    const scraped = await fetch(system.metricsUrl ?? '');
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^saksflyt_http_requests_total\{.*route="\/api\/me".*\} [1-9]/m);
    expect((await fetch((system.metricsUrl ?? '').replace('/metrics', '/api/me'))).status).toBe(404);
  });

  it('serves no metrics at all when no metrics port is set', async () => {
    const another = await system.startAnotherApi({ SAKSFLYT_API_METRICS_PORT: '' });
    expect((await call(another.baseUrl, 'GET', '/metrics')).status).toBe(404);
  });
});

describe('the sign-in limit: per address and username, shared by every API instance, behind trusted proxies', () => {
  let system: TestSystem;
  let second: string;

  beforeAll(async () => {
    system = await startTestSystem({ SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '4' });
    second = (await system.startAnotherApi()).baseUrl;
  }, 120_000);
  afterAll(() => system?.stop());

  it('counts the attempts on two API instances together', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const baseUrl = attempt % 2 === 0 ? system.baseUrl : second;
      statuses.push((await login(baseUrl, TEST_USERS.caseworker, 'wrong-password-here')).status);
    }
    // Four tries a minute in all, not four on each.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // Even with the right password now, on either instance.
    expect((await login(second, TEST_USERS.caseworker)).status).toBe(429);
  });

  it('counts each username apart, so one person mistyping does not lock out the office behind one address', async () => {
    expect((await login(system.baseUrl, TEST_USERS.auditor)).status).toBe(200);
    expect((await login(second, TEST_USERS.admin)).status).toBe(200);
  });

  it('believes no X-Forwarded-For by default: a made-up address does not get fresh tries', async () => {
    const spoofed = await login(system.baseUrl, TEST_USERS.caseworker, TEST_PASSWORD, {
      'x-forwarded-for': '203.0.113.77',
    });
    expect(spoofed.status).toBe(429);
  });

  it('believes the address a trusted proxy adds, and no address the client put before it', async () => {
    const behindProxy = (await system.startAnotherApi({ SAKSFLYT_TRUSTED_PROXY_HOPS: '1' })).baseUrl;
    // The proxy appends the address it saw; anything before it came from the client.
    const from = (client: string, claimed?: string) => ({
      'x-forwarded-for': claimed ? `${claimed}, ${client}` : client,
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const headers = from('198.51.100.1', `10.0.0.${attempt}`);
      statuses.push((await login(behindProxy, TEST_USERS.admin, 'wrong-password-here', headers)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // Another client of the proxy, same username: its own count.
    expect((await login(behindProxy, TEST_USERS.admin, TEST_PASSWORD, from('198.51.100.2'))).status).toBe(
      200,
    );
  });

  it("marks the cookies Secure when the request came over TLS per a trusted proxy's X-Forwarded-Proto", async () => {
    const behindProxy = (await system.startAnotherApi({ SAKSFLYT_TRUSTED_PROXY_HOPS: '1' })).baseUrl;
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.3' };
    const secure = await login(behindProxy, TEST_USERS.auditor, TEST_PASSWORD, https);
    expect(secure.status).toBe(200);
    expect(secure.cookies).toHaveLength(3);
    for (const cookie of secure.cookies) expect(cookie).toMatch(/; Secure(;|$)/);
    const plain = await login(behindProxy, TEST_USERS.auditor, TEST_PASSWORD, {
      'x-forwarded-for': '198.51.100.3',
    });
    expect(plain.cookies).toHaveLength(3);
    for (const cookie of plain.cookies) expect(cookie).not.toMatch(/Secure/);
    // Without a trusted proxy the header is anyone's to send: not believed.
    const direct = await login(system.baseUrl, TEST_USERS.admin, TEST_PASSWORD, https);
    expect(direct.status).toBe(200);
    expect(direct.cookies.join('\n')).not.toMatch(/Secure/);
  });
});
