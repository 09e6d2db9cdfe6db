import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { startTimeSkippingEnvironment, testDataConverter, testWorkflowBundle } from '@saksflyt/testing';
import {
  ARCHIVE_HEAD_WORKFLOW,
  ARCHIVE_HEAD_WORKFLOW_ID,
  type AnchoredHead,
  archiveHeadQuery,
  publishHeadSignal,
} from './archive-head.workflow';

describe('archiveHead: the archive head anchor in Temporal', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'archive-head-test';

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await testWorkflowBundle(require.resolve('./index')),
      dataConverter: testDataConverter,
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const head = (count: number, hash: string): AnchoredHead => ({
    count,
    hash,
    publishedAt: new Date(Date.UTC(2026, 0, count)).toISOString(),
    by: 'test',
  });
  const publish = (published: AnchoredHead) =>
    env.client.workflow.signalWithStart(ARCHIVE_HEAD_WORKFLOW, {
      workflowId: ARCHIVE_HEAD_WORKFLOW_ID,
      taskQueue,
      args: [{}],
      signal: publishHeadSignal,
      signalArgs: [published],
    });

  it('keeps the head with the most records, notes every head that went back, and its history holds them all', async () => {
    await publish(head(3, 'a'.repeat(64)));
    await publish(head(5, 'b'.repeat(64)));
    await publish(head(4, 'c'.repeat(64)));
    await publish(head(5, 'd'.repeat(64)));
    const handle = env.client.workflow.getHandle(ARCHIVE_HEAD_WORKFLOW_ID);
    const state = await handle.query(archiveHeadQuery);
    expect(state.latest).toMatchObject({ count: 5, hash: 'b'.repeat(64) });
    expect(state.conflicts?.map((conflict) => [conflict.head.count, conflict.after.count])).toEqual([
      [4, 5],
      [5, 5],
    ]);
    expect(state.publishedThisRun).toBe(4);
    const history = await handle.fetchHistory();
    expect(
      history.events?.filter(
        (event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'publishHead',
      ),
    ).toHaveLength(4);
  });

  it('continues as new after its publications per run, carrying the latest head into the new run', async () => {
    const workflowId = 'archive-head-continues';
    const send = (published: AnchoredHead) =>
      env.client.workflow.signalWithStart(ARCHIVE_HEAD_WORKFLOW, {
        workflowId,
        taskQueue,
        args: [{ publicationsPerRun: 2 }],
        signal: publishHeadSignal,
        signalArgs: [published],
      });
    await send(head(1, 'a'.repeat(64)));
    const first = await send(head(2, 'b'.repeat(64)));
    const firstRun = first.signaledRunId;
    const handle = env.client.workflow.getHandle(workflowId);
    for (let attempt = 0; attempt < 50 && (await handle.describe()).runId === firstRun; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const history = await handle.fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    expect(started?.continuedExecutionRunId).toBe(firstRun);
    expect(await handle.query(archiveHeadQuery)).toMatchObject({
      latest: { count: 2 },
      publishedThisRun: 0,
      publicationsPerRun: 2,
    });
  });
});
