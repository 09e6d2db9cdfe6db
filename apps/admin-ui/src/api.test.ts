import { describe, expect, it, jest } from '@jest/globals';
import { Api, ApiError } from './api';

interface Call {
  url: string;
  init: RequestInit;
}

/** An Api whose fetch records each call and answers `response`. */
function apiAnswering(response: () => Response) {
  const calls: Call[] = [];
  const onUnauthorized = jest.fn();
  const api = new Api({
    token: () => 'the-token',
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
    expect(headersOf(calls[0])['Authorization']).toBe('Bearer the-token');
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

  it('fetches an export as a file with the bearer token', async () => {
    const { api, calls } = apiAnswering(
      () => new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } }),
    );
    const blob = await api.exportCase('202500000001', 'pdf');
    await expect(blob.text()).resolves.toBe('%PDF-1.7');
    expect(calls[0]?.url).toBe('/api/cases/202500000001/export?format=pdf');
    expect(headersOf(calls[0])).toMatchObject({
      Authorization: 'Bearer the-token',
      Accept: 'application/pdf',
    });
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
    expect(headersOf(calls[0])['Authorization']).toBe('Bearer the-token');
  });
});
