import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { createActivities } from '@saksflyt/activities';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { anApplication } from '@saksflyt/domain/testing';
import { createTestWorker, startTimeSkippingEnvironment } from '@saksflyt/testing';
import { caseWorkflowId, eventsQuery, PROTECTION_CASE_WORKFLOW, stateQuery } from './messages';

describe('protectionCase on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'protection-cases-test';

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    worker = await createTestWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./index'),
      activities: createActivities({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'saksflyt-outbox-')) }),
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  it('opens a case from the lodged application and records it as its first event', async () => {
    const application = anApplication({ dufNumber: '202400000001' });
    const handle = await env.client.workflow.start(PROTECTION_CASE_WORKFLOW, {
      args: [application],
      taskQueue,
      workflowId: caseWorkflowId(application.dufNumber),
    });
    const state = await handle.query(stateQuery);
    expect(state).toMatchObject({
      dufNumber: '202400000001',
      status: 'lodged',
      track: 'undetermined',
      closed: false,
    });
    const events = await handle.query(eventsQuery);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: 1, type: 'ApplicationLodged', actor: { role: 'system' } });
  });

  it('keeps an open case waiting, unchanged, while weeks pass with no caseworker', async () => {
    const application = anApplication({ dufNumber: '202400000002' });
    const handle = await env.client.workflow.start(PROTECTION_CASE_WORKFLOW, {
      args: [application],
      taskQueue,
      workflowId: caseWorkflowId(application.dufNumber),
    });
    const before = await handle.query(stateQuery);
    await env.sleep('60 days');
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(await handle.query(stateQuery)).toEqual(before);
  });

  it('fails a case at once, without retrying, when the start input is not an ApplicationLodged', async () => {
    const handle = await env.client.workflow.start(PROTECTION_CASE_WORKFLOW, {
      args: [{ ...anApplication(), dufNumber: 'not-a-duf' }],
      taskQueue,
      workflowId: 'case-bad-input',
    });
    const failure = await handle.result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'ValidationError' });
  });
});
