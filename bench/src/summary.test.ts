import type { HistoryCounts } from './history';
import { attributeWorkerCpu, medianSummary, type RoundSummary } from './summary';

describe('attributeWorkerCpu', () => {
  const readings = { worker: 4, floorWorker: 1, server: 2, client: 0.5 };

  it("names the floor's own worker as the one that served a floor round, and the product's as idle", () => {
    expect(attributeWorkerCpu(readings, 'floor')).toEqual({
      worker: 1,
      idleWorker: 4,
      server: 2,
      client: 0.5,
    });
  });

  it("names the product's worker as the one that served a case round, and the floor's as idle", () => {
    expect(attributeWorkerCpu(readings, 'product')).toEqual({
      worker: 4,
      idleWorker: 1,
      server: 2,
      client: 0.5,
    });
  });

  it("leaves the readings as they are when the floor shares the product's worker", () => {
    const shared = { worker: 4, server: 2 };
    expect(attributeWorkerCpu(shared, 'floor')).toEqual(shared);
    expect(attributeWorkerCpu(shared, 'product')).toEqual(shared);
  });
});

describe('medianSummary', () => {
  const roundWith = (history?: HistoryCounts): RoundSummary => ({
    cases: 10,
    updates: 40,
    refused: 0,
    otherEndings: 0,
    wallSeconds: 1,
    casesPerSecond: 10,
    updatesPerSecond: 40,
    updateMs: { p50: 1, p95: 2, p99: 3 },
    startMs: { p50: 1, p95: 2, p99: 3 },
    cpuMsPerCase: { worker: 1 },
    ...(history ? { history } : {}),
  });
  const counts = (eventsPerCase: number, workflowTasksPerCase: number): HistoryCounts => ({
    histories: 10,
    eventsPerCase,
    workflowTasksPerCase,
    workflowTasksFailed: 0,
    workflowTasksTimedOut: 1,
  });

  it("takes the median of each round's history counts", () => {
    const median = medianSummary([
      roundWith(counts(50, 8)),
      roundWith(counts(60, 7)),
      roundWith(counts(55, 9)),
    ]);
    expect(median.history).toEqual({
      histories: 10,
      eventsPerCase: 55,
      workflowTasksPerCase: 8,
      workflowTasksFailed: 0,
      workflowTasksTimedOut: 1,
    });
  });

  it('has no history counts when no round counted its histories (the HTTP rounds)', () => {
    expect(medianSummary([roundWith(), roundWith()])).not.toHaveProperty('history');
  });

  it("takes the median of the rounds' projection lags, and the worst round's count of commands never seen", () => {
    const lag = (p50: number, unseen: number) => ({
      p50,
      p95: p50 * 2,
      p99: p50 * 3,
      samples: 100,
      unseen,
      seenAtFirstLook: 0.25,
      intervalMs: 10,
      lookMs: { p50: 2, p95: 3, p99: unseen + 4, looks: 50 },
    });
    const withLag = (p50: number, unseen: number): RoundSummary => ({
      ...roundWith(),
      projectionLag: lag(p50, unseen),
    });
    expect(medianSummary([withLag(20, 0), withLag(40, 2), withLag(30, 0)]).projectionLag).toEqual({
      p50: 30,
      p95: 60,
      p99: 90,
      samples: 100,
      unseen: 2,
      seenAtFirstLook: 0.25,
      intervalMs: 10,
      lookMs: { p50: 2, p95: 3, p99: 4, looks: 50 },
    });
    expect(medianSummary([roundWith()])).not.toHaveProperty('projectionLag');
  });
});
