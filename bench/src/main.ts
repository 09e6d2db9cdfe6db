// `npm run bench`: what a case costs beside the floor, over HTTP, in replay, and with many cases open.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { POLICY_PROFILES } from '@saksflyt/domain';
import {
  archiveKeysFrom,
  bundleWorkflows,
  createDataConverter,
  KeyListSchema,
  KeyRing,
  loadSettings,
  repoRoot,
  runMain,
  SQLITE_PRAGMAS,
} from '@saksflyt/temporal';
import { caseWorkflowId } from '@saksflyt/workflows';
import {
  directTransport,
  floorPlans,
  floorTransport,
  httpTransport,
  measuredRound,
  runRound,
  type Transport,
} from './drive';
import { type Experiments, runExperiments, type SettingResult } from './experiments';
import { countHistories, type HistoryCounts } from './history';
import { type BenchOptions, parseBenchOptions } from './options';
import { lifecyclePlans } from './plans';
import {
  type ProjectionLag,
  ProjectionLagWatch,
  type ProjectionReach,
  projectionReach,
} from './projection-lag';
import { type CasePageSection, READ_TIMEOUT_MS, runCasePageReads } from './reads';
import { fetchHistories, type ReplayTiming, timeAuditReplay, timeReplay } from './replay';
import { commit, fixed, machine, ratio, table } from './report';
import { runScale, type ScaleLevel } from './scale';
import { median, round } from './stats';
import { medianSummary, type RoundSummary, type Target, target, type WorkerServing } from './summary';
import { type BenchSystem, startBenchSystem } from './system';

const PHASE = { warmup: 1, case: 10, floor: 11, httpClient: 20, http: 21 } as const;

interface Progress {
  step(label: string): void;
  bar(label: string, total: number): { update(done: number): void; stop(): void };
}

