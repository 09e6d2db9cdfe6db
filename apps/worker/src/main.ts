import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '@saksflyt/activities';
import {
  connectClient,
  connectWorker,
  dataConverter,
  ensureSearchAttributes,
  loadSettings,
  runMain,
} from '@saksflyt/temporal';
import { openArchive } from '@saksflyt/audit';
import { workflowSource } from './workflow-source';

async function main(): Promise<void> {
  const settings = loadSettings();
  Runtime.install({ logger: new DefaultLogger(settings.worker.logLevel) });
  // A case's first task upserts the contract's search attributes: they must exist before the worker polls.
  // The client also serves the archive activity, which reads closed cases from Temporal.
  const client = await connectClient(settings.temporal);
  await ensureSearchAttributes(client.connection, settings.temporal.namespace);
  const archive = openArchive(settings.dataDir, settings.archiveUrl);
  const connection = await connectWorker(settings.temporal);
  try {
    const worker = await Worker.create({
      connection,
      namespace: settings.temporal.namespace,
      taskQueue: settings.temporal.taskQueue,
      ...workflowSource(settings.worker.workflowBundle),
      // No cache: every workflow task replays the case's history, so its activations are exactly those of any
      // later replay. With a cache, a query answered between a fired timer and an update (as after a worker
      // crash) lets the SDK run the timer and the update in two activations, and a later replay runs them in one,
      // update first: the case's history no longer replays (the chaos test found it).
      maxCachedWorkflows: 0,
      activities: createActivities({
        dataDir: settings.dataDir,
        ...settings.outbound,
        archive: { client, archive },
      }),
      dataConverter,
    });
    console.log(`worker polls task queue ${settings.temporal.taskQueue} at ${settings.temporal.address}`);
    // The SDK stops polling on SIGINT/SIGTERM and lets running tasks finish before run() resolves.
    await worker.run();
  } finally {
    await connection.close();
    await client.connection.close();
    await archive.close();
  }
}

runMain(main);
