import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { openSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { msToTs } from '@temporalio/common/lib/time';
import {
  assertPortFree,
  connectClient,
  createDataConverter,
  ensureSearchAttributes,
  loadSettings,
  repoRoot,
  StartupError,
} from '@saksflyt/temporal';
import { buildAdminUi } from '@saksflyt/admin-ui';
import { type ManagedProcess, startNodeProcess, untilSignalOrExit } from '../start/child-process';
import { offerDemo, openKeysForParts, waitForHealth } from '../start/start.command';
import { ensureClusterTools, TEMPORAL_SERVER_VERSION } from './cluster-tools';
import { type ClusterPostgres, lastLines, startClusterPostgres } from './cluster-postgres';

/** The cluster's four Temporal services, each a process of its own, in the order they start. */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
type TemporalService = (typeof TEMPORAL_SERVICES)[number];

/** Where the cluster's parts listen: the frontend and the first API where `npm start` has them. */
export const CLUSTER_PORTS = {
  postgres: 5433,
  frontend: 7233,
  /** Each service's Prometheus endpoint (`TEMPORAL_METRICS_ADDRESS` in deploy/temporal/cluster.yaml). */
  serviceMetrics: { frontend: 8000, history: 8001, matching: 8002, worker: 8003 },
  apis: [3000, 3001],
  apiMetrics: [9465, 9467],
  workerMetrics: [9464, 9466],
} as const;

/** How long closed cases stay in Temporal before it deletes them (the archive keeps them for years). */
const RETENTION_DAYS = 30;

export function clusterCommand(): Command {
  return new Command('cluster')
    .description(
      'the production shape on one machine, without containers: a Temporal cluster (frontend, history, matching ' +
        'and worker services, each a process) on PostgreSQL, two workers and two APIs',
    )
    .option('--reset', 'remove data/cluster (its PostgreSQL, every case in it) and start afresh')
    .action(async (options: { reset?: boolean }) => {
      await runCluster(options);
    });
}

export async function runCluster(options: { reset?: boolean } = {}): Promise<void> {
  const startedAt = Date.now();
  const root = repoRoot();
  const dataDir = path.resolve(root, process.env.SAKSFLYT_DATA_DIR ?? 'data');
  const clusterDir = path.join(dataDir, 'cluster');
  if (options.reset) {
    rmSync(clusterDir, { recursive: true, force: true });
    console.log(`removed ${path.relative(root, clusterDir)}`);
  }
  const databaseUrl = (database: string) =>
    `postgres://saksflyt@127.0.0.1:${CLUSTER_PORTS.postgres}/${database}`;
  // The same settings as every other part reads, pointed at the cluster: its frontend, and PostgreSQL for the
  // archive (the projection's tables beside it, in the same database: docs/audit.md).
  const env = process.env;
  const loaded = loadSettings({
    ...env,
    TEMPORAL_ADDRESS: `127.0.0.1:${CLUSTER_PORTS.frontend}`,
    SAKSFLYT_DATA_DIR: dataDir,
    SAKSFLYT_ARCHIVE_URL: env.SAKSFLYT_ARCHIVE_URL ?? databaseUrl('saksflyt'),
    // The same key files as npm start's, so that every client, test and tool works against either shape.
    SAKSFLYT_ENCRYPTION_KEY_FILE:
      env.SAKSFLYT_ENCRYPTION_KEY_FILE ?? path.join(dataDir, 'encryption-keys.json'),
    SAKSFLYT_ARCHIVE_KEY_FILE: env.SAKSFLYT_ARCHIVE_KEY_FILE ?? path.join(dataDir, 'archive-keys.json'),
    // The cluster's archive is not npm start's (data/archive): its published heads are its own too.
    SAKSFLYT_ARCHIVE_HEAD_FILE:
      env.SAKSFLYT_ARCHIVE_HEAD_FILE ?? path.join(clusterDir, 'archive-heads.jsonl'),
  });
  // This machine's own cluster, like npm start's system: the key files are made on first start, unless named.
  const settings = {
    ...loaded,
    encryption: {
      ...loaded.encryption,
      createIfMissing: !env.SAKSFLYT_ENCRYPTION_KEY_FILE && !env.SAKSFLYT_ENCRYPTION_KEYS,
    },
    archiveKeys: {
      ...loaded.archiveKeys,
      createIfMissing: !env.SAKSFLYT_ARCHIVE_KEY_FILE && !env.SAKSFLYT_ARCHIVE_KEYS,
    },
  };
  for (const [port, variable] of [
    [CLUSTER_PORTS.frontend, 'the Temporal frontend'],
    ...Object.entries(CLUSTER_PORTS.serviceMetrics).map(([service, port]) => [port, `${service} metrics`]),
    ...CLUSTER_PORTS.apis.map((port, index) => [port, `API ${index + 1}`]),
    ...CLUSTER_PORTS.apiMetrics.map((port, index) => [port, `API ${index + 1} metrics`]),
    ...CLUSTER_PORTS.workerMetrics.map((port, index) => [port, `worker ${index + 1} metrics`]),
  ] as [number, string][])
    await assertPortFree(port, '127.0.0.1', variable).catch(() => {
      throw new StartupError(
        `port ${port} (${variable}) on 127.0.0.1 is already in use`,
        'stop whatever listens there: npm start uses 7233 and 3000 too, and a cluster from before may still run',
      );
    });

  const tools = await ensureClusterTools(root, (line) => console.log(line));
  let postgres: ClusterPostgres | undefined;
  const services: { name: TemporalService; child: ChildProcess; exited: Promise<number | null> }[] = [];
  const parts: ManagedProcess[] = [];
  const stopAll = async () => {
    for (const part of [...parts].reverse()) await part.stop();
    for (const service of [...services].reverse()) await stopProcess(service.child, service.exited);
    await postgres?.stop();
  };
  process.once('exit', () => {
    for (const part of parts) part.child.kill('SIGKILL');
    for (const service of services) service.child.kill('SIGKILL');
    postgres?.kill();
  });

  try {
    postgres = await startClusterPostgres(clusterDir, CLUSTER_PORTS.postgres);
    console.log(`PostgreSQL ${postgres.url('')} (files in ${path.relative(root, clusterDir)}/postgres)`);
    setUpSchemas(tools.sqlTool);

    const serverEnv = (service: TemporalService): NodeJS.ProcessEnv => ({
      ...process.env,
      TEMPORAL_DB_PORT: String(CLUSTER_PORTS.postgres),
      TEMPORAL_FRONTEND_PORT: String(CLUSTER_PORTS.frontend),
      TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${CLUSTER_PORTS.serviceMetrics[service]}`,
      TEMPORAL_DYNAMIC_CONFIG: path.join(root, 'deploy/temporal/dynamic-config.yaml'),
    });
    for (const name of TEMPORAL_SERVICES) {
      const log = path.join(clusterDir, `${name}.log`);
      const out = openSync(log, 'a', 0o600);
      const child = spawn(
        tools.server,
        [
          // No authorizer, said out loud: the services listen on 127.0.0.1 only, as the dev server does. A cluster
          // past one machine sets one, with mTLS (docs/operations.md, "Who may reach Temporal").
          '--allow-no-auth',
          '--config-file',
          path.join(root, 'deploy/temporal/cluster.yaml'),
          'start',
          '--service',
          name,
        ],
        { cwd: root, env: serverEnv(name), stdio: ['ignore', out, out], detached: true },
      );
      services.push({
        name,
        child,
        exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
      });
    }
    const serviceExit = Promise.race(
      services.map((service) => service.exited.then((code) => ({ part: `Temporal ${service.name}`, code }))),
    );

    const { keys, env: keyEnv } = await openKeysForParts(settings, root);
    const client = await Promise.race([
      clusterClient(settings, keys, RETENTION_DAYS),
      serviceExit.then(({ part, code }) => {
        throw new StartupError(
          `the ${part} service exited during start (code ${code}): ${lastLines(path.join(clusterDir, `${part.split(' ')[1]}.log`))}`,
          `see ${path.relative(root, clusterDir)}/${part.split(' ')[1]}.log`,
        );
      }),
    ]);

    const childEnv = (index: number): NodeJS.ProcessEnv => ({
      ...process.env,
      ...keyEnv,
      TEMPORAL_ADDRESS: settings.temporal.address,
      SAKSFLYT_DATA_DIR: dataDir,
      SAKSFLYT_ARCHIVE_URL: settings.archiveUrl ?? databaseUrl('saksflyt'),
      SAKSFLYT_ARCHIVE_HEAD_FILE: settings.archiveHead.file,
      SAKSFLYT_API_PORT: String(CLUSTER_PORTS.apis[index]),
      SAKSFLYT_API_METRICS_PORT: String(CLUSTER_PORTS.apiMetrics[index]),
      SAKSFLYT_WORKER_METRICS_PORT: String(CLUSTER_PORTS.workerMetrics[index]),
      SAKSFLYT_API_LOG_LEVEL: process.env.SAKSFLYT_API_LOG_LEVEL ?? 'warn',
    });
    await buildAdminUi();
    for (const index of [0, 1]) {
      parts.push(
        startNodeProcess(
          `worker-${index + 1}`,
          path.join(root, 'apps/worker/src/main.ts'),
          childEnv(index),
          root,
        ),
      );
    }
    const partExit = () =>
      Promise.race(parts.map((part) => part.exited.then((code) => ({ part: part.name, code }))));
    // One API at a time: the first creates the initial administrator (data/initial-admin-password), as npm start's.
    for (const index of [0, 1]) {
      parts.push(
        startNodeProcess(`api-${index + 1}`, path.join(root, 'apps/api/src/main.ts'), childEnv(index), root),
      );
      const healthUrl = `http://127.0.0.1:${CLUSTER_PORTS.apis[index]}/api/health`;
      const healthy = await Promise.race([
        waitForHealth(client, settings, healthUrl).then(() => 'healthy' as const),
        partExit().then(({ part, code }) => `${part} exited with code ${code}` as const),
        serviceExit.then(({ part, code }) => `${part} service exited with code ${code}` as const),
      ]);
      if (healthy !== 'healthy')
        throw new StartupError(`the ${healthy} during start-up`, 'see its output above');
    }

    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const logs = path.relative(root, clusterDir);
    console.log(
      [
        `Saksflyt is up on a Temporal cluster (healthy after ${seconds}s):`,
        `  PostgreSQL     127.0.0.1:${CLUSTER_PORTS.postgres}, databases temporal, temporal_visibility, saksflyt (files and log in ${logs}/postgres)`,
        `  Temporal       ${TEMPORAL_SERVER_VERSION}, frontend ${settings.temporal.address}; services ${TEMPORAL_SERVICES.join(', ')} (logs in ${logs}/<service>.log), config deploy/temporal/cluster.yaml`,
        `  Workers        2, task queue ${settings.temporal.taskQueue}, metrics http://localhost:${CLUSTER_PORTS.workerMetrics.join(', :')}/metrics`,
        `  Archive, projection  PostgreSQL, database saksflyt; heads published to ${path.relative(root, settings.archiveHead.file)}`,
        ...CLUSTER_PORTS.apis.map(
          (port, index) => `  API ${index + 1}, admin UI http://localhost:${port}  (health: /api/health)`,
        ),
        // The CLI finds the Temporal frontend and the key ring where npm start has them; the archive is the cluster's.
        `  CLI            SAKSFLYT_ARCHIVE_URL=${settings.archiveUrl ?? databaseUrl('saksflyt')} SAKSFLYT_ARCHIVE_HEAD_FILE=${path.relative(root, settings.archiveHead.file)} npx saksflyt …`,
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    await offerDemo(client, settings);
    await client.connection.close();

    const outcome = await untilSignalOrExit([
      partExit(),
      serviceExit,
      postgres.exited.then((code) => ({ part: 'PostgreSQL', code })),
    ]);
    if ('signal' in outcome) {
      console.log(
        `${outcome.signal}: stopping the APIs, the workers, the Temporal services and PostgreSQL …`,
      );
      await stopAll();
      console.log('Saksflyt stopped.');
      return;
    }
    throw new StartupError(
      `the ${outcome.part} stopped unexpectedly (exit code ${outcome.code})`,
      'see its log',
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  /** Temporal's two schemas, created on first start and brought to the server's version on every start. */
  function setUpSchemas(sqlTool: string): void {
    for (const [database, schema] of [
      ['temporal', 'postgresql/v12/temporal'],
      ['temporal_visibility', 'postgresql/v12/visibility'],
    ] as const) {
      const base = [
        '--plugin',
        'postgres12',
        '--endpoint',
        '127.0.0.1',
        '--port',
        String(CLUSTER_PORTS.postgres),
        '--user',
        'saksflyt',
        '--database',
        database,
      ];
      // setup-schema only once: it makes the version table, which then says whether it has been run.
      runTool(sqlTool, [...base, 'setup-schema', '-v', '0.0'], /already exists/);
      runTool(sqlTool, [...base, 'update-schema', '--schema-name', schema]);
    }
  }
}

/** Runs the schema tool; a failure whose output matches `alreadyDone` is a step already taken. */
function runTool(tool: string, args: string[], alreadyDone?: RegExp): void {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  if (run.status === 0 || (alreadyDone && alreadyDone.test(output))) return;
  throw new StartupError(
    `temporal-sql-tool ${args.slice(-3).join(' ')} failed (exit code ${run.status}): ${output.split('\n').slice(-3).join(' | ')}`,
    'npm run cluster -- --reset starts the cluster afresh',
  );
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * A client of the cluster once its frontend answers and the namespace exists: registered here on first start,
 * with its retention, and the contract's search attributes.
 */
async function clusterClient(
  settings: ReturnType<typeof loadSettings>,
  keys: Parameters<typeof createDataConverter>[0],
  retentionDays: number,
) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const client = await connectClient(settings.temporal, createDataConverter(keys, { reader: 'client' }));
      try {
        await client.connection.workflowService.registerNamespace({
          namespace: settings.temporal.namespace,
          workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
        });
      } catch (error) {
        if (!/already exists|AlreadyExists/i.test(String(error))) throw error;
      }
      await ensureSearchAttributes(client.connection, settings.temporal.namespace);
      return client;
    } catch (error) {
      if (Date.now() > deadline)
        throw new StartupError(
          `the Temporal cluster did not answer within 120 s: ${error instanceof Error ? error.message : String(error)}`,
          'see data/cluster/<service>.log',
        );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