function progress(enabled: boolean): Progress {
  const began = performance.now();
  const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s`;
  return {
    step(label) {
      if (enabled) process.stderr.write(`${elapsed()}  ${label}\n`);
    },
    bar(label, total) {
      if (!enabled || !process.stderr.isTTY) {
        if (enabled) process.stderr.write(`${elapsed()}  ${label} (${total})\n`);
        return { update: () => undefined, stop: () => undefined };
      }
      const bar = new SingleBar(
        {
          format: `${elapsed()}  ${label} [{bar}] {value}/{total}`,
          stream: process.stderr,
          clearOnComplete: true,
        },
        Presets.shades_classic,
      );
      bar.start(total, 0);
      return { update: (done) => bar.update(done), stop: () => bar.stop() };
    },
  };
}

async function round_(
  system: BenchSystem,
  transport: Transport,
  plans: ReturnType<typeof lifecyclePlans>,
  show: Progress,
  label: string,
  servedBy: WorkerServing = 'product',
) {
  const bar = show.bar(label, plans.length);
  let done = 0;
  try {
    return await measuredRound(system, transport, plans, () => bar.update((done += 1)), servedBy);
  } finally {
    bar.stop();
  }
}

interface Comparison<A extends string, B extends string> {
  rounds: ({ round: number } & Record<A | B, RoundSummary>)[];
  median: Record<A | B, RoundSummary>;
}

function compare<A extends string, B extends string>(
  a: A,
  b: B,
  rounds: { round: number; a: RoundSummary; b: RoundSummary }[],
): Comparison<A, B> {
  return {
    rounds: rounds.map(
      (r) => ({ round: r.round, [a]: r.a, [b]: r.b }) as { round: number } & Record<A | B, RoundSummary>,
    ),
    median: {
      [a]: medianSummary(rounds.map((r) => r.a)),
      [b]: medianSummary(rounds.map((r) => r.b)),
    } as Record<A | B, RoundSummary>,
  };
}

async function bench(options: BenchOptions): Promise<void> {
  const show = progress(options.progress);
  const began = performance.now();
  const startedAt = new Date().toISOString();
  const machineAtStart = machine();
  const measuredCommit = commit();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-bench-'));
  const log = (line: string) => process.stderr.write(`${line}\n`);

  show.step('bundling the case and floor workflows once');
  const bundleStarted = performance.now();
  const { code } = await bundleWorkflows(require.resolve('./workflows/index.ts'), 'ERROR');
  const bundleSeconds = (performance.now() - bundleStarted) / 1000;
  const bundlePath = path.join(dataDir, 'bench-workflow-bundle.js');
  writeFileSync(bundlePath, code);

  show.step(
    (options.floorWorker === 'sdk-defaults'
      ? "starting a fresh dev server, the worker, the floor's worker (SDK defaults) and the API"
      : 'starting a fresh dev server, the worker (cases and floor alike) and the API') +
      (options.projection ? ', with the embedded projection store' : ', with no projection store'),
  );
  const profileDir = path.join(repoRoot(), 'bench', 'profiles');
  const system = await startBenchSystem({
    dataDir,
    bundlePath,
    withApi: true,
    log,
    workerEnv: options.workerEnv,
    floorWorker: options.floorWorker === 'sdk-defaults',
    projection: options.projection,
    ...(options.profile ? { workerNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
  });
  // Read before the lifecycle stops the floor's worker: the results say what the floor ran on.
  const floorWorker = {
    kind: options.floorWorker,
    taskQueue: system.floorTaskQueue,
    maxCachedWorkflows:
      system.floorWorker?.maxCachedWorkflows ??
      loadSettings({ ...system.env, ...options.workerEnv }).worker.maxCachedWorkflows,
  };
  const floorServedBy: WorkerServing = system.floorWorker ? 'floor' : 'product';
  const ring = KeyRing.fromList(KeyListSchema.parse(system.env.SAKSFLYT_ENCRYPTION_KEYS ?? ''));
  // The replays decide as the worker does (a refused payload is a marker its workflow refuses).
  const dataConverter = createDataConverter(ring, { reader: 'worker' });
  const replayOptions = { workflowBundle: { codePath: bundlePath }, dataConverter };

  let lifecycle: Comparison<'case', 'floor'>;
  let http: Comparison<'client', 'http'>;
  let history: Record<
    'case' | 'floor',
    { events: number; bytes: number; eventsMean: number; bytesMean: number; workflowTaskTimeouts: number }
  >;
  const replayRounds: { round: number; case: ReplayTiming; floor: ReplayTiming }[] = [];
  let auditReplay: ReplayTiming | undefined;
  let scale: ScaleLevel[] = [];
  let experiments: Experiments | undefined;
  let casePage: CasePageSection;
  // The projection's reach, read by the bench itself: the lag of the lifecycle's commands, and the reads' open cases.
  const reach: ProjectionReach | undefined = system.projection
    ? projectionReach(system.projection.url)
    : undefined;
  // Every `--lag-look-ms` (10 by default: fine for a lag of tens of ms, one query a look whatever the number of
  // cases); 0 leaves the store to the cases alone, to see what the looks cost it.
  const lagWatch =
    reach && options.lagLookMs > 0 ? new ProjectionLagWatch(reach, options.lagLookMs) : undefined;
  try {
    if (options.warmup > 0) {
      show.step(`warm-up: ${options.warmup} cases and floors (not recorded)`);
      const plans = lifecyclePlans(PHASE.warmup, 0, options.warmup);
      const warm = await runRound(system.client, directTransport(system.client), plans);
      await runRound(
        system.client,
        floorTransport(system.client, warm, system.floorTaskQueue),
        floorPlans(plans, warm),
      );
    }

    // 1–2. The lifecycle beside the floor: A B A B …, the floor answering each command with as many bytes.
    const lifecycleRounds: { round: number; a: RoundSummary; b: RoundSummary }[] = [];
    let lastCases: string[] = [];
    let lastFloors: string[] = [];
    let lastCaseDufNumbers: string[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const plans = lifecyclePlans(PHASE.case, r, options.cases);
      const label = `round ${r + 1}/${options.rounds}`;
      // Each Update's answer, as the client gets it, starts the lag until the projection shows its events.
      lagWatch?.start();
      const a = await round_(
        system,
        directTransport(system.client, lagWatch && ((duf, seq) => lagWatch.answered(duf, seq))),
        plans,
        show,
        `cases  ${label}`,
      );
      const projectionLag: ProjectionLag | undefined = await lagWatch?.stop();
      const floor = floorTransport(system.client, a.result, system.floorTaskQueue);
      const b = await round_(
        system,
        floor,
        floorPlans(plans, a.result),
        show,
        `floor  ${label}`,
        floorServedBy,
      );
      lastCaseDufNumbers = plans.map((plan) => plan.dufNumber);
      lastCases = plans.map((plan) => caseWorkflowId(plan.dufNumber));
      lastFloors = plans.map((plan) => floor.workflowId(plan));
      // Every history of the round, counted after both halves (outside their CPU readings): events and tasks per case.
      const counted = async (ids: string[]): Promise<HistoryCounts> =>
        countHistories((await fetchHistories(system.client, ids)).histories.map(({ history }) => history));
      const caseRound = {
        ...a.summary,
        history: await counted(lastCases),
        ...(projectionLag ? { projectionLag } : {}),
      };
      const floorRound = { ...b.summary, history: await counted(lastFloors) };
      lifecycleRounds.push({ round: r + 1, a: caseRound, b: floorRound });
      show.step(`${label}: ${perCaseLine('cases', caseRound)}; ${perCaseLine('floor', floorRound)}`);
    }
    lifecycle = compare('case', 'floor', lifecycleRounds);
    // The sections below measure the product's worker: the floor's would only poll beside them.
    await system.stopFloorWorker();

    // 3. The same commands through the API and through the client directly, in turn.
    const httpRounds: { round: number; a: RoundSummary; b: RoundSummary }[] = [];
    const api = system.api;
    if (!api) throw new Error('the API did not start');
    let lastHttpDufNumbers: string[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const label = `round ${r + 1}/${options.rounds}`;
      const a = await round_(
        system,
        directTransport(system.client),
        lifecyclePlans(PHASE.httpClient, r, options.httpCases),
        show,
        `client ${label}`,
      );
      const httpPlans = lifecyclePlans(PHASE.http, r, options.httpCases);
      const b = await round_(
        system,
        httpTransport(api.baseUrl, api.token),
        httpPlans,
        show,
        `HTTP   ${label}`,
      );
      lastHttpDufNumbers = httpPlans.map((plan) => plan.dufNumber);
      httpRounds.push({ round: r + 1, a: a.summary, b: b.summary });
    }
    http = compare('client', 'http', httpRounds);

    // 3b. The case page, read over HTTP with the worker running and with it stopped (issue 17).
    casePage = await runCasePageReads(system, {
      closedCases: [...lastCaseDufNumbers, ...lastHttpDufNumbers],
      openCases: options.readOpenCases,
      readers: options.readers,
      seconds: options.readSeconds,
      ...(reach ? { reach } : {}),
      workerEnv: options.workerEnv,
      step: (label) => show.step(label),
    });

    // 5. History sizes, and replay of the last round's closed cases beside the floor's histories.
    show.step(`fetching ${lastCases.length} case and ${lastFloors.length} floor histories`);
    const caseHistories = await fetchHistories(
      system.client,
      lastCases.slice(0, Math.max(1, options.replay)),
    );
    const floorHistories = await fetchHistories(
      system.client,
      lastFloors.slice(0, Math.max(1, options.replay)),
    );
    const sizes = (set: typeof caseHistories) => ({
      events: median(set.events),
      bytes: median(set.bytes),
      eventsMean: round(set.events.reduce((s, v) => s + v, 0) / set.events.length, 1),
      bytesMean: round(set.bytes.reduce((s, v) => s + v, 0) / set.bytes.length, 0),
      workflowTaskTimeouts: set.workflowTaskTimeouts,
    });
    history = { case: sizes(caseHistories), floor: sizes(floorHistories) };
    if (options.replay > 0) {
      for (let r = 0; r < options.rounds; r++) {
        show.step(`replay round ${r + 1}/${options.rounds}`);
        const a = await timeReplay(caseHistories, replayOptions);
        const b = await timeReplay(floorHistories, replayOptions);
        replayRounds.push({ round: r + 1, case: a, floor: b });
      }
      show.step('saksflyt audit replay of the same cases, end to end');
      auditReplay = await timeAuditReplay(
        system.client,
        dataDir,
        lastCases.slice(0, options.replay).map((id) => id.replace(/^case-/, '')),
        replayOptions,
        // The bench's worker has TEMPORAL_ADDRESS and the ring only: its archive key is derived from the ring.
        archiveKeysFrom(ring),
      );
    }

    if (options.experiments) {
      experiments = await runExperiments(system, {
        cases: options.experimentCases,
        rounds: options.experimentRounds,
        bundlePath,
        defaultWorkerEnv: options.workerEnv,
        replaySet: caseHistories,
        dataConverter,
        log,
        step: (label) => show.step(label),
      });
    }

    // 4. Open cases held by one server and one worker.
    if (options.scale.length > 0) {
      const bar = show.bar('open cases', options.scale.at(-1) ?? 0);
      try {
        scale = await runScale(system, options.scale, {
          updates: options.scaleUpdates,
          lists: options.scaleLists,
          queuePages: options.scaleQueuePages,
          stats: options.scaleStats,
          impacts: options.scaleImpacts,
          settleMs: options.settle * 1000,
          onProgress: (done) => bar.update(done),
        });
      } finally {
        bar.stop();
      }
    }
  } finally {
    show.step('stopping');
    await lagWatch?.stop(0);
    await reach?.close();
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const replayMedian = (pick: (r: (typeof replayRounds)[number]) => ReplayTiming) => ({
    historiesPerSecond: round(median(replayRounds.map((r) => pick(r).historiesPerSecond)), 1),
    eventsPerSecond: round(median(replayRounds.map((r) => pick(r).eventsPerSecond)), 0),
    histories: pick(replayRounds[0] ?? ({} as (typeof replayRounds)[number]))?.histories ?? 0,
    failed: Math.max(0, ...replayRounds.map((r) => pick(r).failed)),
  });
  const replaySummary =
    replayRounds.length > 0
      ? {
          rounds: replayRounds.map((r) => ({
            round: r.round,
            case: roundTiming(r.case),
            floor: roundTiming(r.floor),
          })),
          median: { case: replayMedian((r) => r.case), floor: replayMedian((r) => r.floor) },
          auditReplay: auditReplay ? roundTiming(auditReplay) : undefined,
        }
      : undefined;

  const L = lifecycle.median;
  const H = http.median;
  const ratios = {
    lifecycle: {
      casesPerSecond: round(L.case.casesPerSecond / L.floor.casesPerSecond),
      updatesPerSecond: round(L.case.updatesPerSecond / L.floor.updatesPerSecond),
      updateP50: round(L.case.updateMs.p50 / L.floor.updateMs.p50),
      updateP95: round(L.case.updateMs.p95 / L.floor.updateMs.p95),
      updateP99: round(L.case.updateMs.p99 / L.floor.updateMs.p99),
      cpuPerCase: round(cpuPerCase(L.case) / cpuPerCase(L.floor)),
      // Means over every history of a round, medians over the rounds (historyEvents: the last round's medians).
      eventsPerCase: round((L.case.history?.eventsPerCase ?? NaN) / (L.floor.history?.eventsPerCase ?? NaN)),
      workflowTasksPerCase: round(
        (L.case.history?.workflowTasksPerCase ?? NaN) / (L.floor.history?.workflowTasksPerCase ?? NaN),
      ),
      historyEvents: round(history.case.events / history.floor.events),
      historyBytes: round(history.case.bytes / history.floor.bytes),
    },
    http: {
      updateP50: round(H.http.updateMs.p50 / H.client.updateMs.p50),
      updateP95: round(H.http.updateMs.p95 / H.client.updateMs.p95),
      startP50: round(H.http.startMs.p50 / H.client.startMs.p50),
    },
    replay: replaySummary
      ? {
          historiesPerSecond: round(
            replaySummary.median.case.historiesPerSecond / replaySummary.median.floor.historiesPerSecond,
          ),
          eventsPerSecond: round(
            replaySummary.median.case.eventsPerSecond / replaySummary.median.floor.eventsPerSecond,
          ),
        }
      : undefined,
    scale:
      scale.length > 1
        ? {
            updateP99: round((scale.at(-1)?.updateMs.p99 ?? NaN) / (scale[0]?.updateMs.p99 ?? NaN)),
            workerRss: round(
              (scale.at(-1)?.workerSettledRssMiB ?? NaN) / (scale[0]?.workerSettledRssMiB ?? NaN),
            ),
          }
        : undefined,
  };
  const targets: Target[] = [
    target('lifecycle throughput vs floor', ratios.lifecycle.casesPerSecond, 'min', 0.8, '≥ 0.8× floor'),
    target('lifecycle p99 update latency vs floor', ratios.lifecycle.updateP99, 'max', 1.25, '≤ 1.25× floor'),
    target('HTTP p50 update latency vs client', ratios.http.updateP50, 'max', 1.2, '≤ 1.2× client'),
    ...(ratios.scale
      ? [
          target(
            `p99 update latency at ${scale.at(-1)?.openCases} vs ${scale[0]?.openCases} open cases`,
            ratios.scale.updateP99,
            'max',
            2,
            '≤ 2×',
          ),
          target(
            `worker RSS at ${scale.at(-1)?.openCases} vs ${scale[0]?.openCases} open cases`,
            ratios.scale.workerRss,
            'max',
            1.25,
            'bounded by the cache (≤ 1.25×)',
          ),
        ]
      : []),
  ];

  const durationSeconds = round((performance.now() - began) / 1000, 0);
  const policy = POLICY_PROFILES.bench.at(-1);
  const results = {
    version: 1,
    startedAt,
    durationSeconds,
    machine: { ...machineAtStart, loadAverageAtEnd: machine().loadAverage },
    commit: measuredCommit,
    settings: {
      ...options,
      policyProfile: 'bench',
      secondsPerDay: policy?.secondsPerDay,
      sqlitePragmas: SQLITE_PRAGMAS,
      worker: 'product defaults (apps/worker/src/main.ts, SAKSFLYT_WORKER_*) on the prebuilt bench bundle',
      workerCache: loadSettings({ ...system.env, ...options.workerEnv }).worker.maxCachedWorkflows,
      floorWorker: {
        ...floorWorker,
        worker:
          floorWorker.kind === 'sdk-defaults'
            ? "a worker of its own, every option the SDK's default (bench/src/floor-worker.ts), on the same bundle and data converter"
            : "the product's worker, beside the cases",
      },
      projectionStore: options.projection
        ? 'embedded PGlite over the PostgreSQL protocol, its files in the data folder, as npm start serves it; ' +
          'the worker writes it, the API reads every case from it'
        : 'none: the worker writes no read model, the API reads the workflows (the bench before issue 17)',
      projectionLag:
        options.projection && options.lagLookMs > 0
          ? `client side: from each lifecycle Update's answer to the end of the first look at the projection ` +
            `(saksflyt_projection_cases.last_event_seq, every ${options.lagLookMs} ms, one query for every case ` +
            'waited on) that shows its last event'
          : 'not measured',
      readTimeoutMs: READ_TIMEOUT_MS,
      bundleKiB: Math.round(code.length / 1024),
      bundleSeconds: round(bundleSeconds),
    },
    lifecycle: { ...lifecycle, history },
    http,
    casePage,
    replay: replaySummary,
    scale,
    ratios,
    targets,
    ...(experiments ? { experiments } : {}),
  };
  const out = path.resolve(repoRoot(), options.out);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(render(results));
  console.log(`\nresults: ${path.relative(process.cwd(), out)} (${durationSeconds} s)`);
}

