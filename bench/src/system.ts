import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Client } from '@temporalio/client';
import { UserStore } from '@saksflyt/accounts';
import { type EmbeddedProjectionStore, startEmbeddedProjectionStore } from '@saksflyt/audit';
import {
  connectClient,
  createDataConverter,
  ensureTemporalTool,
  freePort,
  KeyListSchema,
  KeyRing,
  loadSettings,
  repoRoot,
  type RunningDevServer,
  startDevServer,
  TEMPORAL_CLI,
} from '@saksflyt/temporal';

export const BENCH_TASK_QUEUE = 'bench';
/** The floor's own worker polls a queue of its own, so that no case task reaches it and no floor task the product's. */
export const BENCH_FLOOR_TASK_QUEUE = 'bench-floor';
/** What bench/src/floor-worker.ts prints once it polls: the workflow cache the SDK chose for it. */
const FLOOR_WORKER_READY = /^floor worker polls task queue \S+ with a cache of (\d+) workflows/;
const BENCH_USER = 'bench';
const BENCH_ADMIN = 'bench-admin';
const BENCH_PASSWORD = randomBytes(18).toString('base64url');

/** A child process of the benchmark: the production worker or API, run from source as `npm start` runs them. */
export interface NodePart {
  name: string;
  pid: number;
  child: ChildProcess;
  /** The line of its output that said it was ready. */
  readyLine: string;
  stop(): Promise<void>;
}

/** The floor's worker when it runs apart from the product's (bench/src/floor-worker.ts): the SDK's defaults. */
export interface FloorWorker extends NodePart {
  taskQueue: string;
  /** The workflow cache the SDK sized from the worker's heap. */
  maxCachedWorkflows: number;
}

/**
 * Everything a benchmark talks to: one dev server, the production worker on the bench bundle, the API, and the
 * floor's worker with the SDK's defaults unless the floor runs on the production worker.
 */
export interface BenchSystem {
  dataDir: string;
  server: RunningDevServer;
  client: Client;
  worker: NodePart;
  /** Running while the floor has a worker of its own; unset once stopped, or when the floor shares `worker`. */
  floorWorker?: FloorWorker;
  /** Where floor workflows are started: the floor worker's queue, or the production worker's. */
  floorTaskQueue: string;
  /**
   * The embedded projection store `npm start` serves (PGlite over the PostgreSQL protocol, its files in the data
   * folder), which the worker writes and the API reads; unset with `--no-projection`.
   */
  projection?: { store: EmbeddedProjectionStore; url: string };
  api?: {
    part: NodePart;
    baseUrl: string;
    token: string;
    signIn: () => Promise<void>;
    /** A token of the bench's admin, for what only admins do (publishing a policy version). */
    adminToken: () => Promise<string>;
  };
  env: Record<string, string>;
  /** Restarts the worker with other settings (the experiments); resolves once it polls. */
  restartWorker(env?: Record<string, string>): Promise<number>;
  /** Stops the product's worker, leaving it stopped (reads with no worker); `restartWorker` brings it back. */
  stopWorker(): Promise<void>;
  /** Stops the floor's own worker (after the lifecycle rounds), so that it polls no more beside later sections. */
  stopFloorWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** The SDK's warnings about the load the benchmark makes on purpose: tasks that waited, runs evicted with no cache. */
const LOAD_WARNING = /TMPRL1104|Workflow task duration exceeded|leftover buffered tasks when evicting/;

const children = new Set<ChildProcess | RunningDevServer>();
let exitHookInstalled = false;

/** Whatever happens to the benchmark, it takes its processes with it. */
function killChildrenOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of children) {
      if ('exited' in child) child.kill();
      else child.kill('SIGKILL');
    }
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

export function track(child: ChildProcess | RunningDevServer): void {
  killChildrenOnExit();
  children.add(child);
  if ('exited' in child) void child.exited.then(() => children.delete(child));
  else child.once('exit', () => children.delete(child));
}

