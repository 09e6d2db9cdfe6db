import { describe, expect, it, jest } from '@jest/globals';
import { Api, ApiError, CSRF_HEADER } from './api';

interface Call {
  url: string;
  init: RequestInit;
}

/** An Api whose fetch records each call and answers `response`. */
function apiAnswering(response: () => Response) {
  const calls: Call[] = [];
  const onUnauthorized = jest.fn();
  const api = new Api({
    csrfToken: () => 'the-csrf-token',
    onUnauthorized,
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return response();
    }) as unknown as typeof fetch,
  });
  return { api, calls, onUnauthorized };
}

const json = (body: unknown, headers: Record<string, string> = {}, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;

describe('the audit calls', () => {
  it('reads the events and says they came from Temporal', async () => {
    const { api, calls } = apiAnswering(() => json([{ seq: 1 }]));
    await expect(api.caseEvents('202500000001')).resolves.toEqual({
      events: [{ seq: 1 }],
      source: 'temporal',
    });
    expect(calls[0]?.url).toBe('/api/cases/202500000001/events');
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it('says the events came from the archive when the API says so', async () => {
    const { api } = apiAnswering(() => json([{ seq: 1 }], { 'X-Saksflyt-Source': 'archive' }));
    await expect(api.caseEvents('202500000001')).resolves.toMatchObject({ source: 'archive' });
    await expect(api.events('202500000001')).resolves.toEqual([{ seq: 1 }]);
  });

  it('replays the named cases', async () => {
    const report = { replayed: 1, failed: [{ dufNumber: '202500000001', error: 'nondeterminism' }] };
    const { api, calls } = apiAnswering(() => json(report));
    await expect(api.replay(['202500000001'])).resolves.toEqual(report);
    expect(calls[0]?.url).toBe('/api/audit/replay');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ dufNumbers: ['202500000001'] });
  });

  it('fetches an export as a file with the session cookie', async () => {
    const { api, calls } = apiAnswering(
      () => new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } }),
    );
    const blob = await api.exportCase('202500000001', 'pdf', 'en');
    await expect(blob.text()).resolves.toBe('%PDF-1.7');
    expect(calls[0]?.url).toBe('/api/cases/202500000001/export?format=pdf&lang=en');
    expect(headersOf(calls[0])).toEqual({ Accept: 'application/pdf' });
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it('turns a failed export into an ApiError, and a 401 into signing in again', async () => {
    const { api, onUnauthorized } = apiAnswering(() => json({ error: 'Unauthorized' }, {}, 401));
    await expect(api.exportCase('202500000001', 'json')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

describe('the work allocation calls', () => {
  it('reads whom a case may be handed to from the items of GET /api/users/assignable', async () => {
    const items = [{ username: 'nils', role: 'caseworker' }];
    const { api, calls } = apiAnswering(() => json({ items }));
    await expect(api.assignableUsers()).resolves.toEqual(items);
    expect(calls[0]?.url).toBe('/api/users/assignable');
    expect(calls[0]?.init.method).toBe('GET');
  });
});

describe('the cookie session (issue 15, point 9)', () => {
  const session = {
    username: 'kari',
    role: 'caseworker',
    expiresAt: '2026-12-01T12:30:00.000Z',
    csrfToken: 'the-csrf-token',
  };

  it('sends the CSRF token with a request that changes something, never with a GET, and never a bearer token', async () => {
    const { api, calls } = apiAnswering(() => json({}));
    await api.sendCommand('202500000001', 'addNote', { text: 'a note' });
    await api.getCase('202500000001');
    expect(headersOf(calls[0])[CSRF_HEADER]).toBe('the-csrf-token');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(headersOf(calls[1])[CSRF_HEADER]).toBeUndefined();
    for (const call of calls) expect(headersOf(call)['Authorization']).toBeUndefined();
  });

  it('keeps no access token from the sign-in answer: only who, till when, and the CSRF token', async () => {
    const { api } = apiAnswering(() => json({ ...session, accessToken: 'a.jwt.token' }));
    await expect(api.login('kari', 'a-long-test-password')).resolves.toEqual(session);
  });

  it('asks the API who the browser is signed in as, and takes "nobody" as an answer, not a failure', async () => {
    const signedIn = apiAnswering(() => json({ signedIn: true, ...session }));
    await expect(signedIn.api.session()).resolves.toEqual(session);
    expect(signedIn.calls[0]?.url).toBe('/api/auth/session');
    const nobody = apiAnswering(() => json({ signedIn: false }));
    await expect(nobody.api.session()).resolves.toBeUndefined();
    expect(nobody.onUnauthorized).not.toHaveBeenCalled();
  });

  it('signs out when the API refuses the CSRF token (another tab signed in anew), but not on another 403', async () => {
    const stale = apiAnswering(() => json({ error: 'CsrfTokenInvalid', message: 'stale' }, {}, 403));
    await expect(stale.api.sendCommand('202500000001', 'addNote', { text: 'x' })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(stale.onUnauthorized).toHaveBeenCalledTimes(1);
    const forbidden = apiAnswering(() =>
      json({ error: 'Forbidden', message: 'the auditor role may not' }, {}, 403),
    );
    await expect(forbidden.api.sendCommand('202500000001', 'addNote', { text: 'x' })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(forbidden.onUnauthorized).not.toHaveBeenCalled();
  });
});
