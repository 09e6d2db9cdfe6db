import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@saksflyt/temporal';
import { TEST_ENCRYPTION_KEYS } from '@saksflyt/testing';
import type { ChaosReceivers } from './receivers';

const RESTART_PAUSE_MS = 1_000;

export interface ChaosWorkerTarget {
  temporalAddress: string;
  dataDir: string;
  workflowBundle: string;
  receivers: ChaosReceivers;
  secrets: Record<'police' | 'une' | 'dublinUnit' | 'lawyerScheme', string>;
  smsToken: string;
  mailFrom: string;
}

/**
 * Everything the worker is told, as the production worker is told it: by environment variables alone. The
 * parent's own SAKSFLYT_ and TEMPORAL_ settings are left out, so a developer's shell cannot change the run.
 */
export function chaosWorkerEnvironment(target: ChaosWorkerTarget): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SAKSFLYT|TEMPORAL)_/.test(name)),
  );
  const { urls } = target.receivers;
  return {
    ...inherited,
    TEMPORAL_ADDRESS: target.temporalAddress,
    SAKSFLYT_DATA_DIR: target.dataDir,
    SAKSFLYT_WORKFLOW_BUNDLE: target.workflowBundle,
    SAKSFLYT_POLICY_PROFILE: 'accelerated',
    SAKSFLYT_WORKER_LOG_LEVEL: 'WARN',
    SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    SAKSFLYT_SMTP_URL: target.receivers.smtpUrl,
    SAKSFLYT_MAIL_FROM: target.mailFrom,
    SAKSFLYT_SMS_GATEWAY_URL: urls.sms,
    SAKSFLYT_SMS_TOKEN: target.smsToken,
    SAKSFLYT_POLICE_URL: urls.police,
    SAKSFLYT_POLICE_SECRET: target.secrets.police,
    SAKSFLYT_UNE_URL: urls.une,
    SAKSFLYT_UNE_SECRET: target.secrets.une,
    SAKSFLYT_DUBLIN_UNIT_URL: urls.dublinUnit,
    SAKSFLYT_DUBLIN_UNIT_SECRET: target.secrets.dublinUnit,
    SAKSFLYT_LAWYER_SCHEME_URL: urls.lawyerScheme,
    SAKSFLYT_LAWYER_SCHEME_SECRET: target.secrets.lawyerScheme,
  };
}

/**
 * The real worker (`apps/worker/src/main.ts`) as a child process, kept running like a supervisor would: killed on
 * purpose with SIGKILL and started again, or restarted if it ever exits by itself, which is counted.
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
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  /** Starts the worker and resolves once it polls its task queue. */
  async start(): Promise<void> {
    const root = repoRoot();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'apps', 'worker', 'src', 'main.ts')],
      { cwd: root, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
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
