import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface Health {
  temporal: 'up' | 'down';
  worker: 'polling' | 'absent' | 'unknown';
  healthy: boolean;
  detail?: string;
}

/**
 * A poller that has not come back for this long is gone: a live worker renews its long poll about once a minute.
 */
const POLLER_STALE_AFTER_MS = 90_000;

/** Temporal answers, and at least one worker has polled the task queue recently. */
export async function checkHealth(client: Client, taskQueue: string, now = Date.now()): Promise<Health> {
  try {
    await client.workflowService.getSystemInfo({});
  } catch (error) {
    return { temporal: 'down', worker: 'unknown', healthy: false, detail: (error as Error).message };
  }
  try {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    const live = pollers.some((poller) => {
      const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
      return now - seconds * 1000 < POLLER_STALE_AFTER_MS;
    });
    return live
      ? { temporal: 'up', worker: 'polling', healthy: true }
      : {
          temporal: 'up',
          worker: 'absent',
          healthy: false,
          detail: `no worker polls task queue ${taskQueue}`,
        };
  } catch (error) {
    return { temporal: 'up', worker: 'unknown', healthy: false, detail: (error as Error).message };
  }
}
