import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { CommandName, CommandPayload } from '@saksflyt/domain';
import {
  anApplication,
  aPoliceRegistration,
  CASEWORKER,
  COLLECTIVE_PROTECTION_GRANTED,
} from '@saksflyt/domain/testing';
import { freePort } from '@saksflyt/temporal';
import {
  startTestDevServer,
  startTestSmtpServer,
  TEST_ENCRYPTION_KEYS,
  testWorkflowBundleFile,
  type TestDevServer,
} from '@saksflyt/testing';
import { caseWorkflowId, commandUpdates } from '@saksflyt/workflows';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { SupervisedWorker, workerEnvironment } from './__fixtures__/supervised-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The production worker's settings against the test's dev server, and the test's own. */
function fleetWorkerEnvironment(
  server: TestDevServer,
  workflowBundle: string,
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  return workerEnvironment({
    TEMPORAL_ADDRESS: server.address,
    SAKSFLYT_DATA_DIR: server.dataDir,
    SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    SAKSFLYT_WORKFLOW_BUNDLE: workflowBundle,
    ...extra,
  });
}

/** A command sent until it is answered, with one update id for every try, as a caseworker's client would. */
async function command<Name extends CommandName>(
  client: Client,
  duf: string,
  name: Name,
  payload: Omit<CommandPayload<Name>, 'actor'>,
): Promise<void> {
  const handle = client.workflow.getHandle(caseWorkflowId(duf));
  for (let attempt = 0; ; attempt++) {
    try {
      await handle.executeUpdate(commandUpdates[name], {
        args: [{ actor: CASEWORKER, ...payload } as CommandPayload<Name>],
        updateId: `${duf}-${name}`,
      });
      return;
    } catch (error) {
      if (attempt > 30) throw error;
      await sleep(500);
    }
  }
}

