import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '@saksflyt/activities';
import {
  connectClient,
  connectWorker,
  ensureSearchAttributes,
  loadSettings,
  openDataConverter,
  runMain,
} from '@saksflyt/temporal';
import { openArchive } from '@saksflyt/audit';
import { workflowSource } from './workflow-source';

async function main(): Promise<void> {
  const settings = loadSettings();
  Runtime.install({ logger: new DefaultLogger(settings.worker.logLevel) });
  // A case's first task upserts the contract's search attributes: they must exist before the worker polls.
  // The client also serves the archive activity, which reads closed cases from Temporal.
  const dataConverter = await openDataConverter(settings);
  const client = await connectClient(settings.temporal, dataConverter);
  await ensureSearchAttributes(client.connection, settings.temporal.namespace);
  const archive = openArchive(settings.dataDir, settings.archiveUrl);
  const connection = await connectWorker(settings.temporal);
  try {
    const worker = await Worker.create({
      connection,
      namespace: settings.temporal.namespace,
      taskQueue: settings.temporal.taskQueue,
      ...workflowSource(settings.worker.workflowBundle),
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
