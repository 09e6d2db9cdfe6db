import { setTimeout as sleep } from 'node:timers/promises';
import { CASE_QUERY_PATIENCE } from '@saksflyt/audit';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { type CasePageReads, interleave, readCasePages } from './case-page';
import { openApplications } from './plans';
import type { ProjectionReach } from './projection-lag';
import { round } from './stats';
import { BENCH_TASK_QUEUE, type BenchSystem, cpuOf, cpuSince } from './system';

/** The DUF numbers of the open cases started for the readers: a phase of their own (plans.ts). */
const READ_PHASE = 40;
/**
 * Each read's own bound: longer than the API's patience with a case no worker answers (its attempts at the query,
 * then a 503), so a read with no projection and no worker shows the 503 it gets rather than being cut off first.
 */
export const READ_TIMEOUT_MS = CASE_QUERY_PATIENCE.attemptMs * CASE_QUERY_PATIENCE.attempts + 6_000;
/** How long the open cases may take to reach the projection before the readers start without them there. */
const PROJECTED_WITHIN_MS = 60_000;

/** Reads of the case page with the worker running, then with it stopped; with or without a projection. */
export interface CasePageSection {
  projection: boolean;
  readers: number;
  seconds: number;
  cases: { open: number; closed: number };
  /** Each phase's reads, and what each process spent on them per complete page (ms). */
  workerRunning: CasePageReads & { cpuMsPerPage: Record<string, number> };
  workerStopped: CasePageReads & { cpuMsPerPage: Record<string, number> };
  /** How long the worker took to poll again after the reads with it stopped. */
  workerRestartSeconds: number;
}

export interface CasePageOptions {
  /** Cases the rounds before closed: the lifecycle's and the HTTP rounds'. */
  closedCases: readonly string[];
  openCases: number;
  readers: number;
  seconds: number;
  /** The projection's reach, to wait until it has the open cases; none without a projection. */
  reach?: ProjectionReach;
  /** The product worker's settings for the run, to start it again with. */
  workerEnv: Record<string, string>;
  step: (label: string) => void;
}

/**
 * What a caseworker's case page costs (issue 17): `readers` readers load it over HTTP for `seconds`, over open cases
 * started for them and the closed cases of the rounds before, first with the worker running, then with every worker
 * stopped. With the projection every read must still answer 200; without it, every read asks the case's workflow,
 * and answers 503 once the API has given up on a worker (bounded by {@link READ_TIMEOUT_MS}). The worker is started
 * again for what follows.
 */
export async function runCasePageReads(
  system: BenchSystem,
  options: CasePageOptions,
): Promise<CasePageSection> {
  const api = system.api;
  if (!api) throw new Error('the API did not start');
  await api.signIn();

  // Open cases under the standard policy, as the scale phase opens them: no deadline moves them while they are read.
  const applications = openApplications(READ_PHASE, 0, options.openCases);
  await Promise.all(
    applications.map((application) => startProtectionCase(system.client, application, BENCH_TASK_QUEUE)),
  );
  const open = applications.map((application) => application.dufNumber);
  if (options.reach) {
    const missing = await unprojected(options.reach, open);
    if (missing > 0)
      options.step(
        `${missing} of the open cases not in the projection after ${PROJECTED_WITHIN_MS / 1000} s`,
      );
  }
  // Open and closed in turn, so that every reader reads both kinds.
  const dufNumbers = interleave(open, options.closedCases);

  const phase = async (label: string) => {
    options.step(
      `case page reads, ${label}: ${options.readers} readers for ${options.seconds} s over ` +
        `${open.length} open and ${options.closedCases.length} closed cases`,
    );
    const before = cpuOf(system);
    const reads = await readCasePages({
      baseUrl: api.baseUrl,
      token: api.token,
      dufNumbers,
      readers: options.readers,
      durationMs: options.seconds * 1000,
      requestTimeoutMs: READ_TIMEOUT_MS,
    });
    const cpu = cpuSince(before, cpuOf(system));
    const perPage = Math.max(1, reads.pages + reads.failedPages);
    return {
      ...reads,
      cpuMsPerPage: Object.fromEntries(
        Object.entries(cpu).map(([part, seconds]) => [part, round((seconds * 1000) / perPage, 2)]),
      ),
    };
  };

  const workerRunning = await phase('worker running');
  await system.stopWorker();
  const workerStopped = await phase('every worker stopped');
  options.step('starting the worker again');
  const restartMs = await system.restartWorker(options.workerEnv);
  return {
    projection: options.reach !== undefined,
    readers: options.readers,
    seconds: options.seconds,
    cases: { open: open.length, closed: options.closedCases.length },
    workerRunning,
    workerStopped,
    workerRestartSeconds: round(restartMs / 1000),
  };
}

/** Waits until the projection has each case's first event, or `PROJECTED_WITHIN_MS` passes; how many it lacks. */
async function unprojected(reach: ProjectionReach, dufNumbers: readonly string[]): Promise<number> {
  const deadline = Date.now() + PROJECTED_WITHIN_MS;
  for (;;) {
    const reached = await reach.lastEventSeqs(dufNumbers);
    const missing = dufNumbers.filter((dufNumber) => (reached.get(dufNumber) ?? 0) === 0).length;
    if (missing === 0 || Date.now() >= deadline) return missing;
    await sleep(100);
  }
}
