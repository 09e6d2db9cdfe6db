import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { caseWorkflowId } from '@saksflyt/workflows';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { openApplications } from './plans';
import { latency, type LatencySummary } from './stats';
import { BENCH_TASK_QUEUE, type BenchSystem, rssOf } from './system';

const SCALE_PHASE = 50;
const STARTS_IN_FLIGHT = 32;
const UPDATES_IN_FLIGHT = 4;
/** How many started cases may wait for their first workflow task while the fill starts more. */
const MAX_BACKLOG = 2_000;
const ACTOR = { id: 'bench', role: 'caseworker' } as const;
/** Cases the bench's caseworker takes at each level, for "My cases". */
const TAKEN_PER_LEVEL = 50;
const QUEUE_PAGE_SIZE = 100;

export interface ScaleLevel {
  openCases: number;
  /** Seconds to start the cases added for this level and for the worker to run their first task. */
  fillSeconds: number;
  startsPerSecond: number;
  /** Right after the level's commands, garbage and all. */
  workerRssMiB: number;
  /** After the worker idled a while: what it holds once V8's memory reducer has collected the garbage. */
  workerSettledRssMiB: number;
  workerPeakRssMiB: number;
  serverRssMiB: number;
  serverPeakRssMiB: number;
  /** A command (`recordDocument`) to a random open case, a few at a time. */
  updateMs: LatencySummary & { samples: number };
  /** `GET /api/cases?status=lodged&homeOblast=…` (one page of 25), one at a time. */
  listMs: LatencySummary & { samples: number };
  /**
   * A team queue paged through: `GET /api/cases?team=registration&assignedTo=none&pageSize=100`, each next page by
   * its token, one page a sample, from the first page on.
   */
  queuePageMs: LatencySummary & { samples: number };
  /** "My cases" of a caseworker who holds some of them: `GET /api/cases?assignedTo=me` (ordered by the API). */
  myCasesMs: LatencySummary & { samples: number };
  /**
   * `GET /api/stats/processing` (26 weeks), one at a time, each computed afresh (`Cache-Control: no-cache`): what
   * the first dashboard load after the API's one-minute cache expires waits for.
   */
  statsMs: LatencySummary & { samples: number };
}

