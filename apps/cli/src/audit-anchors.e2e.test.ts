import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '@saksflyt/activities';
import {
  ARCHIVE_HEAD_WORKFLOW_ID,
  type ArchiveRecord,
  ArchiveRecordError,
  caseExport,
  CaseSource,
  FileCaseArchive,
  macOf,
  openAnchors,
  TemporalHeadAnchor,
} from '@saksflyt/audit';
import { anApplication, interviewed, Scenario } from '@saksflyt/domain/testing';
import { loadSettings, repoRoot } from '@saksflyt/temporal';
import {
  createTestWorker,
  startTestDevServer,
  TEST_ENCRYPTION_KEYS,
  testArchiveKeys,
  testDataConverter,
  type TestDevServer,
} from '@saksflyt/testing';
import { archiveHeadQuery } from '@saksflyt/workflows';
import { type AuditContext, verifyCases } from './audit.command';

const DUF_NUMBERS = ['202440000001', '202440000002', '202440000003'];

/** A rejected case as the archive holds it once Temporal's retention has deleted it. */
function archivedCase(dufNumber: string) {
  const { events, state } = interviewed(new Scenario(anApplication({ dufNumber }))).send('decide', {
    outcome: 'rejected',
    grounds: 'no risk on return',
  });
  return {
    reason: 'case-closed' as const,
    workflowId: `case-${dufNumber}`,
    dufNumber,
    key: `case-${dufNumber}:closed`,
    runs: [],
    events,
    state,
  };
}

/**
 * The archive's head outside it, end to end: `audit verify` against a real Temporal dev server publishes the head to
 * the head file and the archiveHead workflow, and reports a chain rewritten after that, even one rewritten with
 * the archive key. Only archived cases: Temporal holds none (as after its retention).
 */