/** A round in one line of progress: throughput, latency, and what each case cost. */
function perCaseLine(side: string, summary: RoundSummary): string {
  return (
    `${side} ${fixed(summary.casesPerSecond)}/s (p99 ${fixed(summary.updateMs.p99, 0)} ms, ` +
    `${fixed(summary.history?.eventsPerCase ?? NaN)} events, ` +
    `${fixed(summary.history?.workflowTasksPerCase ?? NaN)} workflow tasks, ` +
    `${fixed(cpuPerCase(summary), 0)} ms CPU a case)`
  );
}

/** Worker and dev-server CPU per case: the cost of a case on this machine, whatever else runs on it. */
function cpuPerCase(summary: RoundSummary): number {
  return (summary.cpuMsPerCase.worker ?? NaN) + (summary.cpuMsPerCase.server ?? NaN);
}

const cpu = (summary: RoundSummary) =>
  `${fixed(summary.cpuMsPerCase.worker ?? NaN, 0)}+${fixed(summary.cpuMsPerCase.server ?? NaN, 0)}` +
  (summary.cpuMsPerCase.projection === undefined ? '' : `+${fixed(summary.cpuMsPerCase.projection, 0)}`);

function roundTiming(timing: ReplayTiming) {
  return {
    histories: timing.histories,
    seconds: round(timing.seconds),
    historiesPerSecond: round(timing.historiesPerSecond, 1),
    eventsPerSecond: round(timing.eventsPerSecond, 0),
    failed: timing.failed,
  };
}

