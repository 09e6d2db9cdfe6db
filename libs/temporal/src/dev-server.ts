import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { assertPortFree } from './ports';
import { searchAttributeCliFlags } from './search-attributes';
import { StartupError } from './startup-error';

export interface DevServerOptions {
  cliPath: string;
  ip?: string;
  port: number;
  /** The Web UI's port, or `false` for none (tests). */
  uiPort: number | false;
  /** The SQLite file that keeps cases across restarts; without one the server keeps everything in memory. */
  dbFile?: string;
  namespace?: string;
  /** Register the contract's search attributes at start (default); off only to test what finds them missing. */
  searchAttributes?: boolean;
  /** The codec endpoint the Web UI decodes payloads with (the API's `/codec`). */
  codecEndpoint?: string;
  /** The SQLite pragmas of `dbFile`; default {@link SQLITE_PRAGMAS} (`npm run bench -- --experiments` compares). */
  sqlitePragmas?: readonly string[];
  /** Dynamic configuration values (`--dynamic-config-value KEY=JSON`), e.g. eager activities. */
  dynamicConfig?: Readonly<Record<string, unknown>>;
  /** Passed through to the server's log (its warnings and errors). */
  onOutput?: (line: string) => void;
  readyTimeoutMs?: number;
  /**
   * Run in a process group of its own, so that a Ctrl-C in the terminal reaches only the supervisor, which stops
   * the dev server last, after the worker has finished with it.
   */
  ownProcessGroup?: boolean;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  pid: number;
  /** Resolves with the exit code once the process ends, for whatever reason. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
  /** At once and synchronously, for a process that is exiting. */
  kill(): void;
}

/**
 * Pragmas for the dev server's SQLite file: WAL lets readers (visibility queries) run beside the writer, and
 * `synchronous=normal` is safe under WAL while sparing an fsync per transaction.
 */
export const SQLITE_PRAGMAS: readonly string[] = ['journal_mode=wal', 'synchronous=normal'];

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  await assertPortFree(options.port, ip, 'SAKSFLYT_TEMPORAL_PORT');
  if (options.uiPort !== false) await assertPortFree(options.uiPort, ip, 'SAKSFLYT_TEMPORAL_UI_PORT');

  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(options.port),
    ...(options.searchAttributes === false ? [] : searchAttributeCliFlags()),
  ];
  args.push(...(options.uiPort === false ? ['--headless'] : ['--ui-port', String(options.uiPort)]));
  if (options.uiPort !== false) args.push('--ui-disable-news-fetch');
  if (options.uiPort !== false && options.codecEndpoint)
    args.push('--ui-codec-endpoint', options.codecEndpoint);
  if (options.namespace && options.namespace !== 'default') args.push('--namespace', options.namespace);
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
    for (const pragma of options.sqlitePragmas ?? SQLITE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  }
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {}))
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  args.push('--log-format', 'json', '--log-level', 'warn');

  const child = spawn(options.cliPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  const recentOutput: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      recentOutput.push(line);
      if (recentOutput.length > 200) recentOutput.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Its output read to the end: 'close' comes once the process has exited and its streams are drained, so a server
  // that fails at once still tells why (on 'exit' alone its last lines may not have been read yet).
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));

  const address = `${ip}:${options.port}`;
  const ready = waitUntilAnswering(address, options.readyTimeoutMs ?? 60_000);
  const outcome = await Promise.race([
    ready.then(
      () => 'ready' as const,
      () => `did not answer on ${address} within ${(options.readyTimeoutMs ?? 60_000) / 1000}s` as const,
    ),
    closed.then((code) => `exited with code ${code}` as const),
    spawnFailed.then((error) => `could not be started: ${error.message}` as const),
  ]);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    // The line that says why: the server's fatal log line, or a Go panic's first line, before its stack trace.
    const why =
      recentOutput.find((line) => /"level":"(fatal|dpanic|panic)"|^panic: /.test(line)) ??
      recentOutput.at(-1);
    throw new StartupError(
      `the Temporal dev server ${outcome}${why ? `: ${why}` : ''}`,
      `check ${options.cliPath} runs ("${options.cliPath} --version")` +
        (options.dbFile ? ` and that ${options.dbFile} is not used by another server` : ''),
    );
  }

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
  };
  return {
    address,
    kill: () => child.kill('SIGKILL'),
    ...(options.uiPort === false
      ? {}
      : { uiUrl: `http://${ip === '127.0.0.1' ? 'localhost' : ip}:${options.uiPort}` }),
    pid: child.pid ?? -1,
    exited,
    stop,
  };
}

async function waitUntilAnswering(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
