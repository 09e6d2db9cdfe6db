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
import { workflowSource } from './workflow-source';

async function main(): Promise<void> {
  const settings = loadSettings();
  Runtime.install({ logger: new DefaultLogger(settings.worker.logLevel) });
  // A case's first task upserts the contract's search attributes: they must exist before the worker polls.
  const client = await connectClient(settings.temporal);
  await ensureSearchAttributes(client.connection, settings.temporal.namespace).finally(() =>
    client.connection.close(),
  );
  const connection = await connectWorker(settings.temporal);
  try {
    const worker = await Worker.create({
      connection,
      namespace: settings.temporal.namespace,
      taskQueue: settings.temporal.taskQueue,
      ...workflowSource(settings.worker.workflowBundle),
      activities: createActivities({ dataDir: settings.dataDir, ...settings.outbound }),
      dataConverter,
    });
    console.log(`worker polls task queue ${settings.temporal.taskQueue} at ${settings.temporal.address}`);
    // The SDK stops polling on SIGINT/SIGTERM and lets running tasks finish before run() resolves.
    await worker.run();
  } finally {
    await connection.close();
  }
}

runMain(main);
