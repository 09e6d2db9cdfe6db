import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import {
  connectClosable,
  ensureSearchAttributes,
  freePort,
  type RunningDevServer,
  startDevServer,
} from '@saksflyt/temporal';
import { testDataConverter as dataConverter } from './encryption';
import { temporalCli, temporalTestServer } from './temporal-binaries';

let runtimeInstalled = false;
/** Keeps the SDK's log lines out of test output: an expected failure is not news; errors still show. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Already installed by an earlier environment in this process.
  }
}

/** Temporal's time-skipping test server: timers of weeks fire in milliseconds. */
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const server = await temporalTestServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: server.path } },
    client: { dataConverter },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

export interface TestDevServer {
  server: RunningDevServer;
  address: string;
  client: Client;
  connection: NativeConnection;
  /** A scratch folder for this server's SQLite file and the activities' outbox. */
  dataDir: string;
  stop(): Promise<void>;
}

export interface TestDevServerOptions {
  /** Keep the cases in this folder's SQLite file (to test restarts); default: a fresh scratch folder. */
  dataDir?: string;
  /** The gRPC port; default: a free one, so tests run beside a running `npm start`. */
  port?: number;
  /** Start without the contract's search attributes (to test what finds them missing). */
  withoutSearchAttributes?: boolean;
  /** Serve the Web UI on this port (default: none), decoding payloads through this codec endpoint. */
  webUi?: { port: number; codecEndpoint: string };
}

/**
 * The dev server picks free ports for its internal services and binds them a moment later; on a machine running
 * many tests at once another process (an outgoing connection, another server) may take one first, and the server
 * exits during start ("Failed to serve on … listener"). A fresh start, on fresh ports and a fresh database file,
 * is what the test needs; a server that does not answer in time, or a file that was there before, is not retried.
 */
export async function startedDespitePortRaces(
  start: () => Promise<RunningDevServer>,
  dbFile: string,
  attempts = 3,
): Promise<RunningDevServer> {
  const fileWasThere = existsSync(dbFile);
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      const exitedDuringStart = error instanceof Error && / exited with code /.test(error.message);
      if (!exitedDuringStart || fileWasThere || attempt >= attempts) throw error;
      for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(file, { force: true });
      console.warn(
        `the Temporal dev server exited during start (attempt ${attempt}), starting it again: ${error.message}`,
      );
    }
  }
}

/** The real Temporal dev server, on a free port, with the contract's search attributes. */
export async function startTestDevServer(options: TestDevServerOptions = {}): Promise<TestDevServer> {
  quietRuntime();
  const cli = await temporalCli();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'saksflyt-test-'));
  const dbFile = path.join(dataDir, 'temporal.sqlite');
  const start = async () =>
    startDevServer({
      cliPath: cli.path,
      port: options.port ?? (await freePort()),
      uiPort: options.webUi?.port ?? false,
      ...(options.withoutSearchAttributes ? { searchAttributes: false } : {}),
      ...(options.webUi ? { codecEndpoint: options.webUi.codecEndpoint } : {}),
      dbFile,
    });
  const server = await startedDespitePortRaces(start, dbFile);
  const connection = await NativeConnection.connect({ address: server.address });
  const client = new Client({
    connection: await connectClosable({ address: server.address }),
    dataConverter,
  });
  return {
    server,
    address: server.address,
    client,
    connection,
    dataDir,
    async stop() {
      await client.connection.close();
      await connection.close();
      await server.stop();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
