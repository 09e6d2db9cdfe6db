import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { bundleWorkflows } from '@saksflyt/temporal';
import { removeVariants, variant } from '@saksflyt/workflows/testing';
import { directTransport, measuredRound } from './drive';
import { lifecyclePlans } from './plans';
import { caseWorkflowId } from '@saksflyt/workflows';
import { countHistories } from './history';
import {
  fetchHistories,
  type HistorySet,
  type ReplayTiming,
  timeReplay,
  timeReplayWorkerPerHistory,
} from './replay';
import { median, round } from './stats';
import { type RoundSummary, medianSummary } from './summary';
import { type BenchSystem, rssOf, startBenchSystem, type SystemOptions } from './system';

type ExperimentRound = RoundSummary & { workerPeakRssMiB: number };

export interface SettingResult {
  setting: string;
  env: Record<string, unknown>;
  rounds: ExperimentRound[];
  median: ExperimentRound;
}

export interface Experiments {
  worker: SettingResult[];
  server: SettingResult[];
  workerStartSeconds: { prebuiltBundle: number; bundledAtStart: number };
  replay: { oneWorker: ReplayTiming; workerPerHistory: ReplayTiming };
}

const withMedian = (
  setting: string,
  env: Record<string, unknown>,
  rounds: ExperimentRound[],
): SettingResult => ({
  setting,
  env,
  rounds,
  median: {
    ...medianSummary(rounds),
    workerPeakRssMiB: round(median(rounds.map((r) => r.workerPeakRssMiB)), 0),
  },
});

const EXPERIMENT_PHASE = 60;

/**
 * The tuning experiments (`--experiments`): worker settings, each on a fresh worker process; dev-server settings,
 * each on a server of its own; worker start with and without the prebuilt bundle; replay on one worker or one per
 * history. Settings take turns round by round, so that the machine's other load falls on all of them alike.
 */
