import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { createActivities } from '@saksflyt/activities';
import type { CommandName, CommandPayload } from '@saksflyt/domain';
import { anApplication, aPoliceRegistration, CASEWORKER } from '@saksflyt/domain/testing';
import { Worker } from '@temporalio/worker';
import {
  createTestWorker,
  startTestDevServer,
  testWorkflowBundle,
  type TestDevServer,
  testDataConverter,
} from '@saksflyt/testing';
import { startProtectionCase } from './client';
import { caseWorkflowId, commandUpdates, eventsQuery, stateQuery } from './messages';

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

  it('drives a case from lodging to protection granted, with each notice delivered once to the outbox', async () => {
    const server = await startTestDevServer();
    try {
      const granted = await withWorker(server, async () => {
        const handle = await startProtectionCase(
          server.client,
          anApplication({ dufNumber: '202499990002' }),
          taskQueue,
        );
        const send = <Name extends CommandName>(name: Name, payload: Omit<CommandPayload<Name>, 'actor'>) =>
          handle.executeUpdate(commandUpdates[name], {
            args: [{ actor: CASEWORKER, ...payload } as CommandPayload<Name>],
          });
        const now = () => new Date().toISOString();
        await send('registerWithPolice', aPoliceRegistration(now()));
        await send('assessCollectiveProtection', { eligible: false, reason: 'stayed in Poland' });
        // An interview is recorded as held at the time it was scheduled for (rule 14): a few seconds ahead here,
        // within the clock skew a fact may have.
        const scheduledAt = new Date(Date.now() + 2_000).toISOString();
        await send('inviteToInterview', { scheduledAt, location: 'oslo', interpreterLanguage: 'uk' });
        await send('recordInterview', { outcome: 'held', heldAt: scheduledAt });
        await send('applyForWorkPermit', { appliedAt: now() });
        await send('decide', { outcome: 'granted-subsidiary', grounds: '§ 28 first paragraph (b)' });
        return handle.result();
      });
      expect(granted).toMatchObject({
        status: 'protection-granted',
        closed: true,
        workPermit: { status: 'granted' },
      });
      // Every notice went to the reception centre's outbox, one file each.
      const notices = readdirSync(path.join(server.dataDir, 'outbox', 'reception-centre')).filter((file) =>
        file.endsWith('.json'),
      );
      expect(notices).toHaveLength(4);
    } finally {
      await server.stop();
    }
  });
});

describe('a command that reaches the case in the same workflow task as a deadline that ran out', () => {
  const reminderTaskQueue = 'protection-cases-late-command';
  // Without a cache (as apps/worker runs), the next workflow task waits on the task queue, not on a stopped worker.
  const uncachedWorker = async (server: TestDevServer) =>
    Worker.create({
      connection: server.connection,
      taskQueue: reminderTaskQueue,
      workflowBundle: await testWorkflowBundle(require.resolve('./index')),
      activities: createActivities({ dataDir: server.dataDir }),
      dataConverter: testDataConverter,
      maxCachedWorkflows: 0,
    });

  it('meets the case the deadline left: the reminder due before it goes out first', async () => {
    const server = await startTestDevServer();
    try {
      const handle = await startProtectionCase(
        server.client,
        anApplication({ dufNumber: '202499990003' }),
        reminderTaskQueue,
        { policyProfile: 'accelerated' },
      );
      const send = <Name extends CommandName>(name: Name, payload: Omit<CommandPayload<Name>, 'actor'>) =>
        handle.executeUpdate(commandUpdates[name], {
          args: [{ actor: CASEWORKER, ...payload } as CommandPayload<Name>],
        });
      const now = () => new Date().toISOString();
      // A day lasts a second: the reminder, three days before an interview eight days ahead, is due in five.
      const interviewAt = new Date(Date.now() + 8_000).toISOString();
      const invited = await (
        await uncachedWorker(server)
      ).runUntil(async () => {
        await send('registerWithPolice', aPoliceRegistration(now()));
        await send('assessCollectiveProtection', { eligible: false, reason: 'stayed in Poland' });
        const state = await send('inviteToInterview', {
          scheduledAt: interviewAt,
          location: 'oslo',
          interpreterLanguage: 'uk',
        });
        // The invitation has gone out and the reminder's timer runs before this worker stops.
        await eventually(async () =>
          (await handle.fetchHistory()).events?.some((event) => event.timerStartedEventAttributes)
            ? true
            : undefined,
        );
        return state;
      });
      const reminderAt = invited.deadlines.find((deadline) => deadline.kind === 'interview-reminder')?.dueAt;
      expect(reminderAt).toBeDefined();
      await new Promise((resolve) =>
        setTimeout(resolve, Date.parse(reminderAt as string) - Date.now() + 1_000),
      );

      // The timer has fired with no worker to see it; the interview is recorded meanwhile. Temporal hands the
      // workflow the command before the fired timer, in one workflow task.
      // Held at the time it was scheduled for (rule 14), which lies within the clock skew a fact may have.
      const recorded = send('recordInterview', { outcome: 'held', heldAt: interviewAt });
      const [state, events] = await (
        await uncachedWorker(server)
      ).runUntil(async () => [await recorded, await handle.query(eventsQuery)] as const);
      const types = events.map((event) => event.type);
      expect(types.indexOf('InterviewReminderSent')).toBeGreaterThan(-1);
      expect(types.indexOf('InterviewReminderSent')).toBeLessThan(types.indexOf('InterviewRecorded'));
      expect(state).toMatchObject({ status: 'awaiting-decision', interview: { reminderSent: true } });
    } finally {
      await server.stop();
    }
  });
});
