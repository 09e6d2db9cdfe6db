// A worker of the workflow-cache canary as a process of its own (workflow-cache-canary.e2e.test.ts), so the test can
// SIGKILL it: a worker that dies without shutting down leaves the server believing its sticky queue still serves
// the workflow, which a graceful shutdown (it tells the server) would not.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: required('CANARY_TEMPORAL_ADDRESS') });
  const workers = await Promise.all(
    required('CANARY_TASK_QUEUES')
      .split(',')
      .map((taskQueue) =>
        Worker.create({
          connection,
          taskQueue,
          identity: `${required('CANARY_IDENTITY')}@${taskQueue}`,
          workflowBundle: { codePath: required('CANARY_WORKFLOW_BUNDLE') },
          maxCachedWorkflows: Number(required('CANARY_MAX_CACHED_WORKFLOWS')),
          stickyQueueScheduleToStartTimeout: required('CANARY_STICKY_SCHEDULE_TO_START_TIMEOUT'),
        }),
      ),
  );
  const running = Promise.all(workers.map((worker) => worker.run()));
  // The parent waits for this line before it starts a workflow (SupervisedWorker waits for the same words).
  process.stdout.write('worker polls task queue\n');
  await running;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
