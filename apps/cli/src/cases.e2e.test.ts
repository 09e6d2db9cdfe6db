import { cliOn } from './__fixtures__/cli-process';
import type { Worker } from '@temporalio/worker';
import { UserStore } from '@saksflyt/accounts';
import { createActivities } from '@saksflyt/activities';
import { anApplication } from '@saksflyt/domain/testing';
import { openPersonIndex } from '@saksflyt/audit';
import { loadSettings, PersonIndexCipher, SEARCH_ATTRIBUTES } from '@saksflyt/temporal';
import {
  createTestWorker,
  startTestDevServer,
  TEST_ENCRYPTION_KEYS,
  type TestDevServer,
  testKeyRing,
} from '@saksflyt/testing';
import { caseWorkflowId, stateQuery } from '@saksflyt/workflows';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { removeVariants, variant } from '@saksflyt/workflows/testing';

const DAY_MS = 24 * 60 * 60 * 1000;
const PASSWORD = 'a-long-test-password';

/** `saksflyt cases assign|mine` against a real dev server and worker, with the API's checks before anything is sent. */
describe('saksflyt cases', () => {
  let server: TestDevServer;
  let worker: Worker;
  let running: Promise<void>;
  const [FIRST, SECOND, THIRD] = ['202415000001', '202415000002', '202415000003'] as const;
  const cases = [FIRST, SECOND, THIRD];

  const saksflyt = cliOn(() => server, 'cases');
  const stateOf = (duf: string) =>
    server.client.workflow.getHandle(caseWorkflowId(duf)).query(stateQuery) as Promise<{
      assignee: string | null;
      team: string;
      lastEventSeq: number;
    }>;

  beforeAll(async () => {
    server = await startTestDevServer();
    const settings = loadSettings({
      TEMPORAL_ADDRESS: server.address,
      SAKSFLYT_DATA_DIR: server.dataDir,
      SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    });
    const users = new UserStore(server.dataDir);
    await users.add('kari', 'caseworker', PASSWORD);
    await users.add('admin', 'admin', PASSWORD);
    await users.add('revisor', 'auditor', PASSWORD);
    await users.add('ola', 'caseworker', PASSWORD);
    users.setDisabled('ola', true);
    worker = await createTestWorker({
      connection: server.connection,
      taskQueue: settings.temporal.taskQueue,
      workflowsPath: require.resolve('@saksflyt/workflows'),
      activities: createActivities({ dataDir: server.dataDir }),
    });
    running = worker.run();
    // Lodged two, three and one day ago: `mine` orders them itself.
    for (const [index, duf] of cases.entries()) {
      const lodgedAt = new Date(Date.now() - ([2, 3, 1][index] ?? 0) * DAY_MS).toISOString();
      await startProtectionCase(
        server.client,
        anApplication({ dufNumber: duf, lodgedAt }),
        settings.temporal.taskQueue,
      );
    }
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await server?.stop();
    removeVariants('cli-before-work-allocation');
  });

  it('puts cases started past the API in the person index, so they are found by name and date of birth', async () => {
    const people = openPersonIndex(server.dataDir, undefined, new PersonIndexCipher(testKeyRing));
    try {
      // Started through the Temporal client, not POST /api/cases: not in the index yet.
      expect(await people.search({ name: 'Olena Kovalenko' }, 10)).toEqual([]);
      // Visibility is eventually consistent: reindex until all three are listed.
      let reindexed = await saksflyt(['reindex']);
      for (let attempt = 0; attempt < 30 && !/indexed [3-9] cases/.test(reindexed.stdout); attempt++)
        reindexed = await saksflyt(['reindex']);
      expect(reindexed).toMatchObject({ status: 0, stderr: '' });
      expect(reindexed.stdout).toMatch(/^indexed \d+ cases in the person index$/m);
      expect(
        (await people.search({ name: 'kovalenko olena', dateOfBirth: '1994-03-17' }, 10)).sort(),
      ).toEqual(expect.arrayContaining([...cases].sort()));
      expect((await people.namesOf([FIRST])).get(FIRST)).toBe('Olena Kovalenko');
    } finally {
      await people.close();
    }
  }, 120_000);

  it('reindexes a running case opened before work allocation: it sets its Team, and nothing else changes', async () => {
    // Today's workflow as a case opened before work allocation runs it (no marker), on a task queue of its own.
    const taskQueue = 'before-work-allocation';
    const oldWorker = await createTestWorker({
      connection: server.connection,
      taskQueue,
      workflowsPath: variant('cli-before-work-allocation', '', [
        "searchAttributePublisher(patched('work-allocation'))",
        'searchAttributePublisher(false)',
      ]),
      activities: createActivities({ dataDir: server.dataDir }),
    });
    await oldWorker.runUntil(async () => {
      const old = '202415000009';
      const handle = await startProtectionCase(server.client, anApplication({ dufNumber: old }), taskQueue);
      await handle.query(stateQuery);
      const teamOf = async () => (await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.Team);
      expect(await teamOf()).toBeUndefined();
      const events = (await stateOf(old)).lastEventSeq;
      // Visibility is eventually consistent: reindex until the case has been found and asked.
      let reindexed = await saksflyt(['reindex']);
      for (let attempt = 0; attempt < 30 && !/asked 1 running case/.test(reindexed.stdout); attempt++)
        reindexed = await saksflyt(['reindex']);
      expect(reindexed).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/^asked 1 running case to set their search attributes\n/),
      });
      await handle.query(stateQuery);
      expect(await teamOf()).toBe('registration');
      expect((await stateOf(old)).lastEventSeq).toBe(events);
    });
  }, 120_000);

  it('assigns cases, hands one on and returns it to a queue, each as the --as user', async () => {
    for (const duf of cases) {
      const taken = await saksflyt(['assign', duf, 'kari', '--as', 'kari']);
      expect(taken).toMatchObject({ status: 0, stdout: `case ${duf} is held by kari (registration)\n` });
    }
    expect(await stateOf(FIRST)).toMatchObject({ assignee: 'kari', team: 'registration' });
    const handed = await saksflyt(['assign', FIRST, 'admin', '--as', 'kari']);
    expect(handed).toMatchObject({ status: 0, stdout: `case ${cases[0]} is held by admin (registration)\n` });
    const returned = await saksflyt(['assign', FIRST, '--return', '--team', 'dublin-unit', '--as', 'admin']);
    expect(returned).toMatchObject({
      status: 0,
      stdout: `case ${cases[0]} is in the queue of dublin-unit\n`,
    });
    expect(await stateOf(FIRST)).toMatchObject({ assignee: null, team: 'dublin-unit' });
  });

  it("lists a person's open cases, nearest deadline then the oldest, as JSON and as a table", async () => {
    const held = cases.slice(1);
    let listed: { dufNumber: string; lodgedAt: string; nextDeadline: string | null }[] = [];
    // Visibility is eventually consistent: ask until both held cases show.
    for (let attempt = 0; attempt < 30 && listed.length !== held.length; attempt++) {
      const mine = await saksflyt(['mine', '--as', 'kari', '--json']);
      expect(mine.status).toBe(0);
      listed = JSON.parse(mine.stdout);
    }
    expect(listed.map((row) => row.dufNumber).sort()).toEqual([...held].sort());
    const key = (row: (typeof listed)[number]) => `${row.nextDeadline ?? '9999'} ${row.lodgedAt}`;
    expect(listed.map(key)).toEqual(listed.map(key).sort());
    const table = await saksflyt(['mine', '--as', 'kari']);
    expect(table.stdout.split('\n')[0]).toMatch(/^DUF number\s+status\s+team\s+next deadline\s+lodged$/);
    expect(table.stdout).toContain(held[0]);
  });

  it.each([
    ['an unknown assignee', ['assign', SECOND, 'nobody', '--as', 'admin'], /assignee: no user nobody/],
    [
      'a disabled assignee',
      ['assign', SECOND, 'ola', '--as', 'admin'],
      /assignee: ola's account is disabled/,
    ],
    [
      'an auditor as assignee',
      ['assign', SECOND, 'revisor', '--as', 'admin'],
      /assignee: revisor is an auditor/,
    ],
    [
      'an unknown team',
      ['assign', SECOND, '--return', '--team', 'night-shift', '--as', 'admin'],
      /team: no team night-shift/,
    ],
    [
      'an auditor acting',
      ['assign', SECOND, 'kari', '--as', 'revisor'],
      /--as revisor: revisor is an auditor/,
    ],
    ['both an assignee and --return', ['assign', SECOND, 'kari', '--return', '--as', 'admin'], /not both/],
    [
      'a disabled account acting',
      ['assign', SECOND, '--return', '--as', 'ola'],
      /--as ola: ola's account is disabled/,
    ],
  ])('refuses %s in one line, exit 1, and changes nothing', async (_case, args, message) => {
    const before = await stateOf(SECOND);
    const refused = await saksflyt(args);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(message);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(await stateOf(SECOND)).toEqual(before);
  });

  it('names who holds a case when a caseworker may not take it', async () => {
    const users = new UserStore(server.dataDir);
    await users.add('per', 'caseworker', PASSWORD);
    const before = await stateOf(SECOND);
    const refused = await saksflyt(['assign', SECOND, 'per', '--as', 'per']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/held by kari.*ask kari or an admin to hand it on/);
    expect(await stateOf(SECOND)).toEqual(before);
  });
});
