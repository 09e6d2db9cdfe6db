import type { RoundResult } from './drive';
import type { HistoryCounts } from './history';
import type { ProjectionLag } from './projection-lag';
import { latency, type LatencySummary, median, round } from './stats';

export interface RoundSummary {
  cases: number;
  updates: number;
  refused: number;
  /** Cases that took their path's other ending because a deadline ran out first. */
  otherEndings: number;
  wallSeconds: number;
  casesPerSecond: number;
  updatesPerSecond: number;
  updateMs: LatencySummary;
  startMs: LatencySummary;
  /**
   * CPU time per case of each process, in milliseconds: the worker that served the round, the other worker if one
   * idled beside it (`idleWorker`), the dev server, the API, this client.
   */
  cpuMsPerCase: Record<string, number>;
  /** The round's histories, counted once it has finished (the lifecycle rounds only). */
  history?: HistoryCounts;
  /** From each Update's answer to the projection showing its events (the lifecycle's case rounds, with a projection). */
  projectionLag?: ProjectionLag;
}

/** Which worker ran a round's workflows: the production worker, or the floor's own. */
export type WorkerServing = 'product' | 'floor';

/**
 * Names each worker's CPU by its part in a round, from {@link cpuOf}'s `worker` (the production worker) and
 * `floorWorker` (the floor's own, when it runs): `worker` is the one that served the round, `idleWorker` the one that
 * only polled beside it. Each is a process of its own, read from /proc apart, so neither's CPU is the other's.
 */
export function attributeWorkerCpu(
  cpuSeconds: Record<string, number>,
  servedBy: WorkerServing,
): Record<string, number> {
  const { worker: product, floorWorker: floor, ...others } = cpuSeconds;
  if (floor === undefined) return cpuSeconds;
  const [serving, idle] = servedBy === 'floor' ? [floor, product] : [product, floor];
  return {
    ...(serving === undefined ? {} : { worker: serving }),
    ...(idle === undefined ? {} : { idleWorker: idle }),
    ...others,
  };
}

const rounded = (summary: LatencySummary): LatencySummary => ({
  p50: round(summary.p50, 1),
  p95: round(summary.p95, 1),
  p99: round(summary.p99, 1),
});

export function summarize(result: RoundResult, cpuSeconds: Record<string, number> = {}): RoundSummary {
  return {
    cpuMsPerCase: Object.fromEntries(
      Object.entries(cpuSeconds).map(([part, seconds]) => [part, round((seconds * 1000) / result.cases, 1)]),
    ),
    cases: result.cases,
    updates: result.updates,
    refused: result.refused,
    otherEndings: result.otherEndings,
    wallSeconds: round(result.wallMs / 1000),
    casesPerSecond: round(result.casesPerSecond),
    updatesPerSecond: round(result.updatesPerSecond),
    updateMs: rounded(latency(result.updateMs)),
    startMs: rounded(latency(result.startMs)),
  };
}

/** The median of every figure over the rounds (each figure on its own). */
export function medianSummary(rounds: RoundSummary[]): RoundSummary {
  const of = (pick: (summary: RoundSummary) => number, digits = 2) => round(median(rounds.map(pick)), digits);
  const latencyOf = (pick: (summary: RoundSummary) => LatencySummary): LatencySummary => ({
    p50: of((summary) => pick(summary).p50, 1),
    p95: of((summary) => pick(summary).p95, 1),
    p99: of((summary) => pick(summary).p99, 1),
  });
  const parts = [...new Set(rounds.flatMap((summary) => Object.keys(summary.cpuMsPerCase)))];
  const histories = rounds.flatMap((summary) => (summary.history ? [summary.history] : []));
  const historyOf = (pick: (counts: HistoryCounts) => number, digits = 1) =>
    round(median(histories.map(pick)), digits);
  const lags = rounds.flatMap((summary) => (summary.projectionLag ? [summary.projectionLag] : []));
  const lagOf = (pick: (lag: ProjectionLag) => number, digits = 1) => round(median(lags.map(pick)), digits);
  return {
    cpuMsPerCase: Object.fromEntries(
      parts.map((part) => [part, of((summary) => summary.cpuMsPerCase[part] ?? NaN, 1)]),
    ),
    cases: of((summary) => summary.cases, 0),
    updates: of((summary) => summary.updates, 0),
    refused: of((summary) => summary.refused, 0),
    otherEndings: of((summary) => summary.otherEndings, 0),
    wallSeconds: of((summary) => summary.wallSeconds),
    casesPerSecond: of((summary) => summary.casesPerSecond),
    updatesPerSecond: of((summary) => summary.updatesPerSecond),
    updateMs: latencyOf((summary) => summary.updateMs),
    startMs: latencyOf((summary) => summary.startMs),
    ...(histories.length > 0
      ? {
          history: {
            histories: historyOf((counts) => counts.histories, 0),
            eventsPerCase: historyOf((counts) => counts.eventsPerCase),
            workflowTasksPerCase: historyOf((counts) => counts.workflowTasksPerCase),
            workflowTasksFailed: historyOf((counts) => counts.workflowTasksFailed, 0),
            workflowTasksTimedOut: historyOf((counts) => counts.workflowTasksTimedOut, 0),
          },
        }
      : {}),
    ...(lags.length > 0
      ? {
          projectionLag: {
            p50: lagOf((lag) => lag.p50),
            p95: lagOf((lag) => lag.p95),
            p99: lagOf((lag) => lag.p99),
            samples: lagOf((lag) => lag.samples, 0),
            // The worst round's: a command whose events never showed is not a median matter.
            unseen: Math.max(...lags.map((lag) => lag.unseen)),
            seenAtFirstLook: lagOf((lag) => lag.seenAtFirstLook, 3),
            intervalMs: lags[0]?.intervalMs ?? NaN,
            lookMs: {
              p50: lagOf((lag) => lag.lookMs.p50),
              p95: lagOf((lag) => lag.lookMs.p95),
              p99: lagOf((lag) => lag.lookMs.p99),
              looks: lagOf((lag) => lag.lookMs.looks, 0),
            },
          },
        }
      : {}),
  };
}

export interface Target {
  name: string;
  target: string;
  value: number;
  limit: number;
  /** `max`: the value must not exceed the limit; `min`: it must reach it. */
  kind: 'max' | 'min';
  met: boolean;
}

export function target(
  name: string,
  value: number,
  kind: 'max' | 'min',
  limit: number,
  text: string,
): Target {
  return {
    name,
    target: text,
    value: round(value, 2),
    limit,
    kind,
    met: Number.isFinite(value) && (kind === 'max' ? value <= limit : value >= limit),
  };
}
