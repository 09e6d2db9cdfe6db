import { cliOn } from './__fixtures__/cli-process';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { createActivities } from '@saksflyt/activities';
import { caseExport, caseExportPdf, CaseSource, FileCaseArchive, openAnchors } from '@saksflyt/audit';
import { pdfText } from '@saksflyt/audit/testing';
import { CASEWORKER, interviewed, Scenario, anApplication } from '@saksflyt/domain/testing';
import { loadSettings } from '@saksflyt/temporal';
import {
  createTestWorker,
  startTestDevServer,
  TEST_ENCRYPTION_KEYS,
  temporalCli,
  testArchiveKeys,
  testDataConverter,
  type TestDevServer,
} from '@saksflyt/testing';
import { caseWorkflowId, commandUpdates } from '@saksflyt/workflows';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { demoCases, seedDemo } from '@saksflyt/workflows/demo';
import { type AuditContext, replayCases, reviewCases, verifyCases } from './audit.command';

const CLOSED = ['collective-protection-granted', 'protection-granted', 'dismissed'];

describe('auditing cases for years: archive, export, replay and verify', () => {
  let server: TestDevServer;
  let worker: Worker;
  let running: Promise<void>;
  let archive: FileCaseArchive;
  let context: AuditContext;
  const cli = cliOn(() => server);
  const demo = demoCases(12, new Date(), 5);
  const closedCases = demo
    .filter((entry) => CLOSED.includes(entry.expectedStatus))
    .map((entry) => entry.application.dufNumber);

  beforeAll(async () => {
    server = await startTestDevServer();
    const settings = loadSettings({
      TEMPORAL_ADDRESS: server.address,
      SAKSFLYT_DATA_DIR: server.dataDir,
      SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    });
    archive = new FileCaseArchive(path.join(server.dataDir, 'archive'), testArchiveKeys);
    worker = await createTestWorker({
      connection: server.connection,
      taskQueue: settings.temporal.taskQueue,
      workflowsPath: require.resolve('@saksflyt/workflows'),
      activities: createActivities({ dataDir: server.dataDir, archive: { client: server.client, archive } }),
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
    await seedDemo(
      server.client,
      { taskQueue: settings.temporal.taskQueue, policyProfile: 'standard' },
      12,
      5,
    );
    // Closed cases are archived by a child workflow once their history is complete.
    for (
      let attempt = 0;
      attempt < 100 && (await archive.dufNumbers()).length < closedCases.length;
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 180_000);

  /** What Temporal's retention does to a closed case, done now with the CLI (which asks to confirm). */
  async function deleteFromTemporal(duf: string): Promise<void> {
    const deleted = spawnSync(
      (await temporalCli()).path,
      ['workflow', 'delete', '--workflow-id', caseWorkflowId(duf), '--address', server.address],
      {
        input: 'y\n',
        encoding: 'utf8',
      },
    );
    expect(deleted.status).toBe(0);
    // The server deletes asynchronously: about half a minute on the dev server.
    for (let attempt = 0; attempt < 180; attempt++) {
      const gone = await server.client.workflow
        .getHandle(caseWorkflowId(duf))
        .describe()
        .then(
          () => false,
          () => true,
        );
      if (gone) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`case ${duf} is still in Temporal`);
  }

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await server?.stop();
  });

  it('archives every closed case on its own, with its history and events', async () => {
    expect((await archive.dufNumbers()).sort()).toEqual([...closedCases].sort());
    const record = await archive.latest(closedCases[0] ?? '');
    expect(record?.runs.length).toBeGreaterThanOrEqual(1);
    expect(record?.state.closed).toBe(true);
    // The archived history runs up to the archiving step itself, the case's last.
    expect(JSON.stringify(record?.runs.at(-1)?.history)).toContain('"name":"archiveCase"');
  });

  it('exports every main path as JSON and PDF: timeline, decisions with policy version, deadlines', async () => {
    for (const entry of demo) {
      const record = await context.source.record(entry.application.dufNumber);
      const exported = caseExport(record);
      expect(exported.status).toBe(entry.expectedStatus);
      // Every event is on the timeline: the opening, each step, and what the system did (deadlines, deliveries).
      expect(exported.timeline.map((event) => event.seq)).toEqual(record.events.map((event) => event.seq));
      expect(record.events.filter((event) => event.actor.role !== 'system')).toHaveLength(entry.steps.length);
      const pdf = await caseExportPdf(record, { language: 'nb', archive: undefined });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const rejected = demo.find((entry) => entry.expectedStatus === 'rejected');
    const record = caseExport(await context.source.record(rejected?.application.dufNumber ?? ''));
    expect(record.decisions.find((decision) => decision.type === 'DecisionMade')?.details).toMatchObject({
      grounds: expect.any(String),
      policyVersion: 'NO-UKR-2025-01-13',
    });
    expect(record.deadlines).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'appeal', outcome: 'running' })]),
    );
  });

  it('exports to standard output with --out -, and answers a case that does not exist in one line, exit 1', async () => {
    const duf = demo[0]?.application.dufNumber ?? '';
    const exported = await cli(['audit', 'export', duf, '--out', '-']);
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ dufNumber: duf });
    expect(exported.stderr).toContain(`exported case ${duf}`);
    const missing = await cli(['audit', 'export', '202600000000']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')[0]).toMatch(
      /no case 202600000000, neither in Temporal nor in the archive/,
    );
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    // The PDF case file in the language asked for (nb by default); a language it is not made in is refused.
    const englishFile = path.join(server.dataDir, `case-${duf}-en.pdf`);
    const english = await cli([
      'audit',
      'export',
      duf,
      '--format',
      'pdf',
      '--lang',
      'en',
      '--out',
      englishFile,
    ]);
    expect(english.status).toBe(0);
    expect(pdfText(readFileSync(englishFile))).toContain('Case file');
    expect(pdfText(readFileSync(englishFile))).not.toContain('Saksmappe');
    const ukrainian = await cli(['audit', 'export', duf, '--format', 'pdf', '--lang', 'uk']);
    expect(ukrainian.status).not.toBe(0);
    expect(ukrainian.stderr).toMatch(/--lang.*uk.*nb, en/);
  }, 60_000);

  it('replays and verifies every case, open and closed', async () => {
    const dufNumbers = demo.map((entry) => entry.application.dufNumber);
    expect(await replayCases(context, dufNumbers)).toEqual({ replayed: 12, failed: [] });
    expect(await verifyCases(context)).toMatchObject({ cases: 12, problems: [] });
  }, 120_000);

  it('still exports and replays a case deleted from Temporal, from the archive', async () => {
    const duf = closedCases[0] ?? '';
    await deleteFromTemporal(duf);
    const record = await context.source.record(duf);
    expect(record.source).toBe('archive');
    expect(caseExport(record).closed).toBe(true);
    expect(await replayCases(context, [duf])).toEqual({ replayed: 1, failed: [] });
  }, 150_000);

  it('exports and replays a long case of hundreds of events across continue-as-new', async () => {
    const [application] = demoCases(1, new Date(), 99);
    if (!application) throw new Error('no demo case');
    const handle = await startProtectionCase(
      server.client,
      application.application,
      context.settings.temporal.taskQueue,
      {
        historyLengthLimit: 120,
      },
    );
    for (let round = 0; round < 200; round++) {
      await handle.executeUpdate<unknown, [unknown]>(commandUpdates.updateContactInfo.name, {
        args: [{ actor: CASEWORKER, contact: { email: `change${round}@example.org` } }],
      });
    }
    const duf = application.application.dufNumber;
    const { runs } = await context.source.runs(duf);
    expect(runs.length).toBeGreaterThan(2);
    const exported = caseExport(await context.source.record(duf));
    expect(exported.timeline).toHaveLength(201);
    expect(await replayCases(context, [duf])).toEqual({ replayed: 1, failed: [] });
  }, 180_000);

  it('reports a history from a different workflow and a tampered archive as failures, not crashes', async () => {
    // The case deleted from Temporal above (deleted here when this test runs alone): only the archive has it.
    const duf = closedCases[0] ?? '';
    const stillInTemporal = await server.client.workflow
      .getHandle(caseWorkflowId(duf))
      .describe()
      .then(
        () => true,
        () => false,
      );
    if (stillInTemporal) await deleteFromTemporal(duf);
    const chain = path.join(archive.directory, 'chain.jsonl');
    const original = readFileSync(chain, 'utf8');
    // A foreign history: the archived runs of this case claim another workflow type.
    const tampered = original
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const record = JSON.parse(line) as {
          dufNumber: string;
          runs: {
            history: {
              events: { workflowExecutionStartedEventAttributes?: { workflowType: { name: string } } }[];
            };
          }[];
        };
        if (record.dufNumber !== duf) return line;
        for (const run of record.runs) {
          const started = run.history.events[0]?.workflowExecutionStartedEventAttributes;
          if (started) started.workflowType.name = 'somethingElse';
        }
        return JSON.stringify(record);
      });
    writeFileSync(chain, `${tampered.join('\n')}\n`);
    const replay = await replayCases(context, [duf]);
    expect(replay.failed).toEqual([expect.objectContaining({ dufNumber: duf })]);
    const verified = await verifyCases(context);
    expect(verified.problems.some((problem) => problem.startsWith('archive record'))).toBe(true);

    const run = await cli(['audit', 'verify']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/PROBLEM archive record \d+: its content does not match its hash/);
    writeFileSync(chain, original);
  }, 120_000);

  it("lists the first release's cases the law asks to look at again (audit review), and none of today's", async () => {
    // A first-release case as the archive would hold it: rejected, and dismissed when the applicant left Norway.
    const old = interviewed(new Scenario(anApplication({ dufNumber: '202300000001' }), undefined, 1))
      .send('decide', { outcome: 'rejected', grounds: 'no risk on return' })
      .send('reportLeftNorway', { detectedAt: '2026-12-20T10:00:00+01:00' });
    const oldArchive = new FileCaseArchive(
      path.join(server.dataDir, 'archive-of-the-first-release'),
      testArchiveKeys,
    );
    await oldArchive.append({
      reason: 'case-closed',
      workflowId: 'case-202300000001',
      dufNumber: '202300000001',
      key: 'case-202300000001:closed',
      runs: [],
      events: old.events,
      state: old.state,
    });
    const review = await reviewCases({ source: new CaseSource(server.client, oldArchive) });
    expect(review.problems).toEqual([]);
    expect(review.findings).toEqual([
      {
        dufNumber: '202300000001',
        finding: 'dismissed-after-a-decision',
        message: expect.stringContaining('departure'),
      },
    ]);
  }, 120_000);
});
