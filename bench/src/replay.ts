import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import {
  type ArchiveKeys,
  CaseSource,
  type HistoryToReplay,
  openArchive,
  replayCases,
  replayHistories,
  type ReplayOptions,
} from '@saksflyt/audit';
import { countHistories } from './history';

export interface HistorySet {
  histories: HistoryToReplay[];
  events: number[];
  bytes: number[];
  /** Workflow tasks that timed out (a worker too busy to finish one within 10 s), over all the histories. */
  workflowTaskTimeouts: number;
}

async function pool<T, R>(items: T[], inFlight: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

/** The histories of closed workflows, with their length in events and in bytes (protobuf, payloads encrypted). */
export async function fetchHistories(client: Client, workflowIds: string[]): Promise<HistorySet> {
  const histories = await pool(workflowIds, 16, async (workflowId) => ({
    workflowId,
    history: await client.workflow.getHandle(workflowId).fetchHistory(),
  }));
  return {
    histories,
    events: histories.map(({ history }) => history.events?.length ?? 0),
    bytes: histories.map(({ history }) => temporal.api.history.v1.History.encode(history).finish().length),
    workflowTaskTimeouts: countHistories(histories.map(({ history }) => history)).workflowTasksTimedOut,
  };
}

export interface ReplayTiming {
  histories: number;
  events: number;
  seconds: number;
  historiesPerSecond: number;
  eventsPerSecond: number;
  failed: number;
}

/** Replays the set on one replay worker (what `saksflyt audit replay` runs), histories already in memory. */
export async function timeReplay(set: HistorySet, options: ReplayOptions): Promise<ReplayTiming> {
  return timeSet(set, async () => {
    let failed = 0;
    for await (const result of replayHistories(options, set.histories)) if (result.error) failed += 1;
    return failed;
  });
}

/** Times `replay` over the set, which answers how many histories failed. */
async function timeSet(set: HistorySet, replay: () => Promise<number>): Promise<ReplayTiming> {
  const began = performance.now();
  const failed = await replay();
  const seconds = (performance.now() - began) / 1000;
  const events = set.events.reduce((sum, value) => sum + value, 0);
  return {
    histories: set.histories.length,
    events,
    seconds,
    historiesPerSecond: set.histories.length / seconds,
    eventsPerSecond: events / seconds,
    failed,
  };
}

/** `saksflyt audit replay <dufNumbers…>` end to end: each case's runs read through `CaseSource`, then replayed. */
export async function timeAuditReplay(
  client: Client,
  dataDir: string,
  dufNumbers: string[],
  options: ReplayOptions,
  archiveKeys: ArchiveKeys,
): Promise<ReplayTiming> {
  const archive = openArchive(dataDir, undefined, archiveKeys);
  try {
    const began = performance.now();
    const report = await replayCases(new CaseSource(client, archive), options, dufNumbers);
    const seconds = (performance.now() - began) / 1000;
    return {
      histories: report.replayed,
      events: NaN,
      seconds,
      historiesPerSecond: report.replayed / seconds,
      eventsPerSecond: NaN,
      failed: report.failed.length,
    };
  } finally {
    await archive.close();
  }
}

/** The way `saksflyt audit replay` replayed before: a new replay worker for every history (an experiment). */
export async function timeReplayWorkerPerHistory(
  set: HistorySet,
  options: ReplayOptions,
): Promise<ReplayTiming> {
  return timeSet(set, async () => {
    let failed = 0;
    for (const { workflowId, history } of set.histories) {
      await Worker.runReplayHistory(options, history, workflowId).catch(() => (failed += 1));
    }
    return failed;
  });
}