type Results = {
  lifecycle: Comparison<'case', 'floor'> & {
    history: Record<'case' | 'floor', { events: number; bytes: number }>;
  };
  http: Comparison<'client', 'http'>;
  casePage?: CasePageSection;
  replay?: {
    median: Record<'case' | 'floor', { historiesPerSecond: number; eventsPerSecond: number }>;
    auditReplay?: { historiesPerSecond: number } | undefined;
  };
  scale: ScaleLevel[];
  ratios: {
    lifecycle: Record<string, number>;
    http: Record<string, number>;
    replay?: Record<string, number> | undefined;
  };
  targets: Target[];
  experiments?: Experiments;
  settings: {
    cases: number;
    rounds: number;
    httpCases: number;
    workerCache: number;
    floorWorker: { kind: string; maxCachedWorkflows: number };
    projection?: boolean;
  };
  durationSeconds: number;
};

/** The table `npm run bench` prints, and the README shows. */
export function render(results: Results): string {
  const { lifecycle, http, casePage, replay, scale, ratios, settings } = results;
  const L = lifecycle.median;
  const H = http.median;
  const lat = (s: RoundSummary) =>
    `${fixed(s.updateMs.p50, 0)} / ${fixed(s.updateMs.p95, 0)} / ${fixed(s.updateMs.p99, 0)}`;
  const sections: string[] = [];
  const floorWorker =
    settings.floorWorker.kind === 'sdk-defaults'
      ? `its own worker, SDK defaults (cache ${settings.floorWorker.maxCachedWorkflows})`
      : `the product's worker too`;
  sections.push(
    `Lifecycle: ${settings.cases} cases at once, medians of ${settings.rounds} rounds (case and floor in turn)\n` +
      `case on the product's worker (cache ${settings.workerCache}); floor on ${floorWorker}\n` +
      table(
        [
          '',
          'cases/s',
          'updates/s',
          'update p50 / p95 / p99 ms',
          settings.projection ? 'CPU ms/case w+s+p' : 'CPU ms/case w+s',
          'events/case',
          'workflow tasks/case',
          'bytes/case',
        ],
        [
          ...(['case', 'floor'] as const).map((side) => [
            side,
            fixed(L[side].casesPerSecond),
            fixed(L[side].updatesPerSecond),
            lat(L[side]),
            cpu(L[side]),
            fixed(L[side].history?.eventsPerCase ?? NaN),
            fixed(L[side].history?.workflowTasksPerCase ?? NaN),
            fixed(lifecycle.history[side].bytes, 0),
          ]),
          [
            'case / floor',
            ratio(ratios.lifecycle.casesPerSecond ?? NaN),
            ratio(ratios.lifecycle.updatesPerSecond ?? NaN),
            `${ratio(ratios.lifecycle.updateP50 ?? NaN)} / ${ratio(ratios.lifecycle.updateP95 ?? NaN)} / ${ratio(ratios.lifecycle.updateP99 ?? NaN)}`,
            ratio(ratios.lifecycle.cpuPerCase ?? NaN),
            ratio(ratios.lifecycle.eventsPerCase ?? NaN),
            ratio(ratios.lifecycle.workflowTasksPerCase ?? NaN),
            ratio(ratios.lifecycle.historyBytes ?? NaN),
          ],
        ],
      ) +
      '\nCPU: w the worker that ran the round, s the dev server' +
      (settings.projection ? ', p the projection store (the lag looks too; not in the ratio)' : '') +
      '. events and workflow tasks (completed) per case: ' +
      "means over every history of a round; bytes: the last round's median." +
      (L.case.projectionLag ? `\n${lagLine(L.case.projectionLag)}` : '') +
      `\nprojection: ${settings.projection === false ? 'none (--no-projection)' : 'embedded PGlite, as npm start serves it'}`,
  );
  sections.push(
    `HTTP: ${settings.httpCases} cases at once, medians of ${settings.rounds} rounds (client and API in turn)\n` +
      table(
        ['', 'cases/s', 'start p50 ms', 'update p50 / p95 / p99 ms', 'API CPU ms/case'],
        [
          ['client', fixed(H.client.casesPerSecond), fixed(H.client.startMs.p50, 0), lat(H.client), ''],
          [
            'API (HTTP)',
            fixed(H.http.casesPerSecond),
            fixed(H.http.startMs.p50, 0),
            lat(H.http),
            fixed(H.http.cpuMsPerCase.api ?? NaN, 0),
          ],
          [
            'API / client',
            ratio(H.http.casesPerSecond / H.client.casesPerSecond),
            ratio(ratios.http.startP50 ?? NaN),
            `${ratio(ratios.http.updateP50 ?? NaN)} / ${ratio(ratios.http.updateP95 ?? NaN)} / –`,
            '',
          ],
        ],
      ),
  );
  if (casePage) sections.push(renderCasePage(casePage));
  if (replay) {
    sections.push(
      'Replay: one replay worker, prebuilt bundle, histories in memory\n' +
        table(
          ['', 'histories/s', 'events/s'],
          [
            [
              'case',
              fixed(replay.median.case.historiesPerSecond),
              fixed(replay.median.case.eventsPerSecond, 0),
            ],
            [
              'floor',
              fixed(replay.median.floor.historiesPerSecond),
              fixed(replay.median.floor.eventsPerSecond, 0),
            ],
            [
              'case / floor',
              ratio(ratios.replay?.historiesPerSecond ?? NaN),
              ratio(ratios.replay?.eventsPerSecond ?? NaN),
            ],
            ...(replay.auditReplay
              ? [['saksflyt audit replay (reads too)', fixed(replay.auditReplay.historiesPerSecond), '']]
              : []),
          ],
        ),
    );
  }
  if (scale.length > 0) {
    sections.push(
      `Open cases: one dev server, one worker caching ${results.settings.workerCache} workflows\n` +
        table(
          [
            'open cases',
            'starts/s',
            'worker RSS MiB (settled)',
            'server RSS MiB',
            'update p50 / p99 ms',
            'list p50 / p95 ms',
            'queue page p50 / p95 ms (pages)',
            'my cases p50 / p95 ms',
            'stats p50 / p95 ms',
            'policy impact p50 ms (cases read / touched)',
          ],
          scale.map((level) => [
            String(level.openCases),
            fixed(level.startsPerSecond, 0),
            `${fixed(level.workerRssMiB, 0)} (${fixed(level.workerSettledRssMiB, 0)})`,
            fixed(level.serverRssMiB, 0),
            `${fixed(level.updateMs.p50, 0)} / ${fixed(level.updateMs.p99, 0)}`,
            `${fixed(level.listMs.p50, 0)} / ${fixed(level.listMs.p95, 0)}`,
            `${fixed(level.queuePageMs.p50, 0)} / ${fixed(level.queuePageMs.p95, 0)} (${level.queuePageMs.samples})`,
            `${fixed(level.myCasesMs.p50, 0)} / ${fixed(level.myCasesMs.p95, 0)}`,
            `${fixed(level.statsMs.p50, 0)} / ${fixed(level.statsMs.p95, 0)}`,
            `${fixed(level.impactMs.p50, 0)} (${level.impactMs.casesRead} / ${level.impactMs.casesTouched})`,
          ]),
        ) +
        scale
          .filter((level) => level.publish)
          .map(
            ({ openCases, publish }) =>
              `\nPublishing a version at ${openCases} open cases: ${fixed(publish?.ms ?? NaN, 0)} ms ` +
              `(server ${fixed(publish?.serverCpuSeconds ?? NaN, 2)} s CPU, worker ${fixed(publish?.workerCpuSeconds ?? NaN, 2)} s); ` +
              (publish?.sampled
                ? `${publish.followed}/${publish.sampled} sampled cases judged by it at their next step`
                : 'in force from a later day'),
          )
          .join(''),
    );
  }
  sections.push(
    'Targets\n' +
      table(
        ['', 'target', 'measured', ''],
        results.targets.map((t) => [t.name, t.target, `${t.value}×`, t.met ? 'met' : 'NOT MET']),
      ),
  );
  if (results.experiments) sections.push(renderExperiments(results.experiments));
  return sections.join('\n\n');
}

