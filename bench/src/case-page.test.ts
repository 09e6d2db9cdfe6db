import { casePageRequests, interleave, readCasePages, summarizeReads } from './case-page';

describe('casePageRequests', () => {
  it("is what the admin UI's case page loads each time it opens", () => {
    expect(casePageRequests('202401000001')).toEqual([
      '/api/cases/202401000001',
      '/api/cases/202401000001/events',
      '/api/cases/202401000001/messages',
      '/api/policy',
    ]);
  });
});

describe('readCasePages', () => {
  /** A clock that moves on 10 ms each time it is read (three times a page): 60 ms are two pages of one reader. */
  const steppingClock = () => {
    let t = 0;
    return () => (t += 10);
  };

  it('loads whole pages, each with every request of the page, and counts each answer by its status', async () => {
    const asked: string[] = [];
    const fakeFetch = (async (url: string | URL | Request) => {
      asked.push(String(url));
      return new Response('{}', { status: String(url).endsWith('/messages') ? 503 : 200 });
    }) as typeof fetch;
    const reads = await readCasePages({
      baseUrl: 'http://api',
      token: 't',
      dufNumbers: ['1', '2'],
      readers: 1,
      durationMs: 60,
      requestTimeoutMs: 1_000,
      fetch: fakeFetch,
      now: steppingClock(),
    });
    expect(asked.slice(0, 4)).toEqual([
      'http://api/api/cases/1',
      'http://api/api/cases/1/events',
      'http://api/api/cases/1/messages',
      'http://api/api/policy',
    ]);
    expect(asked[4]).toBe('http://api/api/cases/2');
    expect(reads).toMatchObject({ pages: 0, failedPages: 2, requests: 8, notOk: { 503: 2 } });
  });

  it('counts a request that got no answer in time as a timeout, and one that failed otherwise as an error', async () => {
    let call = 0;
    const fakeFetch = (async () => {
      call += 1;
      if (call === 1) throw new DOMException('timed out', 'TimeoutError');
      if (call === 2) throw new TypeError('fetch failed');
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const reads = await readCasePages({
      baseUrl: 'http://api',
      token: 't',
      dufNumbers: ['1'],
      readers: 1,
      durationMs: 15,
      requestTimeoutMs: 1_000,
      fetch: fakeFetch,
      now: steppingClock(),
    });
    expect(reads).toMatchObject({ pages: 0, failedPages: 1, requests: 4, notOk: { timeout: 1, error: 1 } });
  });
});

describe('summarizeReads', () => {
  it('gives complete pages and 200s a second over the whole time, and the latency of the complete pages apart', () => {
    const reads = summarizeReads(
      [
        { outcomes: [200, 200, 200, 200], ms: 10 },
        { outcomes: [200, 200, 200, 200], ms: 30 },
        { outcomes: [200, 503, 503, 200], ms: 900 },
      ],
      { readers: 2, seconds: 1, wallSeconds: 2, cases: 5 },
    );
    expect(reads).toEqual({
      readers: 2,
      seconds: 1,
      wallSeconds: 2,
      cases: 5,
      pages: 2,
      failedPages: 1,
      pagesPerSecond: 1,
      requests: 12,
      okRequestsPerSecond: 5,
      notOk: { 503: 2 },
      pageMs: { p50: 10, p95: 30, p99: 30 },
      failedPageMs: { p50: 900, p95: 900, p99: 900 },
    });
  });

  it('has no failed-page latency when every page was whole', () => {
    const reads = summarizeReads([{ outcomes: [200], ms: 5 }], {
      readers: 1,
      seconds: 1,
      wallSeconds: 1,
      cases: 1,
    });
    expect(reads.notOk).toEqual({});
    expect(reads).not.toHaveProperty('failedPageMs');
  });
});

describe('interleave', () => {
  it('takes one of each in turn, then the rest of the longer list', () => {
    expect(interleave(['a1', 'a2'], ['b1', 'b2', 'b3', 'b4'])).toEqual(['a1', 'b1', 'a2', 'b2', 'b3', 'b4']);
    expect(interleave([], ['b1'])).toEqual(['b1']);
  });
});
