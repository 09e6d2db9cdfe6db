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
import { caseWorkflowId, commandUpdates } from '@saksflyt/workflows';
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
    const handle = server.client.workflow.getHandle(caseWorkflowId(CASES[0] ?? ''));
    const state = await handle.executeUpdate(commandUpdates.addNote, {
      args: [
        { actor: { id: 'kari', role: 'caseworker' }, text: 'Tolk bestilt.' },
        await commandContext(server.client),
      ],
    });
    for (const dufNumber of CASES) {
      const seq = dufNumber === CASES[0] ? state.lastEventSeq : 1;
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
