// The floor's worker (`npm run bench`, by default): the null workflow on a worker as any Temporal user gets it.
//
// Every worker option is the SDK's default (a workflow cache sized from the heap, sticky queues, the SDK's task
// slots, a reused V8 context): the product's worker chose otherwise (no cache, apps/worker/src/main.ts), and a floor
// run on it would hide what that choice costs (issue 17). What the floor shares with the case is what must be equal
// for the two to compare: the same prebuilt bundle, and the same data converter, so each payload is encrypted and
// decrypted alike. It runs no activities, no interceptors and no archive publisher: the floor calls none.
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import {
  connectWorker,
  createDataConverter,
  KeyListSchema,
  KeyRing,
  loadSettings,
  runMain,
  StartupError,
} from '@saksflyt/temporal';

async function main(): Promise<void> {
  const settings = loadSettings();
  const bundle = settings.worker.workflowBundle;
  const keys = process.env.SAKSFLYT_ENCRYPTION_KEYS;
  if (!bundle || !keys)
    throw new StartupError(
      'the floor worker has no workflow bundle or no key ring',
      'start it from the bench (bench/src/system.ts), which sets SAKSFLYT_WORKFLOW_BUNDLE and SAKSFLYT_ENCRYPTION_KEYS',
    );
  // Only what the worker prints is quieter than the SDK's default (INFO), as the product's worker is in the bench
  // (SAKSFLYT_WORKER_LOG_LEVEL=ERROR): the worker options below are all default.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await connectWorker(settings.temporal);
  try {
    const worker = await Worker.create({
      connection,
      namespace: settings.temporal.namespace,
      taskQueue: settings.temporal.taskQueue,
      workflowBundle: { codePath: bundle },
      dataConverter: createDataConverter(KeyRing.fromList(KeyListSchema.parse(keys)), { reader: 'worker' }),
    });
    // The line bench/src/system.ts waits for (FLOOR_WORKER_READY); it names the cache the SDK chose.
    console.log(
      `floor worker polls task queue ${settings.temporal.taskQueue} with a cache of ` +
        `${worker.options.maxCachedWorkflows} workflows (SDK defaults)`,
    );
    // The SDK stops polling on SIGINT/SIGTERM and lets running tasks finish before run() resolves.
    await worker.run();
  } finally {
    await connection.close();
  }
}

runMain(main, 'floor worker');
