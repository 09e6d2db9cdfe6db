import { type LatencySummary, latency, round } from './stats';

/**
 * What the admin UI's case page loads each time it opens (apps/admin-ui/src/pages/CasePage.tsx): the case's state,
 * its events (the timeline), its messages (SentMessages) and the policy versions (CaseReviewNote), all at once. Not
 * counted: the teams (loaded once a session, then cached by useTeams) and the assignable users (only when "Hand
 * to…" is opened).
 */
export function casePageRequests(dufNumber: string): string[] {
  const duf = encodeURIComponent(dufNumber);
  return [`/api/cases/${duf}`, `/api/cases/${duf}/events`, `/api/cases/${duf}/messages`, '/api/policy'];
}

/** How one request of a page ended: its HTTP status, or no answer (it timed out, or the connection failed). */
export type RequestOutcome = number | 'timeout' | 'error';

export interface CasePageLoad {
  outcomes: RequestOutcome[];
  /** From the page's first request going out to its last answer. */
  ms: number;
}

export interface CasePageReads {
  readers: number;
  /** How long the readers began new pages. */
  seconds: number;
  /** From the first page to the last answer: the reading time and the answers still awaited after it. */
  wallSeconds: number;
  cases: number;
  /** Pages of which every request answered 200. */
  pages: number;
  /** Pages of which some request answered otherwise, or not at all. */
  failedPages: number;
  /** Complete pages a second, from the first page to the last answer (the pages begun in time all count). */
  pagesPerSecond: number;
  requests: number;
  /** 200 answers a second, over the same time. */
  okRequestsPerSecond: number;
  /** Answers other than 200 (by status), and requests with no answer ('timeout', 'error'): all zero is the target. */
  notOk: Record<string, number>;
  /** Latency of the complete pages. */
  pageMs: LatencySummary;
  /** Latency of the pages that were not complete (how long a reader waited for the failure). */
  failedPageMs?: LatencySummary;
}

export interface ReadOptions {
  baseUrl: string;
  token: string;
  dufNumbers: readonly string[];
  readers: number;
  durationMs: number;
  /** Each request's own bound: the phase ends at most this long after `durationMs`, whatever the API does. */
  requestTimeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * `readers` readers, each loading case pages one after another (every request of a page at once, as the browser
 * does) for `durationMs`, over the cases in turn, each reader from its own place in the list. A page that has begun
 * is let finish: every request has its own timeout, so the phase is bounded however the API answers.
 */
export async function readCasePages(options: ReadOptions): Promise<CasePageReads> {
  const { baseUrl, token, dufNumbers, readers, durationMs, requestTimeoutMs } = options;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? (() => performance.now());
  if (dufNumbers.length === 0) throw new Error('no cases to read');
  const request = async (route: string): Promise<RequestOutcome> => {
    try {
      const response = await doFetch(`${baseUrl}${route}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      // The whole body, as the page reads it: a read is not done until its answer has arrived.
      await response.arrayBuffer();
      return response.status;
    } catch (error) {
      const name = (error as { name?: string }).name;
      return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'error';
    }
  };
  const loads: CasePageLoad[] = [];
  const began = now();
  const until = began + durationMs;
  await Promise.all(
    Array.from({ length: readers }, async (_, reader) => {
      // Readers start spread over the cases, so that no two read the same case in step.
      let next = Math.floor((reader * dufNumbers.length) / readers);
      while (now() < until) {
        const dufNumber = dufNumbers[next % dufNumbers.length] as string;
        next += 1;
        const t0 = now();
        const outcomes = await Promise.all(casePageRequests(dufNumber).map(request));
        loads.push({ outcomes, ms: now() - t0 });
      }
    }),
  );
  return summarizeReads(loads, {
    readers,
    seconds: durationMs / 1000,
    wallSeconds: (now() - began) / 1000,
    cases: dufNumbers.length,
  });
}

export function summarizeReads(
  loads: readonly CasePageLoad[],
  run: { readers: number; seconds: number; wallSeconds: number; cases: number },
): CasePageReads {
  const complete = loads.filter((load) => load.outcomes.every((outcome) => outcome === 200));
  const failed = loads.filter((load) => !load.outcomes.every((outcome) => outcome === 200));
  const outcomes = loads.flatMap((load) => load.outcomes);
  const notOk: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome === 200) continue;
    notOk[String(outcome)] = (notOk[String(outcome)] ?? 0) + 1;
  }
  const rounded = (sample: number[]): LatencySummary => {
    const { p50, p95, p99 } = latency(sample);
    return { p50: round(p50, 1), p95: round(p95, 1), p99: round(p99, 1) };
  };
  return {
    readers: run.readers,
    seconds: run.seconds,
    wallSeconds: round(run.wallSeconds),
    cases: run.cases,
    pages: complete.length,
    failedPages: failed.length,
    pagesPerSecond: round(complete.length / run.wallSeconds),
    requests: outcomes.length,
    okRequestsPerSecond: round(outcomes.filter((outcome) => outcome === 200).length / run.wallSeconds),
    notOk,
    pageMs: rounded(complete.map((load) => load.ms)),
    ...(failed.length > 0 ? { failedPageMs: rounded(failed.map((load) => load.ms)) } : {}),
  };
}

/** a1, b1, a2, b2, …, then the rest of the longer list. */
export function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const mixed: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) mixed.push(a[i] as T);
    if (i < b.length) mixed.push(b[i] as T);
  }
  return mixed;
}
