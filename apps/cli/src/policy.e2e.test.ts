import { cliOn } from './__fixtures__/cli-process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import { UserStore } from '@saksflyt/accounts';
import { createActivities } from '@saksflyt/activities';
import { type Oblast, policyInForce } from '@saksflyt/domain';
import { anApplication } from '@saksflyt/domain/testing';
import { loadSettings } from '@saksflyt/temporal';
import {
  createTestWorker,
  startTestDevServer,
  TEST_ENCRYPTION_KEYS,
  type TestDevServer,
} from '@saksflyt/testing';
import { caseWorkflowId, stateQuery } from '@saksflyt/workflows';
import { startProtectionCase } from '@saksflyt/workflows/client';

/** `saksflyt policy impact --draft` against a real dev server and worker: the same impact as the API's. */
describe('saksflyt policy impact, publish and list', () => {
  let server: TestDevServer;
  let worker: Worker;
  let running: Promise<void>;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-policy-'));
  /** Lodged from Kharkiv, which the draft excludes from collective protection. */
  const FROM_KHARKIV = '202416100001';
  /** Lodged from Odesa, which nothing in the draft touches. */
  const FROM_ODESA = '202416100002';

  const saksflyt = cliOn(() => server, 'policy', 'impact');
  const policy = cliOn(() => server, 'policy');
  const file = (name: string, content: unknown) => {
    const where = path.join(folder, name);
    writeFileSync(where, typeof content === 'string' ? content : JSON.stringify(content));
    return where;
  };
  const inForce = policyInForce(new Date().toISOString().slice(0, 10));
  const draft = {
    version: 'NO-UKR-DRAFT',
    validFrom: '2030-01-01',
    source: 'UDI guideline (draft for the test)',
    internalProtectionSafeOblasts: [...inForce.internalProtectionSafeOblasts],
    collectiveProtectionExcludedOblasts: [...inForce.collectiveProtectionExcludedOblasts, 'Kharkiv'],
  };

  beforeAll(async () => {
    server = await startTestDevServer();
    const settings = loadSettings({
      TEMPORAL_ADDRESS: server.address,
      SAKSFLYT_DATA_DIR: server.dataDir,
      SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    });
    worker = await createTestWorker({
      connection: server.connection,
      taskQueue: settings.temporal.taskQueue,
      workflowsPath: require.resolve('@saksflyt/workflows'),
      activities: createActivities({ dataDir: server.dataDir }),
    });
    running = worker.run();
    const users = new UserStore(server.dataDir);
    await users.add('admin', 'admin', 'a password of twelve');
    await users.add('kari', 'caseworker', 'a password of twelve');
    for (const [dufNumber, homeOblast] of [
      [FROM_KHARKIV, 'Kharkiv'],
      [FROM_ODESA, 'Odesa'],
    ] as [string, Oblast][]) {
      const application = anApplication({ dufNumber, lodgedAt: new Date().toISOString() });
      await startProtectionCase(
        server.client,
        { ...application, applicant: { ...application.applicant, homeOblast } },
        settings.temporal.taskQueue,
      );
      await server.client.workflow.getHandle(caseWorkflowId(dufNumber)).query(stateQuery);
    }
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await server?.stop();
  });

  it('prints one line per case and effect, only for the cases the draft touches, and exits 0', async () => {
    const draftFile = file('draft.json', draft);
    // Visibility is eventually consistent: ask until both open cases are listed (the Kharkiv one shows).
    let answer = await saksflyt(['--draft', draftFile]);
    for (let attempt = 0; attempt < 30 && !answer.stdout.includes(FROM_KHARKIV); attempt++)
      answer = await saksflyt(['--draft', draftFile]);
    expect(answer.status).toBe(0);
    expect(answer.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${FROM_KHARKIV} lodged home-area-enters-exclusion: .*Kharkiv`)),
    ]);
    expect(answer.stdout).not.toContain(FROM_ODESA);
  }, 120_000);

  it('says so when the draft would treat no open case differently', async () => {
    const same = file('same.json', {
      ...draft,
      collectiveProtectionExcludedOblasts: inForce.collectiveProtectionExcludedOblasts,
    });
    expect(await saksflyt(['--draft', same])).toMatchObject({
      status: 0,
      stdout: 'no open case would be treated differently under NO-UKR-DRAFT\n',
    });
  }, 60_000);

  it.each([
    ['not JSON', 'not json', /--draft .*not-JSON\.json: .*JSON/],
    [
      'an oblast named twice',
      { ...draft, internalProtectionSafeOblasts: ['Volyn', 'Volyn'] },
      /internalProtectionSafeOblasts\.1: the oblast is on the list already/,
    ],
    [
      'a departure default under 7 days',
      { ...draft, defaultDepartureDeadlineDays: 3 },
      /defaultDepartureDeadlineDays/,
    ],
  ])(
    'refuses a draft file with %s: one line, exit 1',
    async (name, content, said) => {
      const answer = await saksflyt(['--draft', file(`${name.replace(/\W+/g, '-')}.json`, content)]);
      expect(answer).toMatchObject({ status: 1, stdout: '' });
      expect(answer.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(said)]);
    },
    60_000,
  );

  // Last: from here on the registry holds a version (from 2030, so the impacts above stand).
  it('publishes a draft as an admin, lists the cases it touches for review, and lists it among the versions', async () => {
    const draftFile = file('publish.json', draft);
    expect(await policy(['publish', '--draft', draftFile, '--as', 'kari'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('only an admin publishes'),
    });
    const published = await policy(['publish', '--draft', draftFile, '--as', 'admin']);
    expect(published).toMatchObject({ status: 0, stderr: '' });
    expect(published.stdout.trimEnd().split('\n')).toEqual([
      'published NO-UKR-DRAFT, in force from 2030-01-01; 1 open case(s) listed for review',
      `  ${FROM_KHARKIV} home-area-enters-exclusion`,
    ]);

    const again = await policy(['publish', '--draft', draftFile, '--as', 'admin']);
    expect(again).toMatchObject({ status: 1, stdout: '' });
    expect(again.stderr).toMatch(/NO-UKR-DRAFT: version NO-UKR-DRAFT already applies from 2030-01-01/);

    const listed = await policy(['list']);
    expect(listed.status).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      /^ {2}2030-01-01 NO-UKR-DRAFT published by admin at .*, 1 open case\(s\) listed for review; safe: .*; excluded: .*Kharkiv/,
    );
    expect(lines.filter((line) => line.startsWith('*'))).toEqual([expect.stringContaining(inForce.version)]);
    const json = JSON.parse((await policy(['list', '--json'])).stdout) as {
      versions: { publishedBy: string }[];
    };
    expect(json.versions.at(-1)).toMatchObject({ publishedBy: 'admin' });
  }, 120_000);
});