describe('workers past one: a shared task queue, a kill, and a graceful stop', () => {
  let server: TestDevServer;
  const workers: SupervisedWorker[] = [];
  let logs: string;
  let workflowBundle: string;

  beforeEach(async () => {
    server = await startTestDevServer();
    logs = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-fleet-'));
    workflowBundle = await testWorkflowBundleFile(require.resolve('@saksflyt/workflows'));
  }, 120_000);

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await server?.stop();
    rmSync(logs, { recursive: true, force: true });
  });

  it('two workers on one task queue share the cases, and either can be killed without losing one', async () => {
    const taskQueue = 'fleet-shared';
    for (const name of ['a', 'b']) {
      const worker = new SupervisedWorker(
        fleetWorkerEnvironment(server, workflowBundle, { TEMPORAL_TASK_QUEUE: taskQueue }),
        path.join(logs, `worker-${name}.log`),
      );
      await worker.start();
      workers.push(worker);
    }
    const cases = Array.from({ length: 16 }, (_, index) => `2026880000${String(index).padStart(2, '0')}`);
    await Promise.all(
      cases.map((duf) => startProtectionCase(server.client, anApplication({ dufNumber: duf }), taskQueue)),
    );
    await Promise.all(
      cases.map((duf) => command(server.client, duf, 'registerWithPolice', aPoliceRegistration())),
    );
    // One worker dies mid-run, with no warning; the other carries every case to its end.
    await workers[0]?.kill();
    await Promise.all(
      cases.map((duf) =>
        command(server.client, duf, 'assessCollectiveProtection', COLLECTIVE_PROTECTION_GRANTED),
      ),
    );
    const finals = await Promise.all(
      cases.map((duf) => server.client.workflow.getHandle(caseWorkflowId(duf)).result()),
    );
    expect(finals.every((state) => state.status === 'collective-protection-granted' && state.closed)).toBe(
      true,
    );

    const identities = new Set<string>();
    let failedTasks = 0;
    for (const duf of cases) {
      const events =
        (await server.client.workflow.getHandle(caseWorkflowId(duf)).fetchHistory()).events ?? [];
      for (const event of events) {
        const identity =
          event.workflowTaskCompletedEventAttributes?.identity ??
          event.activityTaskStartedEventAttributes?.identity;
        if (identity) identities.add(identity);
        if (event.workflowTaskFailedEventAttributes) failedTasks += 1;
      }
    }
    expect(identities.size).toBeGreaterThanOrEqual(2);
    expect(failedTasks).toBe(0);
    // Each granted case's notice went out once (the file outbox both workers share).
    const notices = readdirSync(path.join(server.dataDir, 'outbox', 'reception-centre')).filter((file) =>
      file.endsWith('.json'),
    );
    expect(notices.length).toBe(cases.length);
  }, 240_000);

  it("serves Prometheus metrics with Saksflyt's counters, a deadline that fired among them", async () => {
    const taskQueue = 'fleet-metrics';
    const metricsPort = await freePort();
    const worker = new SupervisedWorker(
      fleetWorkerEnvironment(server, workflowBundle, {
        TEMPORAL_TASK_QUEUE: taskQueue,
        SAKSFLYT_WORKER_METRICS_PORT: String(metricsPort),
      }),
      path.join(logs, 'worker-metrics.log'),
    );
    await worker.start();
    workers.push(worker);
    const duf = '202688000200';
    // A day lasts a second: the reminder of an interview eight days ahead is due in five.
    await startProtectionCase(server.client, anApplication({ dufNumber: duf }), taskQueue, {
      policyProfile: 'accelerated',
    });
    await command(server.client, duf, 'registerWithPolice', aPoliceRegistration());
    await command(server.client, duf, 'assessCollectiveProtection', {
      eligible: false,
      reason: 'stayed in Poland',
    });
    await command(server.client, duf, 'inviteToInterview', {
      scheduledAt: new Date(Date.now() + 8_000).toISOString(),
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    const scrape = async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    let metrics = await scrape();
    for (let attempt = 0; attempt < 60 && !metrics.includes('saksflyt_deadlines_fired_total'); attempt++) {
      await sleep(500);
      metrics = await scrape();
    }
    expect(metrics).toMatch(/^saksflyt_deadlines_fired_total\{.*kind="interview-reminder".*\} 1$/m);
    expect(metrics).toMatch(
      /^saksflyt_commands_total\{.*command="inviteToInterview".*outcome="accepted".*\} 1$/m,
    );
    expect(metrics).toMatch(
      /^saksflyt_activities_total\{.*activity="notifyApplicant".*outcome="completed".*\} [1-9]/m,
    );
  }, 120_000);

  it('on SIGTERM a worker finishes the notice it is sending before it exits', async () => {
    const taskQueue = 'fleet-drain';
    const received: { at: number; messageId: string }[] = [];
    let firstMessage: () => void = () => undefined;
    const messageStarted = new Promise<void>((resolve) => (firstMessage = resolve));
    // A slow mail server: it takes three seconds to accept each message.
    const smtp = await startTestSmtpServer(async ({ raw }) => {
      firstMessage();
      await sleep(3_000);
      received.push({ at: Date.now(), messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1] ?? '' });
    });
    try {
      const worker = new SupervisedWorker(
        fleetWorkerEnvironment(server, workflowBundle, {
          TEMPORAL_TASK_QUEUE: taskQueue,
          SAKSFLYT_SMTP_URL: smtp.url,
          SAKSFLYT_WORKER_SHUTDOWN_GRACE_SECONDS: '20',
        }),
        path.join(logs, 'worker-drain.log'),
      );
      await worker.start();
      workers.push(worker);
      const duf = '202688000100';
      const application = anApplication({
        dufNumber: duf,
        applicant: {
          ...anApplication().applicant,
          residence: { kind: 'private', address: 'Storgata 1, 0155 Oslo' },
          contact: { email: 'drain@example.org' },
        },
      });
      await startProtectionCase(server.client, application, taskQueue);
      await command(server.client, duf, 'registerWithPolice', aPoliceRegistration());
      await command(server.client, duf, 'assessCollectiveProtection', COLLECTIVE_PROTECTION_GRANTED);

      await messageStarted;
      const exitCode = await worker.terminate();
      const exitedAt = Date.now();
      expect(exitCode).toBe(0);
      // The notice was accepted by the mail server before the worker left, and only once.
      expect(received).toHaveLength(1);
      expect(received[0]?.at).toBeLessThanOrEqual(exitedAt);
      const events =
        (await server.client.workflow.getHandle(caseWorkflowId(duf)).fetchHistory()).events ?? [];
      const notice = events.find(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'notifyApplicant',
      );
      const completed = events.find(
        (event) =>
          event.activityTaskCompletedEventAttributes &&
          String(event.activityTaskCompletedEventAttributes.scheduledEventId) === String(notice?.eventId),
      );
      expect(completed).toBeDefined();
      expect(events.some((event) => event.activityTaskFailedEventAttributes)).toBe(false);
    } finally {
      await smtp.close();
    }
  }, 180_000);
});
