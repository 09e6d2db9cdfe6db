import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type Payload } from '@temporalio/common';
import type { CaseEvent, CaseState } from '@saksflyt/domain';
import { anApplication, aPoliceRegistration, CASEWORKER } from '@saksflyt/domain/testing';
import { EncryptionCodec, freePort } from '@saksflyt/temporal';
import {
  startTestDevServer,
  TEST_ENCRYPTION_KEYS,
  testKeyRing,
  testWorkflowBundleFile,
  type TestDevServer,
} from '@saksflyt/testing';
import {
  caseWorkflowId,
  commandSignals,
  commandUpdates,
  eventsQuery,
  PROTECTION_CASE_WORKFLOW,
  stateQuery,
} from '@saksflyt/workflows';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { SupervisedWorker, workerEnvironment } from './__fixtures__/supervised-worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const REFUSED =
  /^an unencrypted payload \(encoding "json\/plain"\) was refused: .*SAKSFLYT_CODEC_PLAINTEXT=refuse/;

/** The value of one Prometheus sample: the metric's line carrying every one of the labels. */
function sample(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  const line = metrics
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith(`${name}{`) &&
        Object.entries(labels).every(([label, value]) => candidate.includes(`${label}="${value}"`)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

// Issue 13, item 1: anyone who reaches Temporal's port could send a case a plaintext Signal or Update that the
// worker accepted, under any caseworker's name. Here the production worker (apps/worker/src/main.ts, a child
// process told by environment alone, SAKSFLYT_CODEC_PLAINTEXT left at its default) meets such a client.
describe('a worker with the strict codec, against a client without the key ring', () => {
  let server: TestDevServer;
  let worker: SupervisedWorker;
  let logs: string;
  let metricsPort: number;
  const taskQueue = 'plaintext-refused';

  beforeAll(async () => {
    server = await startTestDevServer();
    logs = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-plaintext-'));
    metricsPort = await freePort();
    worker = new SupervisedWorker(
      workerEnvironment({
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        SAKSFLYT_DATA_DIR: server.dataDir,
        SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        SAKSFLYT_WORKFLOW_BUNDLE: await testWorkflowBundleFile(require.resolve('@saksflyt/workflows')),
        SAKSFLYT_WORKER_METRICS_PORT: String(metricsPort),
      }),
      path.join(logs, 'worker.log'),
    );
    await worker.start();
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await server?.stop();
    if (logs) rmSync(logs, { recursive: true, force: true });
  });

  /** A caseworker's client: payloads encrypted with the ring (the tests' converter). */
  const keyHolder = () => server.client;
  /** What the finding used: a bare Temporal client, no codec, no key. */
  const bare = () => new Client({ connection: server.client.connection });
  /**
   * Sends every payload unencrypted, as the bare client does (its codec's encode is the identity), but can read the
   * worker's encrypted answers, so the test sees what the refusal says.
   */
  const plaintextSender = () => {
    const reader = new EncryptionCodec(testKeyRing, { reader: 'client', plaintext: 'accept' });
    return new Client({
      connection: server.client.connection,
      dataConverter: {
        payloadCodecs: [
          { encode: async (payloads: Payload[]) => payloads, decode: (payloads) => reader.decode(payloads) },
        ],
      },
    });
  };

  async function anOpenCase(dufNumber: string): Promise<CaseState> {
    await startProtectionCase(keyHolder(), anApplication({ dufNumber }), taskQueue);
    const handle = keyHolder().workflow.getHandle(caseWorkflowId(dufNumber));
    await handle.executeUpdate(commandUpdates.registerWithPolice, {
      args: [{ actor: CASEWORKER, ...aPoliceRegistration() }],
    });
    return handle.executeUpdate(commandUpdates.assessCollectiveProtection, {
      args: [{ actor: CASEWORKER, eligible: false, reason: 'home oblast on the exclusion list' }],
    });
  }

  async function history(dufNumber: string) {
    return (await keyHolder().workflow.getHandle(caseWorkflowId(dufNumber)).fetchHistory()).events ?? [];
  }

  async function scrape(until: (metrics: string) => boolean): Promise<string> {
    let metrics = '';
    for (let attempt = 0; attempt < 40; attempt++) {
      metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      if (until(metrics)) break;
      await sleep(250);
    }
    return metrics;
  }

  it('refuses a plaintext Update and Signal to an open case: nothing changes, no task fails, both are counted', async () => {
    const duf = '202613000001';
    const before = await anOpenCase(duf);
    expect(before).toMatchObject({ status: 'individual-assessment', closed: false });
    const handle = keyHolder().workflow.getHandle(caseWorkflowId(duf));
    const newContact = {
      actor: CASEWORKER,
      contact: { email: 'not.the.applicant@example.org', phone: '+4790000001' },
    };
    const leftNorway = { actor: CASEWORKER, detectedAt: new Date().toISOString() };

    // The Update is refused in its validator, as the ValidationError it is, naming the cause.
    const update = plaintextSender()
      .workflow.getHandle(caseWorkflowId(duf))
      .executeUpdate(commandUpdates.updateContactInfo, { args: [newContact] });
    const refusal = await update.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refusal as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: 'ValidationError', message: expect.stringMatching(REFUSED) });

    // The Signal cannot be refused to its sender: the case records the refusal, under no caseworker's name.
    await bare().workflow.getHandle(caseWorkflowId(duf)).signal(commandSignals.reportLeftNorway, leftNorway);
    let events: CaseEvent[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      events = await handle.query(eventsQuery);
      if (events.some((event) => event.type === 'CommandRejected')) break;
      await sleep(250);
    }
    const rejected = events.filter((event) => event.type === 'CommandRejected');
    expect(rejected).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ role: 'system' }),
        data: expect.objectContaining({
          command: 'reportLeftNorway',
          error: 'ValidationError',
          message: expect.stringMatching(REFUSED),
        }),
      }),
    ]);

    const after = await handle.query(stateQuery);
    expect(after).toMatchObject({ status: before.status, closed: false });
    expect(after.application).toEqual(before.application);

    // The signal reached Temporal unencrypted, as sent; the worker never failed a task over it.
    const recorded = await history(duf);
    const signalled = recorded.find((event) => event.workflowExecutionSignaledEventAttributes);
    const sent = signalled?.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0];
    expect(Buffer.from(sent?.metadata?.encoding ?? []).toString()).toBe('json/plain');
    expect(recorded.filter((event) => event.workflowTaskFailedEventAttributes)).toEqual([]);

    // Counted on the worker's Prometheus endpoint: each refused payload once (however often the history is
    // replayed), and each refused command once.
    const metrics = await scrape(
      (text) =>
        sample(text, 'saksflyt_commands_total', {
          command: 'reportLeftNorway',
          outcome: 'RefusedByCodec',
        }) === 1,
    );
    expect(
      sample(metrics, 'saksflyt_codec_refused_payloads_total', { reader: 'worker', owner: 'workflow' }),
    ).toBe(2);
    expect(
      sample(metrics, 'saksflyt_commands_total', { command: 'updateContactInfo', outcome: 'RefusedByCodec' }),
    ).toBe(1);
    expect(
      sample(metrics, 'saksflyt_commands_total', { command: 'reportLeftNorway', outcome: 'RefusedByCodec' }),
    ).toBe(1);

    // The same commands from a holder of the key ring do what they say: the refusals above were the codec's.
    const changed = await handle.executeUpdate(commandUpdates.updateContactInfo, { args: [newContact] });
    expect(changed.application.applicant.contact).toMatchObject(newContact.contact);
    await handle.signal(commandSignals.reportLeftNorway, leftNorway);
    expect(await handle.result()).toMatchObject({ status: 'dismissed', closed: true });
    expect((await history(duf)).filter((event) => event.workflowTaskFailedEventAttributes)).toEqual([]);
  }, 120_000);

  it('fails a case started with a plaintext application at once, as an invalid start input, without a task failure', async () => {
    const duf = '202613000002';
    await bare().workflow.start(PROTECTION_CASE_WORKFLOW, {
      taskQueue,
      workflowId: caseWorkflowId(duf),
      args: [anApplication({ dufNumber: duf })],
    });
    const failure = await keyHolder()
      .workflow.getHandle(caseWorkflowId(duf))
      .result()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({
      type: 'ValidationError',
      message: expect.stringMatching(REFUSED),
    });
    expect((await history(duf)).filter((event) => event.workflowTaskFailedEventAttributes)).toEqual([]);
  }, 60_000);
});