/** Starts an entry point of this repository under tsx; resolves once a line of its output matches `ready`. */
export async function startNodePart(
  name: string,
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  log: (line: string) => void,
  nodeArgs: string[] = [],
): Promise<NodePart> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(repoRoot(), entry)], {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const recent: string[] = [];
  let readyLine = '';
  const isReady = new Promise<void>((resolve) => {
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (ready.test(line)) {
          readyLine = line;
          resolve();
        } else if (!LOAD_WARNING.test(line)) log(`[${name}] ${line}`);
      });
    }
  });
  const outcome = await Promise.race([
    isReady.then(() => 'ready' as const),
    exited.then((code) => `exited with code ${code}`),
    new Promise<string>((resolve) => setTimeout(() => resolve('did not start within 120 s'), 120_000)),
  ]);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(`the ${name} ${outcome}:\n${recent.join('\n')}`);
  }
  return {
    name,
    pid: child.pid ?? -1,
    child,
    readyLine,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface SystemOptions {
  dataDir: string;
  bundlePath: string;
  /** Worker settings as environment variables (`SAKSFLYT_WORKER_*`). */
  workerEnv?: Record<string, string>;
  sqlitePragmas?: readonly string[];
  dynamicConfig?: Readonly<Record<string, unknown>>;
  /** Node options of the worker process, e.g. `--cpu-prof` (`npm run bench -- --profile`). */
  workerNodeArgs?: string[];
  /**
   * The floor on a worker of its own with the SDK's defaults (`npm run bench`'s default); otherwise floor workflows
   * go to the production worker (`--floor-worker product`, as the bench ran before issue 17).
   */
  floorWorker?: boolean;
  /** The embedded projection store, as `npm start` runs it (the default); false: none (the bench before issue 17). */
  projection?: boolean;
  withApi: boolean;
  log: (line: string) => void;
}

export async function startBenchSystem(options: SystemOptions): Promise<BenchSystem> {
  const cli = await ensureTemporalTool(TEMPORAL_CLI, options.log);
  const server = await startDevServer({
    cliPath: cli.path,
    port: await freePort(),
    uiPort: false,
    dbFile: path.join(options.dataDir, 'temporal.sqlite'),
    ...(options.sqlitePragmas ? { sqlitePragmas: options.sqlitePragmas } : {}),
    ...(options.dynamicConfig ? { dynamicConfig: options.dynamicConfig } : {}),
    onOutput: () => undefined,
  });
  track(server);
  let projection: EmbeddedProjectionStore | undefined;
  try {
    // As `npm start` serves it when no SAKSFLYT_PROJECTION_URL is set: PGlite's files in the data folder.
    if (options.projection ?? true) {
      projection = await startEmbeddedProjectionStore({
        port: await freePort(),
        folder: path.join(options.dataDir, 'projection'),
        onOutput: (line) => options.log(`[projection] ${line}`),
      });
      track(projection.child);
    }
    return await startParts(server, projection, options);
  } catch (error) {
    await projection?.stop();
    await server.stop();
    throw error;
  }
}

async function startParts(
  server: RunningDevServer,
  projection: EmbeddedProjectionStore | undefined,
  options: SystemOptions,
): Promise<BenchSystem> {
  // A key ring of its own: the real AES-GCM codec, for the cases and the floor alike.
  const keys = `bench:${randomBytes(32).toString('base64')}`;
  const env: Record<string, string> = {
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: BENCH_TASK_QUEUE,
    SAKSFLYT_DATA_DIR: options.dataDir,
    SAKSFLYT_ENCRYPTION_KEYS: keys,
    SAKSFLYT_WORKFLOW_BUNDLE: options.bundlePath,
    SAKSFLYT_POLICY_PROFILE: 'bench',
    SAKSFLYT_WORKER_LOG_LEVEL: 'ERROR',
    SAKSFLYT_API_LOG_LEVEL: 'warn',
    // The worker writes every case's events to it, and the API reads every case from it (issue 17).
    ...(projection ? { SAKSFLYT_PROJECTION_URL: projection.url } : {}),
  };
  const settings = loadSettings(env);
  const client = await connectClient(
    settings.temporal,
    createDataConverter(KeyRing.fromList(KeyListSchema.parse(keys)), { reader: 'client' }),
  );
  const startWorker = (extra: Record<string, string>) =>
    startNodePart(
      'worker',
      'apps/worker/src/main.ts',
      { ...env, ...extra },
      /^worker polls task queue/,
      options.log,
      options.workerNodeArgs,
    );
  let worker = await startWorker(options.workerEnv ?? {});
  let floorWorker: FloorWorker | undefined;
  let api: BenchSystem['api'];
  try {
    if (options.floorWorker) floorWorker = await startFloorWorker(options, env);
    if (options.withApi) api = await startApi(options, env);
  } catch (error) {
    await floorWorker?.stop();
    await worker.stop();
    throw error;
  }
  const system: BenchSystem = {
    dataDir: options.dataDir,
    server,
    client,
    worker,
    ...(floorWorker ? { floorWorker } : {}),
    floorTaskQueue: floorWorker?.taskQueue ?? BENCH_TASK_QUEUE,
    ...(projection ? { projection: { store: projection, url: projection.url } } : {}),
    ...(api ? { api } : {}),
    env,
    async restartWorker(extra = {}) {
      await worker.stop();
      const started = performance.now();
      worker = await startWorker(extra);
      system.worker = worker;
      return performance.now() - started;
    },
    async stopWorker() {
      await worker.stop();
    },
    async stopFloorWorker() {
      await floorWorker?.stop();
      delete system.floorWorker;
    },
    async stop() {
      await api?.part.stop();
      await floorWorker?.stop();
      await worker.stop();
      await client.connection.close();
      await projection?.stop();
      await server.stop();
    },
  };
  return system;
}

async function startFloorWorker(options: SystemOptions, env: Record<string, string>): Promise<FloorWorker> {
  const part = await startNodePart(
    'floor worker',
    'bench/src/floor-worker.ts',
    { ...env, TEMPORAL_TASK_QUEUE: BENCH_FLOOR_TASK_QUEUE },
    FLOOR_WORKER_READY,
    options.log,
    options.workerNodeArgs,
  );
  const maxCachedWorkflows = Number(FLOOR_WORKER_READY.exec(part.readyLine)?.[1] ?? NaN);
  return { ...part, taskQueue: BENCH_FLOOR_TASK_QUEUE, maxCachedWorkflows };
}

async function startApi(
  options: SystemOptions,
  env: Record<string, string>,
): Promise<NonNullable<BenchSystem['api']>> {
  await new UserStore(options.dataDir).add(BENCH_USER, 'caseworker', BENCH_PASSWORD);
  await new UserStore(options.dataDir).add(BENCH_ADMIN, 'admin', BENCH_PASSWORD);
  const port = await freePort();
  const part = await startNodePart(
    'api',
    'apps/api/src/main.ts',
    { ...env, SAKSFLYT_API_PORT: String(port), SAKSFLYT_TOKEN_SECRET: randomBytes(32).toString('hex') },
    /^API and admin UI on/,
    options.log,
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  // A token lives 30 minutes (docs/security.md) and a run at 100,000 open cases lasts longer: each phase signs in anew.
  const tokenOf = async (username: string) => {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: BENCH_PASSWORD }),
    });
    if (!response.ok) throw new Error(`the bench user ${username} could not sign in: ${response.status}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const signIn = async () => {
    api.token = await tokenOf(BENCH_USER);
  };
  const api = { part, baseUrl, token: '', signIn, adminToken: () => tokenOf(BENCH_ADMIN) };
  await signIn();
  return api;
}

/** Resident memory of a process, in MiB (`VmRSS`), and its peak (`VmHWM`). */
export function rssOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: field('VmRSS') / 1024, peakMiB: field('VmHWM') / 1024 };
}

/**
 * CPU seconds used so far by each process of the system, and by this one (the client). Each worker is a process of
 * its own, read apart: `worker` is the production worker's, `floorWorker` the floor's while it has its own;
 * `projection` is the embedded projection store's.
 */
export function cpuOf(system: BenchSystem): Record<string, number> {
  const own = process.cpuUsage();
  return {
    // A stopped worker (the reads with no worker) has no CPU to read: nothing of a phase is its.
    ...(isRunning(system.worker.child) ? { worker: cpuSecondsOf(system.worker.pid) } : {}),
    ...(system.floorWorker ? { floorWorker: cpuSecondsOf(system.floorWorker.pid) } : {}),
    server: cpuSecondsOf(system.server.pid),
    ...(system.api ? { api: cpuSecondsOf(system.api.part.pid) } : {}),
    ...(system.projection?.store.child.pid
      ? { projection: cpuSecondsOf(system.projection.store.child.pid) }
      : {}),
    client: (own.user + own.system) / 1e6,
  };
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** What each process used between two readings of {@link cpuOf}. */
export function cpuSince(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([part, seconds]) => [part, seconds - (before[part] ?? 0)]),
  );
}

/** CPU time a process has used so far (user + system), in seconds. */
export function cpuSecondsOf(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