async function pool<T>(items: T[], inFlight: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

/**
 * The least RSS over an idle while: V8 collects an idle heap's garbage only after some 20–30 s (its memory
 * reducer), and until then the RSS says more about the last minute's allocations than about what is held.
 */
async function settledRss(pid: number, forMs: number): Promise<number> {
  let least = rssOf(pid).rssMiB;
  for (let waited = 0; waited < forMs; waited += 5_000) {
    await sleep(5_000);
    least = Math.min(least, rssOf(pid).rssMiB);
  }
  return least;
}

async function countLodged(client: Client): Promise<number> {
  return (
    await client.workflow.count(
      `WorkflowType = 'protectionCase' AND ExecutionStatus = 'Running' AND CaseStatus = 'lodged'`,
    )
  ).count;
}

/**
 * Grows the number of open cases level by level (they stay open: the standard profile's deadlines are weeks away)
 * and measures at each: memory of the worker and the server, a command to a random open case, a filtered list.
 */
export async function runScale(
  system: BenchSystem,
  levels: number[],
  options: {
    updates: number;
    lists: number;
    /** Pages of a team queue to walk at each level. */
    queuePages: number;
    stats: number;
    settleMs: number;
    onProgress: (done: number, total: number) => void;
  },
): Promise<ScaleLevel[]> {
  const { client } = system;
  const results: ScaleLevel[] = [];
  let open = 0;
  const opened: string[] = [];
  for (const level of [...levels].sort((a, b) => a - b)) {
    const began = performance.now();
    const toStart = level - open;
    const batch = 1000;
    for (let from = open; from < level; from += batch) {
      const applications = openApplications(SCALE_PHASE, from, Math.min(batch, level - from));
      await pool(applications, STARTS_IN_FLIGHT, async (application) => {
        await startProtectionCase(client, application, BENCH_TASK_QUEUE);
        opened.push(application.dufNumber);
      });
      options.onProgress(from + applications.length, level);
      // Starts run ahead of the worker by a bounded backlog: a deeper one only lets the worker's tasks time out in
      // the queue and run again (the 100,000 fill of 29 November went from 28 to 7 cases a second that way).
      while (from + applications.length - (await countLodged(client)) > MAX_BACKLOG) await sleep(500);
    }
    // The level is there once the worker has run every new case's first task (its search attributes say so).
    while ((await countLodged(client)) < level) await sleep(250);
    const fillSeconds = (performance.now() - began) / 1000;
    open = level;

    const updateMs: number[] = [];
    const targets = Array.from(
      { length: options.updates },
      () => opened[Math.floor(Math.random() * opened.length)] as string,
    );
    await pool(targets, UPDATES_IN_FLIGHT, async (dufNumber) => {
      const t0 = performance.now();
      await client.workflow.getHandle(caseWorkflowId(dufNumber)).executeUpdate('recordDocument', {
        args: [
          { actor: ACTOR, kind: 'copy', receivedBy: 'police', description: 'copy of the birth certificate' },
        ],
      });
      updateMs.push(performance.now() - t0);
    });

    const listMs: number[] = [];
    const api = system.api;
    // Filling a level may outlast a token.
    await api?.signIn();
    if (api) {
      const oblasts = ['Kharkiv', 'Lviv', 'Kyiv', 'Odesa', 'Donetsk'];
      for (let i = 0; i < options.lists; i++) {
        const t0 = performance.now();
        const response = await fetch(
          `${api.baseUrl}/api/cases?status=lodged&homeOblast=${oblasts[i % oblasts.length]}&pageSize=25`,
          { headers: { authorization: `Bearer ${api.token}` } },
        );
        if (!response.ok) throw new Error(`GET /api/cases: ${response.status} ${await response.text()}`);
        await response.json();
        listMs.push(performance.now() - t0);
      }
    }
    // The bench's caseworker takes some of the new cases (rules: a caseworker may take an unassigned case).
    const taken = opened.slice(-toStart).slice(0, TAKEN_PER_LEVEL);
    await pool(taken, UPDATES_IN_FLIGHT, async (dufNumber) => {
      await client.workflow
        .getHandle(caseWorkflowId(dufNumber))
        .executeUpdate('assignCase', { args: [{ actor: ACTOR, assignee: ACTOR.id }] });
    });
    const queuePageMs: number[] = [];
    const myCasesMs: number[] = [];
    if (api) {
      const get = async (query: string) => {
        const t0 = performance.now();
        const response = await fetch(`${api.baseUrl}/api/cases?${query}`, {
          headers: { authorization: `Bearer ${api.token}` },
        });
        if (!response.ok)
          throw new Error(`GET /api/cases?${query}: ${response.status} ${await response.text()}`);
        const page = (await response.json()) as { items: unknown[]; nextPageToken: string | null };
        return { page, ms: performance.now() - t0 };
      };
      let token: string | null = null;
      for (let walked = 0; walked < options.queuePages; walked++) {
        const query = `team=registration&assignedTo=none&pageSize=${QUEUE_PAGE_SIZE}`;
        const { page, ms } = await get(token ? `${query}&pageToken=${encodeURIComponent(token)}` : query);
        queuePageMs.push(ms);
        token = page.nextPageToken;
        if (!token) break;
      }
      for (let i = 0; i < options.lists; i++) myCasesMs.push((await get('assignedTo=me&pageSize=25')).ms);
    }
    const statsMs: number[] = [];
    if (api) {
      for (let i = 0; i < options.stats; i++) {
        const t0 = performance.now();
        const response = await fetch(`${api.baseUrl}/api/stats/processing`, {
          headers: { authorization: `Bearer ${api.token}`, 'cache-control': 'no-cache' },
        });
        if (!response.ok)
          throw new Error(`GET /api/stats/processing: ${response.status} ${await response.text()}`);
        await response.json();
        statsMs.push(performance.now() - t0);
      }
    }
    const worker = rssOf(system.worker.pid);
    const server = rssOf(system.server.pid);
    const workerSettledRssMiB = await settledRss(system.worker.pid, options.settleMs);
    results.push({
      openCases: level,
      fillSeconds,
      startsPerSecond: toStart / fillSeconds,
      workerRssMiB: worker.rssMiB,
      workerSettledRssMiB,
      workerPeakRssMiB: worker.peakMiB,
      serverRssMiB: server.rssMiB,
      serverPeakRssMiB: server.peakMiB,
      updateMs: { ...latency(updateMs), samples: updateMs.length },
      listMs: { ...latency(listMs), samples: listMs.length },
      queuePageMs: { ...latency(queuePageMs), samples: queuePageMs.length },
      myCasesMs: { ...latency(myCasesMs), samples: myCasesMs.length },
      statsMs: { ...latency(statsMs), samples: statsMs.length },
    });
  }
  return results;
}
