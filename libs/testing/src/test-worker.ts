import { type NativeConnection, Worker, type WorkerPlugin } from '@temporalio/worker';
import { testDataConverter } from './encryption';
import { testWorkflowBundle } from './workflow-bundle';

export interface TestWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  /** The workflows module the worker runs (`require.resolve('@saksflyt/workflows')`). */
  workflowsPath: string;
  activities: object;
  /** E.g. tracing: the worker then bundles the workflows itself, with the plugins' workflow interceptors. */
  plugins?: WorkerPlugin[];
}

/** A worker as apps/worker builds it, on the cached test bundle of `workflowsPath`. */
export async function createTestWorker(options: TestWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    ...(options.plugins?.length
      ? { workflowsPath: options.workflowsPath, plugins: options.plugins }
      : { workflowBundle: await testWorkflowBundle(options.workflowsPath) }),
    activities: options.activities,
    dataConverter: testDataConverter,
  });
}
