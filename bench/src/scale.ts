import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { aPoliceRegistration } from '@saksflyt/domain/testing';
import { osloCalendarDate, type PolicyVersion, STANDARD_POLICY, type CaseEvent } from '@saksflyt/domain';
import { caseWorkflowId, eventsQuery } from '@saksflyt/workflows';
import { commandContext, startProtectionCase } from '@saksflyt/workflows/client';
import { openApplications } from './plans';
import { latency, type LatencySummary } from './stats';
import { BENCH_TASK_QUEUE, type BenchSystem, cpuSecondsOf, rssOf } from './system';

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
  /**
   * `POST /api/policy/impact` of a draft that excludes one more oblast (Kharkiv) from collective protection, one at a
   * time: the open cases it can touch are selected from visibility and each read and judged again (issue 16).
   */
  impactMs: LatencySummary & { samples: number; casesRead: number; casesTouched: number };
  /** Publishing a version at this level (the first level's in force today, with the cases that follow it). */
  publish?: PublishRow;
}

export interface PublishRow {
  /** `POST /api/policy/versions`: the impact, then one Update to the registry. */
  ms: number;
  /** CPU the server and the worker used while publishing: what the fan-out costs (there is none to run). */
  serverCpuSeconds: number;
  workerCpuSeconds: number;
  /** Open cases sampled after publishing, each registered and assessed: how many recorded the new version. */
  sampled: number;
  followed: number;
}

/** A draft that excludes Kharkiv too: the kind of change of 13 January 2025 (more oblasts excluded). */
function impactDraft(version: string, validFrom: string) {
  const inForce = STANDARD_POLICY.at(-1) as PolicyVersion;
  return {
    version,
    validFrom,
    source: 'bench: one more oblast excluded from collective protection',
    internalProtectionSafeOblasts: [...inForce.internalProtectionSafeOblasts],
    collectiveProtectionExcludedOblasts: [...inForce.collectiveProtectionExcludedOblasts, 'Kharkiv'],
  };
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
    impacts: number;
    settleMs: number;
    onProgress: (done: number, total: number) => void;
  },
): Promise<ScaleLevel[]> {
  const { client } = system;
  const results: ScaleLevel[] = [];
  let open = 0;
  // Open cases the bench moved on from 'lodged' itself (those sampled after publishing): still there, not counted.
  let movedOn = 0;
  const countFilled = async () => (await countLodged(client)) + movedOn;
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
      while (from + applications.length - (await countFilled()) > MAX_BACKLOG) await sleep(500);
    }
    // The level is there once the worker has run every new case's first task (its search attributes say so).
    while ((await countFilled()) < level) await sleep(250);
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
          await commandContext(client),
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
    const impactMs: number[] = [];
    let casesTouched = 0;
    if (api) {
      for (let i = 0; i < options.impacts; i++) {
        const t0 = performance.now();
        const response = await fetch(`${api.baseUrl}/api/policy/impact`, {
          method: 'POST',
          headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(impactDraft('BENCH-DRAFT', '2030-01-01')),
        });
        if (!response.ok)
          throw new Error(`POST /api/policy/impact: ${response.status} ${await response.text()}`);
        casesTouched = ((await response.json()) as { cases: unknown[] }).cases.length;
        impactMs.push(performance.now() - t0);
      }
    }
    // Every case the fill opened is lodged under the version in force, so the draft reaches those from Kharkiv.
    const casesRead = (
      await client.workflow.count(
        `WorkflowType = 'protectionCase' AND ExecutionStatus = 'Running' AND HomeOblast = 'Kharkiv'`,
      )
    ).count;
    // A version at every level, so that the rows show what publishing costs beside the number of open cases: the
    // first in force from today (its cases are sampled), each later one a day after the one before.
    const published = results.length;
    const publish = api ? await publishAndFollow(system, opened, published) : undefined;
    movedOn += publish?.sampled ?? 0;
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
      impactMs: { ...latency(impactMs), samples: impactMs.length, casesRead, casesTouched },
      ...(publish ? { publish } : {}),
    });
  }
  return results;
}

/** Open cases sampled after publishing, to show they follow the new version at their next step. */
const FOLLOW_SAMPLE = 20;

/**
 * Publishes a version in force today with the lists in force (a re-issue under a new name: it touches no case, so the
 * row measures publishing, not a review list), then registers and assesses a sample of open cases: each assessment
 * records the version it was judged by.
 */
async function publishAndFollow(
  system: BenchSystem,
  opened: readonly string[],
  daysAhead: number,
): Promise<PublishRow> {
  const api = system.api as NonNullable<BenchSystem['api']>;
  const inForce = STANDARD_POLICY.at(-1) as PolicyVersion;
  const validFrom = osloCalendarDate(new Date(Date.now() + daysAhead * 86_400_000).toISOString());
  const version = `BENCH-REISSUE-${Date.now()}`;
  const cpu = () => ({ server: cpuSecondsOf(system.server.pid), worker: cpuSecondsOf(system.worker.pid) });
  const adminToken = await api.adminToken();
  const before = cpu();
  const t0 = performance.now();
  const response = await fetch(`${api.baseUrl}/api/policy/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version,
      validFrom,
      source: 'bench: the lists in force, issued again',
      internalProtectionSafeOblasts: [...inForce.internalProtectionSafeOblasts],
      collectiveProtectionExcludedOblasts: [...inForce.collectiveProtectionExcludedOblasts],
    }),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/policy/versions: ${response.status} ${await response.text()}`);
  const ms = performance.now() - t0;
  const after = cpu();

  // Only a version in force today can be seen in a case's next step.
  const sample =
    daysAhead === 0 ? opened.slice(-FOLLOW_SAMPLE * 3).filter((_, index) => index % 3 === 0) : [];
  let followed = 0;
  await pool(sample, UPDATES_IN_FLIGHT, async (dufNumber) => {
    const handle = system.client.workflow.getHandle(caseWorkflowId(dufNumber));
    await handle.executeUpdate('registerWithPolice', {
      args: [{ actor: ACTOR, ...aPoliceRegistration() }, await commandContext(system.client)],
    });
    await handle.executeUpdate('assessCollectiveProtection', {
      args: [
        { actor: ACTOR, eligible: false, reason: 'bench: individual assessment' },
        await commandContext(system.client),
      ],
    });
    const events = (await handle.query(eventsQuery)) as CaseEvent[];
    const assessed = [...events].reverse().find((event) => event.type === 'CollectiveProtectionAssessed');
    if ((assessed?.data as { policyVersion?: string } | undefined)?.policyVersion === version) followed++;
  });
  return {
    ms,
    serverCpuSeconds: after.server - before.server,
    workerCpuSeconds: after.worker - before.worker,
    sampled: sample.length,
    followed,
  };
}
