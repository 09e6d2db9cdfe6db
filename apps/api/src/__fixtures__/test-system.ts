import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { UserStore } from '@saksflyt/accounts';
import { createActivities } from '@saksflyt/activities';
import {
  CaseProjection,
  type EmbeddedProjectionStore,
  openArchive,
  startEmbeddedProjectionStore,
} from '@saksflyt/audit';
import type { Oblast } from '@saksflyt/domain';
import { anApplication, aPoliceRegistration } from '@saksflyt/domain/testing';
import {
  createDataConverter,
  freePort,
  loadSettings,
  PlaintextRefusals,
  type Settings,
  type Tracing,
} from '@saksflyt/temporal';
import {
  createTestWorker,
  startTestDevServer,
  TEST_ENCRYPTION_KEYS,
  type TestDevServer,
  testArchiveKeys,
  testKeyRing,
} from '@saksflyt/testing';
import { Client } from '@temporalio/client';
import { createApp } from '../create-app';

export const TEST_PASSWORD = 'a-long-test-password';
export const TEST_USERS = {
  admin: 'admin',
  caseworker: 'kari',
  auditor: 'revisor',
  disabled: 'ola',
} as const;

export interface TestSystem {
  baseUrl: string;
  /** The Temporal Web UI, when asked for; it decodes payloads through this system's `/codec`. */
  webUiUrl?: string;
  /** The API's Prometheus endpoint, on its own port, when `SAKSFLYT_API_METRICS_PORT: 'free'` asked for one. */
  metricsUrl?: string;
  app: INestApplication;
  server: TestDevServer;
  settings: Settings;
  users: UserStore;
  /** A bearer token for each test user. */
  tokenOf(user: keyof typeof TEST_USERS): Promise<string>;
  /** A JSON request to the API as that user. */
  request(user: keyof typeof TEST_USERS, method: string, route: string, body?: unknown): Promise<Response>;
  /** A command a caseworker sends through the API, which must be accepted (a test's set-up step). */
  accepted(dufNumber: string, command: string, payload: object): Promise<void>;
  /** A case lodged through the API from `homeOblast` and registered with the police: awaiting the assessment. */
  lodgeRegistered(dufNumber: string, homeOblast: Oblast): Promise<void>;
  /**
   * Another API instance on the same Temporal and the same data folder (user store, sign-in counts), as a second
   * replica behind a load balancer would be; `env` adds to or changes this system's settings. Stopped with it.
   */
  startAnotherApi(env?: Record<string, string>): Promise<{ baseUrl: string; app: INestApplication }>;
  /** The read model the worker writes and the API reads (issue 17), unless `projection: false` asked for none. */
  projection?: CaseProjection;
  /** Stops the worker alone, leaving the cases with no one to run or answer them. */
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole system on free ports: a real dev server, a worker with the real workflows and activities (file outbox),
 * and the API with the admin UI. `env` sets what a deployment would, e.g. `SAKSFLYT_POLICY_PROFILE=accelerated`.
 */
export async function startTestSystem(
  env: Record<string, string> = {},
  options: { webUi?: boolean; logger?: Logger; tracing?: Tracing; projection?: boolean } = {},
): Promise<TestSystem> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-system-'));
  // The embedded default's projection store, in memory, as `npm start` serves it (unless the test wants none: then
  // the API reads the workflows, as for cases started before the projection).
  const projectionStore: EmbeddedProjectionStore | undefined =
    options.projection === false ? undefined : await startEmbeddedProjectionStore({ port: await freePort() });
  // The API's port is held until the API listens on it: the dev server, its Web UI and a suite running beside this
  // one look up free ports meanwhile, and one of them once took it (EADDRINUSE in CI).
  const apiPort = await freePort();
  const apiPortHeld = await holdPort(apiPort);
  const webUiPort = options.webUi ? await freePort() : undefined;
  const server = await startTestDevServer({
    dataDir,
    ...(webUiPort ? { webUi: { port: webUiPort, codecEndpoint: `http://localhost:${apiPort}/codec` } } : {}),
  });
  // `SAKSFLYT_API_METRICS_PORT: 'free'` asks for a free port here, once the dev server holds its own: two free-port
  // look-ups in a row can answer the same port, and the API's is not taken until it listens.
  let metricsPort: number | undefined;
  if (env.SAKSFLYT_API_METRICS_PORT === 'free') {
    do metricsPort = await freePort();
    while (metricsPort === apiPort || metricsPort === webUiPort);
  }
  const baseEnv = {
    TEMPORAL_ADDRESS: server.address,
    SAKSFLYT_DATA_DIR: dataDir,
    SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    // A request line each would drown the test output; tests that read the log pass their own logger.
    SAKSFLYT_API_LOG_LEVEL: 'warn',
    ...(webUiPort ? { SAKSFLYT_CODEC_CORS_ORIGINS: `http://localhost:${webUiPort}` } : {}),
    ...(projectionStore ? { SAKSFLYT_PROJECTION_URL: projectionStore.url } : {}),
    ...env,
    ...(metricsPort ? { SAKSFLYT_API_METRICS_PORT: String(metricsPort) } : {}),
  };
  const settings = loadSettings(baseEnv);
  const users = new UserStore(dataDir);
  await users.add(TEST_USERS.admin, 'admin', TEST_PASSWORD);
  await users.add(TEST_USERS.caseworker, 'caseworker', TEST_PASSWORD);
  await users.add(TEST_USERS.auditor, 'auditor', TEST_PASSWORD);
  await users.add(TEST_USERS.disabled, 'caseworker', TEST_PASSWORD);
  users.setDisabled(TEST_USERS.disabled, true);

