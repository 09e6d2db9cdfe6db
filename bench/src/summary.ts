import type { RoundResult } from './drive';
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
  /** CPU time per case of each process (worker, dev server, API, this client), in milliseconds. */
  cpuMsPerCase: Record<string, number>;
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