export async function runExperiments(
  system: BenchSystem,
  options: {
    cases: number;
    rounds: number;
    bundlePath: string;
    defaultWorkerEnv: Record<string, string>;
    replaySet: HistorySet;
    dataConverter: DataConverter;
    log: (line: string) => void;
    step: (label: string) => void;
  },
): Promise<Experiments> {
  let phase = EXPERIMENT_PHASE;
  const lifecycleRound = async (target: BenchSystem): Promise<ExperimentRound> => {
    const plans = lifecyclePlans(phase++, 0, options.cases);
    const { summary } = await measuredRound(target, directTransport(target.client), plans);
    const workerPeakRssMiB = round(rssOf(target.worker.pid).peakMiB, 0);
    // Events and workflow tasks per case, counted after the round (outside its CPU readings).
    const { histories } = await fetchHistories(
      target.client,
      plans.map((plan) => caseWorkflowId(plan.dufNumber)),
    );
    return { ...summary, history: countHistories(histories.map(({ history }) => history)), workerPeakRssMiB };
  };

  // The same workflows without the shared domain: every workflow builds the domain's schemas for itself.
  const unsharedBundle = path.join(system.dataDir, 'bench-bundle-domain-per-workflow.js');
  writeFileSync(
    unsharedBundle,
    (await bundleWorkflows(require.resolve('./workflows/index.ts'), 'ERROR', { shareDomain: false })).code,
  );
  // Issue 17: the same workflows with every projection write an activity of its own (the lane's), where today's
  // have a change with effects written by its first effect's activity (`projectFirst`).
  const ownWritesBundle = path.join(system.dataDir, 'bench-bundle-projection-own-writes.js');
  writeFileSync(
    ownWritesBundle,
    (
      await bundleWorkflows(
        benchIndex(
          OWN_WRITES_VARIANT,
          [
            'projectsEvents && upTo > from ? events.filter((event) => event.seq > from) : undefined',
            'undefined',
          ],
          ['(pending.length === 0 || effectRunning)', 'true'],
        ),
        'ERROR',
      )
    ).code,
  );
  // Issue 17: the same workflows with every effect an activity of its own, where today's carry a change's several
  // effects out in one (`carryOutEffects`).
  const oneByOneBundle = path.join(system.dataDir, 'bench-bundle-effects-one-by-one.js');
  writeFileSync(
    oneByOneBundle,
    (
      await bundleWorkflows(
        benchIndex(ONE_BY_ONE_VARIANT, [
          "const effectsTogether = patched('effects-together');",
          'const effectsTogether = false;',
        ]),
        'ERROR',
      )
    ).code,
  );
  // The variants' sources are only for the bundles: they are not the project's code (nor lint clean).
  removeVariants(OWN_WRITES_VARIANT, ONE_BY_ONE_VARIANT);
  const workerSettings: { setting: string; env: Record<string, string> }[] = [
    { setting: 'product defaults', env: {} },
    { setting: 'projection: no projectFirst', env: { SAKSFLYT_WORKFLOW_BUNDLE: ownWritesBundle } },
    { setting: 'effects one by one', env: { SAKSFLYT_WORKFLOW_BUNDLE: oneByOneBundle } },
    { setting: 'domain built per workflow', env: { SAKSFLYT_WORKFLOW_BUNDLE: unsharedBundle } },
    { setting: 'reuseV8Context off', env: { SAKSFLYT_WORKER_REUSE_V8_CONTEXT: 'false' } },
    { setting: 'workflow tasks 10', env: { SAKSFLYT_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '10' } },
    { setting: 'workflow tasks 100', env: { SAKSFLYT_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '100' } },
    { setting: 'cache 1000 workflows', env: { SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS: '1000' } },
  ];
  const worker = workerSettings.map(() => [] as ExperimentRound[]);
  for (let r = 0; r < options.rounds; r++) {
    for (const [index, { setting, env }] of workerSettings.entries()) {
      options.step(`experiment: ${setting}, round ${r + 1}/${options.rounds}`);
      await system.restartWorker({ ...options.defaultWorkerEnv, ...env });
      worker[index]?.push(await lifecycleRound(system));
    }
  }

  // The bundle: how long a worker takes to start with the prebuilt bundle and when it bundles the sources itself.
  const starts = { prebuilt: [] as number[], atStart: [] as number[] };
  for (let r = 0; r < 2; r++) {
    options.step(`experiment: worker start, round ${r + 1}/2`);
    starts.atStart.push(
      await system.restartWorker({
        ...options.defaultWorkerEnv,
        SAKSFLYT_WORKFLOW_BUNDLE: path.join(system.dataDir, 'no-such-bundle.js'),
      }),
    );
    starts.prebuilt.push(await system.restartWorker(options.defaultWorkerEnv));
  }

  // The dev server: SQLite's own defaults (rollback journal, synchronous=full) against the product's pragmas, and
  // eager activities (the server hands an activity to the worker in the reply to the task that scheduled it).
  const serverSettings: { setting: string; options: Partial<SystemOptions> }[] = [
    { setting: 'SQLite defaults (no WAL, synchronous=full)', options: { sqlitePragmas: [] } },
    {
      setting: 'eager activities',
      options: { dynamicConfig: { 'system.enableActivityEagerExecution': true } },
    },
  ];
  const variants: BenchSystem[] = [];
  const server = [[] as ExperimentRound[], ...serverSettings.map(() => [] as ExperimentRound[])];
  try {
    for (const [index, variant] of serverSettings.entries()) {
      options.step(`experiment: starting a server with ${variant.setting}`);
      const dataDir = path.join(system.dataDir, `server-${index}`);
      mkdirSync(dataDir, { recursive: true });
      variants.push(
        await startBenchSystem({
          dataDir,
          bundlePath: options.bundlePath,
          workerEnv: options.defaultWorkerEnv,
          withApi: false,
          log: options.log,
          ...variant.options,
        }),
      );
    }
    for (let r = 0; r < options.rounds; r++) {
      for (const [index, target] of [system, ...variants].entries()) {
        options.step(
          `experiment: server settings ${index + 1}/${variants.length + 1}, round ${r + 1}/${options.rounds}`,
        );
        server[index]?.push(await lifecycleRound(target));
      }
    }
  } finally {
    for (const variant of variants) await variant.stop();
  }

  options.step('experiment: replay');
  const sample = {
    ...options.replaySet,
    histories: options.replaySet.histories.slice(0, 50),
    events: options.replaySet.events.slice(0, 50),
  };
  const replayOptions = {
    workflowBundle: { codePath: options.bundlePath },
    dataConverter: options.dataConverter,
  };
  const workerPerHistory = await timeReplayWorkerPerHistory(sample, replayOptions);
  const oneWorker = await timeReplay(sample, replayOptions);

  return {
    worker: workerSettings.map(({ setting, env }, index) => withMedian(setting, env, worker[index] ?? [])),
    server: [
      withMedian('product (WAL, synchronous=normal)', {}, server[0] ?? []),
      ...serverSettings.map(({ setting, options: variant }, index) =>
        withMedian(setting, variant, server[index + 1] ?? []),
      ),
    ],
    workerStartSeconds: {
      prebuiltBundle: round(median(starts.prebuilt) / 1000),
      bundledAtStart: round(median(starts.atStart) / 1000),
    },
    replay: { oneWorker, workerPerHistory },
  };
}

/** A variant whose projection writes are all the lane's own activities: no effect's activity carries events. */
const OWN_WRITES_VARIANT = 'bench-projection-own-writes';
/** A variant whose effects each run as an activity of their own, as before `patched('effects-together')`. */
const ONE_BY_ONE_VARIANT = 'bench-effects-one-by-one';

/** The bench's workflows with a variant of the case workflow: today's, with the replacements made. */
function benchIndex(name: string, ...replacements: [string, string][]): string {
  const [first = ['', ''], ...more] = replacements;
  const caseWorkflow = variant(name, '', first, ...more);
  const index = path.join(path.dirname(caseWorkflow), 'bench-index.ts');
  writeFileSync(
    index,
    [
      "export { archiveHead, policyRegistry } from '@saksflyt/workflows';",
      `export { floorCase } from '${path.join(__dirname, 'workflows', 'floor.workflow')}';`,
      "export { protectionCase } from './index';",
      '',
    ].join('\n'),
  );
  return index;
}