  const projection = settings.projectionUrl ? new CaseProjection(settings.projectionUrl) : undefined;
  const worker: Worker = await createTestWorker({
    connection: server.connection,
    taskQueue: settings.temporal.taskQueue,
    workflowsPath: require.resolve('@saksflyt/workflows'),
    activities: createActivities({
      dataDir,
      archive: { client: server.client, archive: openArchive(dataDir, undefined, testArchiveKeys) },
      ...(projection ? { projection } : {}),
    }),
    ...(options.tracing ? { plugins: [options.tracing.plugin] } : {}),
  });
  const running = worker.run();
  // The API's own client, as apps/api/src/main.ts makes it: strict about unencrypted payloads as the settings say
  // (the tests' converter of `server.client` accepts them, for the replay fixtures), with the tracing plugin when
  // there is one.
  const refusals = new PlaintextRefusals();
  const apiClient = new Client({
    connection: server.client.connection,
    dataConverter: createDataConverter(testKeyRing, {
      reader: 'client',
      plaintext: settings.encryption.plaintext,
      onRefused: refusals.record,
    }),
    ...(options.tracing ? { plugins: [options.tracing.plugin] } : {}),
  });
  const app: INestApplication = await createApp(settings, apiClient, testKeyRing, {
    refusals,
    users,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  await new Promise((resolve) => apiPortHeld.close(resolve));
  await app.listen(apiPort, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const tokens = new Map<string, string>();
  const others: INestApplication[] = [];
  const system: TestSystem = {
    baseUrl,
    app,
    ...(webUiPort ? { webUiUrl: `http://localhost:${webUiPort}` } : {}),
    ...(metricsPort ? { metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` } : {}),
    server,
    settings,
    users,
    ...(projection ? { projection } : {}),
    async tokenOf(user) {
      const cached = tokens.get(user);
      if (cached) return cached;
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: TEST_USERS[user], password: TEST_PASSWORD }),
      });
      const { accessToken } = (await response.json()) as { accessToken: string };
      tokens.set(user, accessToken);
      return accessToken;
    },
    async request(user, method, route, body) {
      return fetch(`${baseUrl}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${await system.tokenOf(user)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
    async accepted(dufNumber, command, payload) {
      const response = await system.request(
        'caseworker',
        'POST',
        `/api/cases/${dufNumber}/commands/${command}`,
        payload,
      );
      if (response.status !== 200) throw new Error(`${command}: ${response.status} ${await response.text()}`);
    },
    async lodgeRegistered(dufNumber, homeOblast) {
      const application = anApplication({ dufNumber, lodgedAt: new Date().toISOString() });
      const created = await system.request('caseworker', 'POST', '/api/cases', {
        ...application,
        applicant: { ...application.applicant, homeOblast },
      });
      if (created.status !== 201)
        throw new Error(`POST /api/cases: ${created.status} ${await created.text()}`);
      await system.accepted(dufNumber, 'registerWithPolice', aPoliceRegistration());
    },
    async startAnotherApi(extra = {}) {
      const another: INestApplication = await createApp(
        loadSettings({ ...baseEnv, ...extra }),
        apiClient,
        testKeyRing,
        { users: new UserStore(dataDir) },
      );
      others.push(another);
      await another.listen(await freePort(), '127.0.0.1');
      return { baseUrl: (await another.getUrl()).replace('[::1]', '127.0.0.1'), app: another };
    },
    async stopWorker() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
    async stop() {
      for (const another of others) await another.close();
      await app.close();
      await system.stopWorker();
      await projection?.close();
      await projectionStore?.stop();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return system;
}

/** A listening socket on the port, so that no free-port look-up answers it until it is closed. */
function holdPort(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const holder = createServer();
    holder.once('error', reject);
    holder.listen(port, '127.0.0.1', () => resolve(holder));
  });
}
