import type { Worker } from '@temporalio/worker';
import { createActivities } from '@saksflyt/activities';
import { CaseProjection, type EmbeddedProjectionStore, startEmbeddedProjectionStore } from '@saksflyt/audit';
import { anApplication } from '@saksflyt/domain/testing';
import { freePort, loadSettings } from '@saksflyt/temporal';
import {
  createTestWorker,
  startTestDevServer,
  TEST_ENCRYPTION_KEYS,
  type TestDevServer,
} from '@saksflyt/testing';
import { caseWorkflowId, commandUpdates, eventsQuery } from '@saksflyt/workflows';
import { commandContext, startProtectionCase } from '@saksflyt/workflows/client';
import { cliOn } from './__fixtures__/cli-process';

/**
 * `saksflyt projection rebuild` writes a projection from the cases' Temporal histories alone (issue 17): into an
 * empty store, with the worker stopped, it gives exactly what the workers wrote.
 */
describe('saksflyt projection status and rebuild', () => {
  let server: TestDevServer;
  let worker: Worker;
  let running: Promise<void>;
  let written: EmbeddedProjectionStore;
  let rebuilt: EmbeddedProjectionStore;
  let projection: CaseProjection;
  const CASES = ['202417100001', '202417100002'];
  let target = () => written.url;
  const projectionCli = cliOn(
    () => ({ ...server, env: { SAKSFLYT_PROJECTION_URL: target() } }),
    'projection',
  );

  beforeAll(async () => {
    [written, rebuilt] = await Promise.all([
      startEmbeddedProjectionStore({ port: await freePort() }),
      startEmbeddedProjectionStore({ port: await freePort() }),
    ]);
    server = await startTestDevServer();
    const settings = loadSettings({
      TEMPORAL_ADDRESS: server.address,
      SAKSFLYT_DATA_DIR: server.dataDir,
      SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    });
    projection = new CaseProjection(written.url);
    worker = await createTestWorker({
      connection: server.connection,
      taskQueue: settings.temporal.taskQueue,
      workflowsPath: require.resolve('@saksflyt/workflows'),
      activities: createActivities({ dataDir: server.dataDir, projection }),
    });
    running = worker.run();
    for (const dufNumber of CASES) {
      await startProtectionCase(server.client, anApplication({ dufNumber }), settings.temporal.taskQueue);
    }
    const context = await commandContext(server.client);
    const caseworker = { id: 'kari', role: 'caseworker' } as const;
    const [noted, assessed] = CASES.map((dufNumber) =>
      server.client.workflow.getHandle(caseWorkflowId(dufNumber)),
    );
    const lastSeq = new Map<string, number>();
    const notedState = await noted?.executeUpdate(commandUpdates.addNote, {
      args: [{ actor: caseworker, text: 'Tolk bestilt.' }, context],
    });
    lastSeq.set(CASES[0] ?? '', notedState?.lastEventSeq ?? 0);
    // The second case's assessment calls for a notice, whose activity writes the change's events first
    // (`projectFirst`): a rebuild must find them there, not only in the projectCase activities.
    await assessed?.executeUpdate(commandUpdates.registerWithPolice, {
      args: [
        {
          actor: caseworker,
          registeredAt: new Date().toISOString(),
          policeDistrict: 'Øst',
          passport: { kind: 'international', expiresOn: '2099-01-01', surrendered: true },
          eurodacHit: null,
        },
        context,
      ],
    });
    await assessed?.executeUpdate(commandUpdates.assessCollectiveProtection, {
      args: [{ actor: caseworker, eligible: false, reason: 'home oblast on the exclusion list' }, context],
    });
    // The notice is recorded as delivered once its activity is done: the case's last event.
    const delivered = async () =>
      (await assessed?.query(eventsQuery))?.find((event) => event.type === 'NoticeDelivered')?.seq;
    for (let waited = 0; !(await delivered()) && waited < 30_000; waited += 200)
      await new Promise((resolve) => setTimeout(resolve, 200));
    lastSeq.set(CASES[1] ?? '', (await delivered()) ?? 0);
    for (const dufNumber of CASES) {
      const seq = lastSeq.get(dufNumber) ?? 0;
      expect(seq).toBeGreaterThan(1);
      expect(await projection.waitFor(dufNumber, seq, 30_000)).toBeGreaterThanOrEqual(seq);
    }
    worker.shutdown();
    await running;
  }, 180_000);

  afterAll(async () => {
    await projection?.close();
    await server?.stop();
    await Promise.all([written?.stop(), rebuilt?.stop()]);
  });

  it('says how many cases and events the projection holds', async () => {
    target = () => written.url;
    const status = await projectionCli(['status', '--json']);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ cases: 2, waiting: 0 });
  }, 60_000);

  it('projection-rebuild: writes, from the histories alone and with no worker, what the workers wrote', async () => {
    target = () => rebuilt.url;
    const run = await projectionCli(['rebuild', '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      cases: 2,
      fromHistories: 2,
      fromQueries: 0,
      fromArchive: 0,
      unreadable: [],
    });
    const fromRebuild = new CaseProjection(rebuilt.url);
    try {
      for (const dufNumber of CASES) {
        expect(await fromRebuild.record(dufNumber)).toEqual(await projection.record(dufNumber));
      }
    } finally {
      await fromRebuild.close();
    }
  }, 60_000);

  it('refuses to run without a projection store, saying which setting names it', async () => {
    target = () => '';
    const run = await projectionCli(['status']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SAKSFLYT_PROJECTION_URL');
  }, 60_000);
});