/** The projection lag of the lifecycle's case rounds, in a line. */
function lagLine(lag: ProjectionLag): string {
  return (
    `projection lag (an Update's answer to the projection showing its events, looked at every ${lag.intervalMs} ms): ` +
    `p50 / p95 / p99 ${fixed(lag.p50, 0)} / ${fixed(lag.p95, 0)} / ${fixed(lag.p99, 0)} ms over ${lag.samples} ` +
    `commands, ${fixed(lag.seenAtFirstLook * 100, 0)}% there at the first look, ${lag.unseen} never seen; ` +
    `a look took ${fixed(lag.lookMs.p50, 1)} ms (p99 ${fixed(lag.lookMs.p99, 1)})`
  );
}

function renderCasePage(section: CasePageSection): string {
  const notOk = (reads: CasePageSection['workerRunning']) => {
    const entries = Object.entries(reads.notOk);
    return entries.length === 0 ? 'none' : entries.map(([status, count]) => `${count}× ${status}`).join(', ');
  };
  const row = (label: string, reads: CasePageSection['workerRunning']) => [
    label,
    fixed(reads.pagesPerSecond),
    fixed(reads.okRequestsPerSecond),
    `${fixed(reads.pageMs.p50, 0)} / ${fixed(reads.pageMs.p99, 0)}`,
    `${reads.pages} / ${reads.pages + reads.failedPages}`,
    notOk(reads),
    fixed(reads.cpuMsPerPage.api ?? NaN, 1),
    fixed(reads.cpuMsPerPage.worker ?? NaN, 1),
    fixed(reads.cpuMsPerPage.projection ?? NaN, 1),
  ];
  return (
    `Case page reads (${section.projection ? 'from the projection' : 'no projection: from the workflows'}): ` +
    `${section.readers} readers for ${section.seconds} s, over ${section.cases.open} open and ` +
    `${section.cases.closed} closed cases; a page is GET the case, its events, its messages and the policy, at once\n` +
    table(
      [
        'worker',
        'pages/s',
        '200s/s',
        'page p50 / p99 ms',
        'pages all 200',
        'not 200 (requests)',
        'CPU ms/page API',
        'worker',
        'projection',
      ],
      [row('running', section.workerRunning), row('stopped', section.workerStopped)],
    ) +
    `\nstopped: ${section.workerStopped.failedPages === 0 ? 'every read answered 200' : `${section.workerStopped.failedPages} pages not whole`}; ` +
    `each read bounded by ${READ_TIMEOUT_MS / 1000} s; the worker polled again ${section.workerRestartSeconds} s after it was started again`
  );
}

