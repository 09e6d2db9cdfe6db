import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@saksflyt/temporal';

const RESTART_PAUSE_MS = 1_000;

/**
 * Everything a worker process is told, as the production worker is told it: by environment variables alone. The
 * parent's own SAKSFLYT_ and TEMPORAL_ settings are left out, so a developer's shell cannot change the run.
 */
export function workerEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SAKSFLYT|TEMPORAL)_/.test(name)),
  );
  return { ...inherited, ...settings };
}

/** The real worker, which a SupervisedWorker runs unless it is given another script. */
const PRODUCTION_WORKER = path.join('apps', 'worker', 'src', 'main.ts');

/**
 * The real worker (`apps/worker/src/main.ts`) as a child process, kept running like a supervisor would: killed on
 * purpose with SIGKILL and started again, or restarted if it ever exits by itself, which is counted. A test's own
 * worker script (relative to the repository root) runs the same way if it prints "worker polls task queue".
 */
export class SupervisedWorker {
  private child?: ChildProcess;
  private readonly log: WriteStream;
  private stopping = false;
  kills = 0;
  unplannedExits = 0;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    logFile: string,
    private readonly script: string = PRODUCTION_WORKER,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  /** Starts the worker and resolves once it polls its task queue. */
  async start(): Promise<void> {
    const root = repoRoot();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, this.script)], {
      cwd: root,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr?.pipe(this.log, { end: false });
    const polling = new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        this.log.write(chunk);
        output += chunk.toString('utf8');
        if (output.includes('worker polls task queue')) resolve();
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`the worker exited (${signal ?? code}) before it polled; see ${this.log.path}`)),
      );
    });
    child.once('exit', (code, signal) => {
      this.log.write(`--- worker ${child.pid} exited: ${signal ?? code}\n`);
      if (this.child !== child || this.stopping) return;
      // Not killed by us: a supervisor would start it again (after a pause, should Temporal be away), and the run
      // says it happened.
      this.unplannedExits += 1;
      this.child = undefined;
      setTimeout(() => {
        if (!this.stopping) void this.start().catch(() => undefined);
      }, RESTART_PAUSE_MS);
    });
    await polling;
  }

  /** SIGKILL: no shutdown, no flushing, in the middle of whatever the worker was doing. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      throw new Error('the worker is not running, so it cannot be killed');
    }
    this.child = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
  }

  /** SIGTERM, as an orchestrator stops a worker: resolves with its exit code once it has drained and exited. */
  async terminate(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      throw new Error('the worker is not running, so it cannot be stopped');
    }
    this.child = undefined;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await new Promise((resolve) => this.log.end(resolve));
  }
}
