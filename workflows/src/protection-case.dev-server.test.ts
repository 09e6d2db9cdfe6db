import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { createActivities } from '@saksflyt/activities';
import { anApplication } from '@saksflyt/domain/testing';
import { createTestWorker, startTestDevServer, type TestDevServer } from '@saksflyt/testing';
import { startProtectionCase } from './client';
import { caseWorkflowId, stateQuery } from './messages';

const taskQueue = 'protection-cases';

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `body` with a worker polling the server, then stops the worker. */
async function withWorker<T>(server: TestDevServer, body: () => Promise<T>): Promise<T> {
  const worker = await createTestWorker({
    connection: server.connection,
    taskQueue,
    workflowsPath: require.resolve('./index'),
    activities: createActivities({ dataDir: server.dataDir }),
  });
  return worker.runUntil(body);
}

describe('protectionCase on the real Temporal dev server', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-restart-'));
  const application = anApplication({ dufNumber: '202499990001' });
  const workflowId = caseWorkflowId(application.dufNumber);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts a case, finds it by its search attributes, and refuses a second case with the same DUF number', async () => {
    const server = await startTestDevServer({ dataDir });
    try {
      await withWorker(server, async () => {
        const handle = await startProtectionCase(server.client, application, taskQueue);
        expect(await handle.query(stateQuery)).toMatchObject({
          dufNumber: application.dufNumber,
          status: 'lodged',
        });

        const listed = await eventually(async () => {
          for await (const execution of server.client.workflow.list({
            query: `DufNumber = '${application.dufNumber}' AND CaseStatus = 'lodged' AND HomeOblast = 'Kharkiv' AND InterviewPriority = true`,
          })) {
            return execution;
          }
          return undefined;
        });
        expect(listed.workflowId).toBe(workflowId);

        await expect(startProtectionCase(server.client, application, taskQueue)).rejects.toBeInstanceOf(
          WorkflowExecutionAlreadyStartedError,
        );
      });
    } finally {
      await server.stop();
    }
  });

  it('finds the same case after the server restarts on the same SQLite file', async () => {
    const server = await startTestDevServer({ dataDir });
    try {
      const handle = server.client.workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      const state = await withWorker(server, () => handle.query(stateQuery));
      expect(state).toMatchObject({ dufNumber: application.dufNumber, status: 'lodged', closed: false });
    } finally {
      await server.stop();
    }
  });
});