function renderExperiments(experiments: Experiments): string {
  const rows = (settings: SettingResult[]) =>
    settings.map((s) => [
      s.setting,
      fixed(s.median.casesPerSecond),
      `${fixed(s.median.updateMs.p50, 0)} / ${fixed(s.median.updateMs.p99, 0)}`,
      cpu(s.median),
      fixed(s.median.history?.eventsPerCase ?? NaN),
      fixed(s.median.history?.workflowTasksPerCase ?? NaN),
      fixed(s.median.workerPeakRssMiB, 0),
    ]);
  const header = [
    '',
    'cases/s',
    'update p50 / p99 ms',
    'CPU ms/case w+s',
    'events/case',
    'workflow tasks/case',
    'worker peak RSS MiB',
  ];
  return [
    'Experiments: worker settings (medians)\n' +
      table(['worker', ...header.slice(1)], rows(experiments.worker)),
    'Experiments: dev server settings (medians)\n' +
      table(['server', ...header.slice(1)], rows(experiments.server)),
    `worker start: ${experiments.workerStartSeconds.prebuiltBundle} s with the prebuilt bundle, ` +
      `${experiments.workerStartSeconds.bundledAtStart} s bundling at start`,
    `replay of ${experiments.replay.oneWorker.histories} histories: ` +
      `${fixed(experiments.replay.oneWorker.historiesPerSecond)}/s on one replay worker, ` +
      `${fixed(experiments.replay.workerPerHistory.historiesPerSecond)}/s with a worker per history`,
  ].join('\n');
}

runMain(async () => bench(parseBenchOptions(process.argv.slice(2))), 'bench');
