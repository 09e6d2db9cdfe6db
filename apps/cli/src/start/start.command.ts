import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import {
  assertPortFree,
  checkHealth,
  connectClient,
  createDataConverter,
  ensureTemporalTool,
  loadSettings,
  openArchiveKeys,
  openKeyRing,
  repoRoot,
  type RunningDevServer,
  type Settings,
  startDevServer,
  StartupError,
  TEMPORAL_CLI,
} from '@saksflyt/temporal';
import { buildAdminUi } from '@saksflyt/admin-ui';
import { type EmbeddedProjectionStore, startEmbeddedProjectionStore } from '@saksflyt/audit';
import { PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import { seedDemo } from '@saksflyt/workflows/demo';
import { type ManagedProcess, startNodeProcess, untilSignalOrExit } from './child-process';

export function startCommand(): Command {
  return new Command('start')
    .description(
      'start the whole system: Temporal dev server (unless TEMPORAL_ADDRESS is set), worker, API and admin UI',
    )
    .action(async () => {
      await startSystem(loadSettings());
    });
}

const HEALTH_TIMEOUT_MS = 120_000;
/** The embedded default's one worker serves metrics here unless SAKSFLYT_WORKER_METRICS_PORT says otherwise. */
const DEFAULT_WORKER_METRICS_PORT = 9464;
/** And the API its own, apart from its public port, unless SAKSFLYT_API_METRICS_PORT says otherwise. */
const DEFAULT_API_METRICS_PORT = 9465;

export async function startSystem(settings: Settings): Promise<void> {
  const startedAt = Date.now();
  const root = repoRoot();
  const dataDir = path.resolve(root, settings.dataDir);
  await assertPortFree(settings.api.port, settings.api.host, 'SAKSFLYT_API_PORT');
  const workerMetricsPort = process.env.SAKSFLYT_WORKER_METRICS_PORT ?? String(DEFAULT_WORKER_METRICS_PORT);
  await assertPortFree(Number(workerMetricsPort), '127.0.0.1', 'SAKSFLYT_WORKER_METRICS_PORT');
  const apiMetrics = settings.api.metrics ?? { host: '127.0.0.1', port: DEFAULT_API_METRICS_PORT };
  await assertPortFree(apiMetrics.port, apiMetrics.host, 'SAKSFLYT_API_METRICS_PORT');

  // The embedded projection store, unless SAKSFLYT_PROJECTION_URL (or a PostgreSQL archive) names the store to use.
  if (!settings.projectionUrl)
    await assertPortFree(settings.embeddedProjectionPort, '127.0.0.1', 'SAKSFLYT_PROJECTION_PORT');

  let devServer: RunningDevServer | undefined;
  let projectionStore: EmbeddedProjectionStore | undefined;
  const parts: ManagedProcess[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const part of [...parts].reverse()) await part.stop();
    await projectionStore?.stop();
    await devServer?.stop();
  };

  // The parts run in process groups of their own: should the supervisor die, take them with it.
  process.once('exit', () => {
    for (const part of parts) part.child.kill('SIGKILL');
    projectionStore?.child.kill('SIGKILL');
    devServer?.kill();
  });

  const apiUrl = `http://${settings.api.host === '127.0.0.1' ? 'localhost' : settings.api.host}:${settings.api.port}`;
  try {
    const { keys, env: keyEnv } = await openKeysForParts(settings, root);
    if (settings.temporal.embedded) {
      const cli = await ensureTemporalTool(TEMPORAL_CLI, (line) => console.log(line));
      devServer = await startDevServer({
        cliPath: cli.path,
        port: settings.devServer.port,
        uiPort: settings.devServer.uiPort,
        dbFile: path.join(dataDir, 'temporal.sqlite'),
        namespace: settings.temporal.namespace,
        onOutput: devServerLog(path.join(dataDir, 'temporal.log')),
        // The Web UI decodes payloads through the API, for whoever is signed in to the admin UI.
        codecEndpoint: `${apiUrl}/codec`,
        ownProcessGroup: true,
      });
    }
    const client = await connectClient(
      settings.temporal,
      createDataConverter(keys, { reader: 'client', plaintext: settings.encryption.plaintext }),
    );

    // Every read of a case comes from the projection (issue 17): PGlite's files in the data folder, served over the
    // PostgreSQL protocol on a port of its own, for the worker (which writes it) and the API (which reads it).
    if (!settings.projectionUrl) {
      projectionStore = await startEmbeddedProjectionStore({
        port: settings.embeddedProjectionPort,
        folder: path.join(dataDir, 'projection'),
        onOutput: (line) => console.log(`[projection] ${line}`),
        ownProcessGroup: true,
      });
    }
    const projectionUrl = settings.projectionUrl ?? projectionStore?.url;

    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...(projectionUrl ? { SAKSFLYT_PROJECTION_URL: projectionUrl } : {}),
      TEMPORAL_ADDRESS: settings.temporal.address,
      SAKSFLYT_DATA_DIR: dataDir,
      SAKSFLYT_WORKER_METRICS_PORT: workerMetricsPort,
      SAKSFLYT_API_METRICS_PORT: String(apiMetrics.port),
      // The terminal shows warnings and errors; SAKSFLYT_API_LOG_LEVEL=info adds a JSON line per request.
      SAKSFLYT_API_LOG_LEVEL: process.env.SAKSFLYT_API_LOG_LEVEL ?? 'warn',
      ...keyEnv,
    };
    // The admin UI is bundled from its sources at every start (under a second), so what runs is what is checked in.
    await buildAdminUi();
    parts.push(startNodeProcess('worker', path.join(root, 'apps/worker/src/main.ts'), childEnv, root));
    parts.push(startNodeProcess('api', path.join(root, 'apps/api/src/main.ts'), childEnv, root));

    const unexpectedExit = Promise.race(
      parts.map((part) => part.exited.then((code) => ({ part: part.name, code }))),
    );
    const healthy = await Promise.race([
      waitForHealth(client, settings).then(() => 'healthy' as const),
      unexpectedExit.then(({ part, code }) => `${part} exited with code ${code}` as const),
    ]);
    if (healthy !== 'healthy')
      throw new StartupError(`the ${healthy} during start-up`, 'see its output above');

    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(
      [
        `Saksflyt is up (healthy after ${seconds}s):`,
        `  Temporal      ${settings.temporal.address}${devServer ? ` (dev server, data in ${path.relative(root, dataDir) || '.'}/temporal.sqlite)` : ''}`,
        ...(devServer?.uiUrl
          ? [`  Temporal UI   ${devServer.uiUrl}  (case data decoded for the signed-in: docs/security.md)`]
          : []),
        `  Worker        task queue ${settings.temporal.taskQueue}, namespace ${settings.temporal.namespace}, metrics http://localhost:${workerMetricsPort}/metrics`,
        `  Projection    ${projectionStore ? `embedded PGlite on port ${settings.embeddedProjectionPort}, files in ${path.relative(root, path.join(dataDir, 'projection'))}` : 'PostgreSQL (SAKSFLYT_PROJECTION_URL)'}`,
        `  API, admin UI ${apiUrl}  (health: ${apiUrl}/api/health; metrics http://${apiMetrics.host === '127.0.0.1' ? 'localhost' : apiMetrics.host}:${apiMetrics.port}/metrics)`,
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    await offerDemo(client, settings);
    await client.connection.close();

    const outcome = await untilSignalOrExit([
      unexpectedExit,
      ...(projectionStore
        ? [projectionStore.exited.then((code) => ({ part: 'projection store', code }))]
        : []),
      ...(devServer ? [devServer.exited.then((code) => ({ part: 'temporal', code }))] : []),
    ]);
    if ('signal' in outcome) {
      console.log(`${outcome.signal}: stopping the API, the worker and the dev server …`);
      await stopAll();
      console.log('Saksflyt stopped.');
      return;
    }
    if (!stopping) {
      await stopAll();
      throw new StartupError(
        `the ${outcome.part} stopped unexpectedly (exit code ${outcome.code})`,
        'see its output above',
      );
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The key files the parts share, opened before anything else: on first start this creates the key ring the workers
 * and the APIs then share, and the archive's own key (data/archive-keys.json, 0600), beside the ring and outside
 * the archive folder. Returns the ring, and what the parts' environment needs to find both.
 */
export async function openKeysForParts(
  settings: Settings,
  root: string,
): Promise<{ keys: Awaited<ReturnType<typeof openKeyRing>>; env: NodeJS.ProcessEnv }> {
  const encryption = { ...settings.encryption, keyFile: path.resolve(root, settings.encryption.keyFile) };
  const keys = await openKeyRing(encryption);
  const archiveKeyFile = settings.archiveKeys.keyFile && path.resolve(root, settings.archiveKeys.keyFile);
  openArchiveKeys({ ...settings.archiveKeys, ...(archiveKeyFile ? { keyFile: archiveKeyFile } : {}) }, keys);
  return {
    keys,
    env: {
      ...(settings.encryption.keys ? {} : { SAKSFLYT_ENCRYPTION_KEY_FILE: encryption.keyFile }),
      ...(settings.archiveKeys.keys || !archiveKeyFile ? {} : { SAKSFLYT_ARCHIVE_KEY_FILE: archiveKeyFile }),
    },
  };
}

export async function waitForHealth(
  client: Awaited<ReturnType<typeof connectClient>>,
  settings: Settings,
  url = `http://${settings.api.host}:${settings.api.port}/api/health`,
): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const answer = await fetch(url).catch(() => undefined);
    if (answer?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const health = await checkHealth(client, settings.temporal.taskQueue);
  throw new StartupError(
    `the system did not become healthy within ${HEALTH_TIMEOUT_MS / 1000}s (${health.detail ?? 'API not answering'})`,
    'see the output above',
  );
}

/** The dev server's banner goes to the console, its JSON log to a file, and errors to both. */
function devServerLog(file: string): (line: string) => void {
  mkdirSync(path.dirname(file), { recursive: true });
  const log = createWriteStream(file, { flags: 'a', mode: 0o600 });
  return (line) => {
    log.write(`${line}\n`);
    if (!line.startsWith('{') || line.includes('"level":"ERROR"')) console.log(`[temporal] ${line}`);
  };
}

const DEMO_CASES = 24;

/**
 * A newcomer's first start has no cases: offer the demo, so the UI shows a living system. In a terminal it asks;
 * elsewhere it says how (or seeds at once when SAKSFLYT_DEMO=1).
 */
export async function offerDemo(
  client: Awaited<ReturnType<typeof connectClient>>,
  settings: Settings,
): Promise<void> {
  const { count } = await client.workflow.count(`WorkflowType = '${PROTECTION_CASE_WORKFLOW}'`);
  if (count > 0) return;
  let seed = process.env.SAKSFLYT_DEMO === '1';
  if (!seed && process.stdin.isTTY) {
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await prompt.question(`There are no cases yet. Seed ${DEMO_CASES} demo cases? [y/N] `);
    prompt.close();
    seed = /^y(es)?$/i.test(answer.trim());
  }
  if (!seed) {
    console.log(`There are no cases yet: "npx saksflyt demo" seeds ${DEMO_CASES} realistic ones.`);
    return;
  }
  const result = await seedDemo(
    client,
    { taskQueue: settings.temporal.taskQueue, policyProfile: settings.policyProfile },
    DEMO_CASES,
  );
  console.log(`Seeded ${result.started} demo cases.`);
}
