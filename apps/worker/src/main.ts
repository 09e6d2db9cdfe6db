import os from 'node:os';
import { Runtime, Worker } from '@temporalio/worker';
import { activityMetrics, createActivities } from '@saksflyt/activities';
import {
  connectClient,
  connectWorker,
  createDataConverter,
  createLogger,
  ensureSearchAttributes,
  loadSettings,
  openArchiveKeys,
  openKeyRing,
  type PlaintextRefusal,
  runMain,
  SHARED_WORKFLOW_MODULES,
  startTracing,
  temporalLogger,
  type LogLevelName,
} from '@saksflyt/temporal';
import { CaseProjection, openAnchors, openArchive, startHeadPublisher } from '@saksflyt/audit';
import { workflowSource } from './workflow-source';

async function main(): Promise<void> {
  const settings = loadSettings();
  const logger = createLogger('worker', settings.worker.logLevel.toLowerCase() as LogLevelName);
  Runtime.install({
    // JSON lines: the SDK's metadata names the case (workflow id), never what the case holds.
    logger: temporalLogger(logger),
    // The SDK's own metrics (task latencies, slots, cache) and ours (commands, deadlines, activities) on one endpoint.
    ...(settings.worker.metricsAddress
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: { bindAddress: settings.worker.metricsAddress, countersTotalSuffix: true },
            },
          },
        }
      : {}),
  });
  // Unencrypted payloads did not come from a holder of the key ring (anyone who reaches Temporal can send one): the
  // worker's codec hands the workflow a marker it refuses, the client's throws; both are counted here.
  const refusedPayloads = Runtime.instance().metricMeter.createCounter(
    'saksflyt_codec_refused_payloads',
    'payloads',
    'Unencrypted payloads the codec refused (SAKSFLYT_CODEC_PLAINTEXT=refuse), each once, by reader and owner',
  );
  const onRefused = ({ reader, owner }: PlaintextRefusal) => refusedPayloads.add(1, { reader, owner });
  const keys = await openKeyRing(settings.encryption);
  const { plaintext } = settings.encryption;
  const dataConverter = createDataConverter(keys, { reader: 'worker', plaintext, onRefused });
  const tracing = startTracing('saksflyt-worker', { otlpUrl: settings.otelTracesUrl });
  // A case's first task upserts the contract's search attributes: they must exist before the worker polls.
  // The client also serves the archive activity, which reads closed cases from Temporal.
  const client = await connectClient(
    settings.temporal,
    createDataConverter(keys, { reader: 'client', plaintext, onRefused }),
  );
  await ensureSearchAttributes(client.connection, settings.temporal.namespace);
  const archiveKeys = openArchiveKeys(settings.archiveKeys, keys);
  const archive = openArchive(settings.dataDir, settings.archiveUrl, archiveKeys);
  // Every case's events go to the read model the API reads (issue 17); without one, reads ask the workflows.
  const projection = settings.projectionUrl ? new CaseProjection(settings.projectionUrl) : undefined;
  // The archive's head goes outside it, to the head file and the archiveHead workflow, at start and on a timer.
  const publisher = startHeadPublisher({
    archive,
    anchors: openAnchors({
      anchorFile: settings.archiveHead.file,
      client,
      taskQueue: settings.temporal.taskQueue,
    }),
    keys: archiveKeys,
    everySeconds: settings.archiveHead.publishSeconds,
    by: `worker ${os.hostname()}/${process.pid}`,
    onProblem: (problem) => logger.error({ archive: 'head' }, problem),
    onPublished: ({ head, publishedTo }) =>
      logger.info(
        { archive: 'head', count: head.count, hash: head.hash },
        `published to ${publishedTo.join(', ')}`,
      ),
  });
  const connection = await connectWorker(settings.temporal);
  try {
    const worker = await Worker.create({
      connection,
      namespace: settings.temporal.namespace,
      taskQueue: settings.temporal.taskQueue,
      // Tracing puts interceptors into the workflow code, so the worker bundles it with them rather than load the
      // prebuilt bundle (sharing the domain among workflows as every bundle does: libs/domain/src/preload.ts).
      ...(tracing
        ? {
            workflowsPath: require.resolve('@saksflyt/workflows'),
            plugins: [tracing.plugin],
            bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES },
          }
        : await workflowSource(settings.worker.workflowBundle)),
      // Settable, but no cache by default: with one, a query answered between a fired timer and an update (as after
      // a worker crash) lets the SDK run the timer and the update in two activations, where a later replay runs them
      // in one, update first; the case's history then no longer replays (the chaos test found it, 11 cases in 100).
      // An SDK defect, reproduced by workflow-cache-canary.e2e.test.ts: docs/lifecycle.md, "The workflow cache".
      maxCachedWorkflows: settings.worker.maxCachedWorkflows,
      activities: createActivities({
        dataDir: settings.dataDir,
        ...settings.outbound,
        archive: { client, archive },
        ...(projection ? { projection } : {}),
      }),
      dataConverter,
      interceptors: { activity: [activityMetrics] },
      // On SIGTERM the worker stops polling and waits for activities in flight. Past this grace it tells them to
      // cancel; Saksflyt's deliveries do not heed it (a notice half-sent is worse than a slower deploy), so in
      // practice the worker leaves once they finish. Set the orchestrator's stop timeout above it.
      shutdownGraceTime: `${settings.worker.shutdownGraceSeconds}s`,
      reuseV8Context: settings.worker.reuseV8Context,
      ...(settings.worker.maxConcurrentWorkflowTasks === undefined
        ? {}
        : { maxConcurrentWorkflowTaskExecutions: settings.worker.maxConcurrentWorkflowTasks }),
      ...(settings.worker.maxConcurrentActivities === undefined
        ? {}
        : { maxConcurrentActivityTaskExecutions: settings.worker.maxConcurrentActivities }),
    });
    console.log(
      `worker polls task queue ${settings.temporal.taskQueue} at ${settings.temporal.address}` +
        (settings.worker.metricsAddress
          ? `; metrics on http://${settings.worker.metricsAddress}/metrics`
          : '') +
        (plaintext === 'accept' ? '; ACCEPTS unencrypted payloads (SAKSFLYT_CODEC_PLAINTEXT=accept)' : ''),
    );
    // The SDK stops polling on SIGINT/SIGTERM and lets running tasks finish before run() resolves.
    await worker.run();
  } finally {
    await publisher.stop();
    await connection.close();
    await client.connection.close();
    await archive.close();
    await projection?.close();
    await tracing?.shutdown();
  }
}

runMain(main);