describe('the archive head in Temporal and in the head file: audit verify publishes and compares', () => {
  let server: TestDevServer;
  let worker: Worker;
  let running: Promise<void>;
  let archive: FileCaseArchive;
  let context: AuditContext;
  let settings: ReturnType<typeof loadSettings>;
  const env = () => ({
    TEMPORAL_ADDRESS: server.address,
    SAKSFLYT_DATA_DIR: server.dataDir,
    SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
  });
  const chainFile = () => path.join(archive.directory, 'chain.jsonl');

  beforeAll(async () => {
    server = await startTestDevServer();
    settings = loadSettings(env());
    archive = new FileCaseArchive(path.join(server.dataDir, 'archive'), testArchiveKeys);
    worker = await createTestWorker({
      connection: server.connection,
      taskQueue: settings.temporal.taskQueue,
      workflowsPath: require.resolve('@saksflyt/workflows'),
      activities: createActivities({ dataDir: server.dataDir }),
    });
    running = worker.run();
    context = {
      settings,
      client: server.client,
      dataConverter: testDataConverter,
      archive,
      archiveKeys: testArchiveKeys,
      anchors: openAnchors({
        anchorFile: settings.archiveHead.file,
        client: server.client,
        taskQueue: settings.temporal.taskQueue,
      }),
      source: new CaseSource(server.client, archive),
    };
    for (const duf of DUF_NUMBERS) await archive.append(archivedCase(duf));
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await server?.stop();
  });

  it('publishes the head to the head file and to the archiveHead workflow, whose history keeps it', async () => {
    const report = await verifyCases(context);
    expect(report).toMatchObject({
      cases: 3,
      problems: [],
      published: {
        count: 3,
        to: [
          `the head file ${settings.archiveHead.file}`,
          `the Temporal workflow ${ARCHIVE_HEAD_WORKFLOW_ID}`,
        ],
      },
    });
    expect(report.notes).toEqual([expect.stringContaining('no head of the archive was published before')]);
    const heads = readFileSync(settings.archiveHead.file, 'utf8').split('\n').filter(Boolean);
    expect(heads.map((line) => JSON.parse(line) as { count: number })).toEqual([
      expect.objectContaining({ count: 3, by: expect.stringMatching(/^audit verify /) }),
    ]);
    const temporal = await new TemporalHeadAnchor(server.client, {
      taskQueue: settings.temporal.taskQueue,
    }).read();
    expect(temporal.heads).toEqual([expect.objectContaining({ count: 3, hash: report.published?.hash })]);
    // The workflow itself took it as its latest head.
    const handle = server.client.workflow.getHandle(ARCHIVE_HEAD_WORKFLOW_ID);
    for (let attempt = 0; attempt < 50; attempt++) {
      const state = await handle.query(archiveHeadQuery).catch(() => undefined);
      if (state?.latest) {
        expect(state.latest).toMatchObject({ count: 3 });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Nothing moved: a second verify publishes nothing new.
    expect(await verifyCases(context)).toMatchObject({ problems: [], published: { count: 3, to: [] } });
  }, 60_000);

  it('refuses a tampered record read through the case source (export, replay), naming it', async () => {
    const original = readFileSync(chainFile(), 'utf8');
    try {
      writeFileSync(chainFile(), original.replace('no risk on return', 'risk on return!'));
      await expect(context.source.record(DUF_NUMBERS[0] ?? '')).rejects.toThrow(ArchiveRecordError);
      await expect(context.source.record(DUF_NUMBERS[0] ?? '')).rejects.toThrow(
        /^archive record 0 \(case 202440000001\) its content does not match its hash/,
      );
      await expect(context.source.runs(DUF_NUMBERS[0] ?? '')).rejects.toThrow(ArchiveRecordError);
      // The others are still served.
      expect(caseExport(await context.source.record(DUF_NUMBERS[1] ?? '')).source).toBe('archive');
    } finally {
      writeFileSync(chainFile(), original);
    }
  });

  it('a chain rewritten after publication with the archive key is reported by both anchors, then by Temporal alone', async () => {
    const original = readFileSync(chainFile(), 'utf8');
    const originalHead = readFileSync(path.join(archive.directory, 'head.json'), 'utf8');
    try {
      // Whoever holds the key rewrites record 1's decision and re-keys it and every later record, and head.json.
      const records = original
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ArchiveRecord);
      let previous = records[0]?.hash ?? '';
      const rewritten = records.map((record, index) => {
        if (index === 0) return record;
        const { hash: _hash, ...content } = record;
        const decision = content.events.find((event) => event.type === 'DecisionMade');
        // The events and the state alike, so that folding still agrees.
        if (index === 1 && decision && content.state.decision) {
          (decision.data as { grounds: string }).grounds = 'granted after all';
          (content.state.decision as { grounds: string }).grounds = 'granted after all';
        }
        const resealed = { ...content, prevHash: previous };
        previous = macOf(resealed, testArchiveKeys.current.key);
        return { ...resealed, hash: previous };
      });
      writeFileSync(chainFile(), rewritten.map((record) => `${JSON.stringify(record)}\n`).join(''));
      writeFileSync(
        path.join(archive.directory, 'head.json'),
        JSON.stringify({ count: 3, hash: previous, keyedFrom: 0 }),
      );
      expect((await archive.verify()).problems).toEqual([]);

      const report = await verifyCases(context);
      expect(report.published).toBeUndefined();
      expect(report.problems).toEqual([
        expect.stringMatching(
          /^archive head: the head file .*: the head published at .* \(3 records, .*\) is not in the archive: record 2 no longer has that hash .*: the chain was rewritten$/,
        ),
        expect.stringMatching(
          /^archive head: the Temporal workflow saksflyt-archive-head: the head published at .*: the chain was rewritten$/,
        ),
      ]);

      // The head file removed too (it lives where the archive's admin may reach): Temporal still holds the head.
      rmSync(settings.archiveHead.file);
      const run = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          [path.join(repoRoot(), 'apps/cli/bin/saksflyt.js'), 'audit', 'verify'],
          { env: { ...process.env, ...env() } },
          (error, stdout) =>
            resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout }),
        );
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(
        /PROBLEM archive head: the Temporal workflow saksflyt-archive-head: the head published at .* is not in the archive: record 2 no longer has that hash/,
      );
      expect(run.stdout).not.toMatch(/published the archive's head/);
    } finally {
      writeFileSync(chainFile(), original);
      writeFileSync(path.join(archive.directory, 'head.json'), originalHead);
    }
  }, 60_000);
});
