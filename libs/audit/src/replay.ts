import type { DataConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { CaseSource } from './case-source';

/** The workflow code to replay against: a prebuilt bundle's file, or bundled code. */
export type ReplayBundle = { codePath: string } | { code: string };

export interface ReplayOptions {
  workflowBundle: ReplayBundle;
  dataConverter: DataConverter;
}

export interface ReplayFailure {
  dufNumber: string;
  error: string;
}

export interface HistoryToReplay {
  workflowId: string;
  history: temporal.api.history.v1.IHistory;
}

/**
 * Replays histories one after another on ONE replay worker, which keeps its workflow bundle and V8 context loaded
 * (`Worker.runReplayHistory` would build a worker per history: `npm run bench` measured that at ~8 histories/s).
 * Yields the error of each history that no longer replays, or none.
 */
export async function* replayHistories(
  options: ReplayOptions,
  histories: AsyncIterable<HistoryToReplay> | Iterable<HistoryToReplay>,
): AsyncGenerator<{ workflowId: string; error?: Error }> {
  quietRuntime();
  for await (const result of Worker.runReplayHistories(options, histories)) {
    yield { workflowId: result.workflowId, ...(result.error ? { error: result.error } : {}) };
  }
}

/** "… HistoryEvent(id: 9, …)" in the SDK's message names the first event the code no longer agrees with. */
function firstDivergingEvent(message: string): string {
  const id = /HistoryEvent\(id: (\d+)/.exec(message)?.[1];
  return id ? `first diverging event ${id}: ${message}` : message;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `saksflyt audit replay`: every run of the named cases (from Temporal, or the archive after it), replayed against
 * the given workflow code on one replay worker. A failure names the case and, where it can, the first diverging event.
 */
export async function replayCases(
  source: CaseSource,
  options: ReplayOptions,
  dufNumbers: string[],
  onProgress: (done: number) => void = () => undefined,
): Promise<{ replayed: number; failed: ReplayFailure[] }> {
  const failures = new Map<string, string>();
  // The replayer answers in the order it was fed; this queue says which case each answer belongs to.
  const fed: { dufNumber: string; last: boolean }[] = [];
  let done = 0;
  const progress = () => onProgress((done += 1));

  async function* histories(): AsyncGenerator<HistoryToReplay> {
    for (const dufNumber of dufNumbers) {
      let runs: HistoryToReplay[];
      try {
        runs = (await source.runs(dufNumber)).runs.map((run) => {
          const history = historyFromJSON(run.history);
          // A history of another workflow type has no code to replay against: name it rather than try.
          const type = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
          if (type !== 'protectionCase') {
            throw new Error(
              `run ${run.runId} is a history of ${type ?? 'no workflow'}, not of a protection case`,
            );
          }
          return { workflowId: `case-${dufNumber}`, history };
        });
      } catch (error) {
        failures.set(dufNumber, errorMessage(error));
        progress();
        continue;
      }
      if (runs.length === 0) progress();
      for (const [index, run] of runs.entries()) {
        fed.push({ dufNumber, last: index === runs.length - 1 });
        yield run;
      }
    }
  }

  for await (const result of replayHistories(options, histories())) {
    const run = fed.shift();
    if (!run) throw new Error('the replayer answered for a history it was not given');
    if (result.error && !failures.has(run.dufNumber))
      failures.set(run.dufNumber, firstDivergingEvent(errorMessage(result.error)));
    if (run.last) progress();
  }
  return {
    replayed: dufNumbers.length,
    failed: dufNumbers
      .filter((dufNumber) => failures.has(dufNumber))
      .map((dufNumber) => ({ dufNumber, error: failures.get(dufNumber) ?? '' })),
  };
}

function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // A runtime is already installed in this process.
  }
}
