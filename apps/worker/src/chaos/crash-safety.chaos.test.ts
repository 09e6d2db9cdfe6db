// `npm run test:chaos`: many cases at once, through every outbound integration, while the worker and the Temporal
// server are killed under them. Left out of `npm test` (it takes minutes); `.ci/run` runs it after.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  CaseProjection,
  openArchive,
  startEmbeddedProjectionStore,
  type EmbeddedProjectionStore,
} from '@saksflyt/audit';
import type { CaseEvent } from '@saksflyt/domain';
import { freePort, repoRoot } from '@saksflyt/temporal';
import {
  startTestDevServer,
  testArchiveKeys,
  testDataConverter as dataConverter,
  testWorkflowBundle,
  type TestDevServer,
} from '@saksflyt/testing';
import { eventsQuery, stateQuery } from '@saksflyt/workflows';
import { CaseDriver, caseRun, type CaseRun } from './case-driver';
import { CASE_PATHS, CHAOS_ACTOR, chaosApplication, EVENT_OF_COMMAND, pathOfCase } from './case-paths';
import { tallyDeliveries } from './delivery-tally';
import { auditHistory, type HistoryAudit, replayProblems } from './history-audit';
import { checkProjection } from './projection-check';
import { startChaosReceivers, type ChaosReceivers } from './receivers';
import { SupervisedWorker } from '../__fixtures__/supervised-worker';
import { chaosWorkerEnvironment } from './worker-environment';

const CASES = casesToRun(process.env.SAKSFLYT_CHAOS_CASES);
const TASK_QUEUE = 'protection-cases';
const MAIL_FROM = '"UDI" <noreply@udi.no>';
/** Out of 100 first deliveries, how many lose their acknowledgement, so that redelivery is tested on every run. */
const DROPPED_ACKNOWLEDGEMENT_PERCENT = 3;
/**
 * When to strike, as the share of expected deliveries received so far: spread over the run whatever the machine's
 * speed, and each after the system has shown it recovered from the one before.
 */
const DISRUPTIONS: { atShare: number; target: 'worker' | 'server' }[] = [
  { atShare: 0.1, target: 'worker' },
  { atShare: 0.35, target: 'worker' },
  { atShare: 0.6, target: 'server' },
  { atShare: 0.85, target: 'worker' },
];
/** How far apart the cases start: all of them within the first 25 s. */
const CASE_START_SPACING_MS = 250;
/** Long enough that clients and the worker meet a refused connection, not a blip. */
const SERVER_DOWN_MS = 3_000;
const WORKER_DOWN_MS = 1_000;

function casesToRun(raw: string | undefined): number {
  const cases = raw === undefined || raw === '' ? 100 : Number(raw);
  if (!Number.isInteger(cases) || cases < CASE_PATHS.length) {
    throw new Error(
      `SAKSFLYT_CHAOS_CASES must be a whole number of at least ${CASE_PATHS.length} (one case per path)`,
    );
  }
  return cases;
}

/** Runs `work` over `items`, `size` at a time: reading every case at once would swamp a two-core machine. */
async function inBatches<Item, Result>(
  items: Item[],
  size: number,
  work: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}

/** Median and 95th percentile, in seconds. */
function percentiles(ms: number[]): { median: number; p95: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (share: number) => (sorted[Math.floor(share * (sorted.length - 1))] ?? 0) / 1000;
  return { median: at(0.5), p95: at(0.95) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(call: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await sleep(500);
    }
  }
}

describe('crash safety', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-chaos-'));
  const secrets = {
    police: 'police-secret',
    une: 'une-secret',
    dublinUnit: 'dublin-secret',
    lawyerScheme: 'lawyer-secret',
  };
  const smsToken = 'sms-gateway-token';
  let server: TestDevServer | undefined;
  let receivers: ChaosReceivers | undefined;
  let projectionStore: EmbeddedProjectionStore | undefined;
  let worker: SupervisedWorker | undefined;
  let client: Client | undefined;
  let passed = false;

  afterAll(async () => {
    await worker?.stop();
    await projectionStore?.stop();
    await client?.connection.close();
    await server?.stop();
    await receivers?.close();
    if (passed) rmSync(scratch, { recursive: true, force: true });
    else
      console.error(
        `chaos: the run's files (worker log, SQLite, outbox, projection store) are kept in ${scratch}`,
      );
  });

  it(
    `keeps ${CASES} cases whole through ${DISRUPTIONS.length} kills: every update, every delivery once`,
    async () => {
      const startedAt = Date.now();
      const port = await freePort();
      server = await startTestDevServer({ dataDir: scratch, port });
      receivers = await startChaosReceivers({
        secrets,
        smsToken,
        droppedAcknowledgementPercent: DROPPED_ACKNOWLEDGEMENT_PERCENT,
      });
      // The embedded projection store, as `npm start` runs it by default: PGlite, its files in the data folder, over
      // the PostgreSQL protocol. The run kills the worker and Temporal, not the store.
      const projectionLog = path.join(scratch, 'projection.log');
      projectionStore = await startEmbeddedProjectionStore({
        port: await freePort(),
        folder: path.join(scratch, 'projection'),
        onOutput: (line) => appendFileSync(projectionLog, `${line}\n`),
      });
      const bundle = await testWorkflowBundle(require.resolve('@saksflyt/workflows'));
      const workflowBundle = path.join(scratch, 'workflow-bundle.js');
      writeFileSync(workflowBundle, bundle.code);
      worker = new SupervisedWorker(
        chaosWorkerEnvironment({
          temporalAddress: server.address,
          dataDir: scratch,
          workflowBundle,
          receivers,
          secrets,
          smsToken,
          mailFrom: MAIL_FROM,
          projectionUrl: projectionStore.url,
        }),
        path.join(scratch, 'worker.log'),
      );
      await worker.start();
      // One client for the whole run, as the API keeps one: it must find the server again after the restart.
      client = new Client({
        connection: await Connection.connect({ address: server.address }),
        dataConverter,
      });

      const runs = Array.from({ length: CASES }, (_unused, index) =>
        caseRun(chaosApplication(index, new Date()), pathOfCase(index)),
      );
      const expectedDeliveries = runs.reduce((sum, run) => sum + run.path.expectedDeliveries.length, 0);
      const received = () => new Set(receivers?.attempts.map((a) => `${a.channel} ${a.key}`)).size;

      // The driver watches for the events it waits on in the projection, as a caseworker's screen does (issue 17).
      const watched = new CaseProjection(projectionStore.url);
      const driver = new CaseDriver(client, {
        taskQueue: TASK_QUEUE,
        caseTimeoutMs: 8 * 60_000,
        projection: watched,
      });
      let driving = true;
      // The cases start a little apart (each lodged when it starts): a hundred at the same instant, each change now
      // also written to the projection, left some too late for a 21 s window on two cores (issue 17).
      const driven = Promise.allSettled(
        runs.map(async (planned, index) => {
          await sleep(index * CASE_START_SPACING_MS);
          const run = caseRun(chaosApplication(index, new Date()), planned.path);
          runs[index] = run;
          await driver.drive(run);
        }),
      ).finally(() => {
        driving = false;
        void watched.close();
      });

      /** Whether the case answers a query within a couple of seconds: the server is up and a worker polls. */
      const answers = async (workflowId: string): Promise<boolean> => {
        const query = (client as Client).workflow.getHandle(workflowId).query(stateQuery);
        const timeout = sleep(2_000).then(() => false);
        return Promise.race([query.then(() => true), timeout]).catch(() => false);
      };

      let serverKills = 0;
      const killServer = async () => {
        const running = server as TestDevServer;
        running.server.kill();
        await running.server.exited;
        await Promise.allSettled([running.client.connection.close(), running.connection.close()]);
        serverKills += 1;
        await sleep(SERVER_DOWN_MS);
        // The same SQLite file and port: to its clients and the worker, the same server come back.
        server = await startTestDevServer({ dataDir: scratch, port });
      };
      const killWorker = async () => {
        await worker?.kill();
        await sleep(WORKER_DOWN_MS);
        await worker?.start();
      };
      const timeline: { disruption: string; atSeconds: number; received: number }[] = [];
      const disruptions = (async () => {
        for (const disruption of DISRUPTIONS) {
          while (driving && received() < disruption.atShare * expectedDeliveries) await sleep(200);
          if (!driving) return;
          const releaseDeadlineWindows = await driver.holdDeadlineWindows();
          timeline.push({
            disruption: disruption.target,
            atSeconds: Math.round((Date.now() - startedAt) / 1000),
            received: received(),
          });
          try {
            await (disruption.target === 'worker' ? killWorker() : killServer());
            // Windows open again once the system works again, not merely once its processes are back: it delivers,
            // or a case answers a query (with every case left waiting for a window, nothing may be left to deliver).
            const before = received();
            while (driving && received() === before && !(await answers(runs[0]?.workflowId ?? '')))
              await sleep(100);
          } finally {
            releaseDeadlineWindows();
          }
        }
      })();

      const outcomes = await driven;
      await disruptions;
      const driveErrors = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [String((outcome.reason as Error).message ?? outcome.reason)] : [],
      );

      const activeClient = client;
      const checked = await inBatches(runs, 10, async (run) => ({
        run,
        events: await eventually(
          () => activeClient.workflow.getHandle(run.workflowId).query(eventsQuery),
          20_000,
        ).catch(() => [] as CaseEvent[]),
        audit: run.firstRunId
          ? await eventually(() => auditHistory(activeClient, run.workflowId, run.firstRunId as string))
          : undefined,
      }));

      const stateProblems = checked.flatMap(({ run }) =>
        run.finalState?.status === run.path.expectedStatus && run.finalState.closed
          ? []
          : [
              `${run.workflowId} (${run.path.name}): ended ${run.finalState?.status ?? 'unfinished'}, expected ${run.path.expectedStatus}`,
            ],
      );
      const eventProblems = checked.flatMap(({ run, events }) => caseEventProblems(run, events));
      const historyProblems = checked.flatMap(({ run, audit }) => historyProblemsOf(run, audit));
      const audits = checked.flatMap(({ audit }) => (audit ? [audit] : []));
      const unreplayable = await replayProblems(
        bundle,
        audits.flatMap((audit) => audit.histories),
      );
      const tally = tallyDeliveries(
        checked.map(({ run, events }) => ({
          workflowId: run.workflowId,
          dufNumber: run.application.dufNumber,
          path: run.path,
          events,
        })),
        receivers.attempts,
        receivers.refused,
        MAIL_FROM,
      );
      const archive = openArchive(scratch, undefined, testArchiveKeys);
      const archiveCheck = await archive.verify();
      const archived = new Set(await archive.dufNumbers());
      await archive.close();
      const unarchived = runs
        .filter((run) => !archived.has(run.application.dufNumber))
        .map((run) => run.workflowId);
      // Every case's read model must be its workflow's events and their fold, with nothing left waiting on a gap.
      const projection = new CaseProjection(projectionStore.url);
      const projectionCheck = await checkProjection(
        projection,
        checked.map(({ run, events }) => ({
          workflowId: run.workflowId,
          dufNumber: run.application.dufNumber,
          events,
        })),
      ).finally(() => projection.close());

      const figures = {
        cases: CASES,
        paths: CASE_PATHS.length,
        casesInExpectedState: CASES - stateProblems.length,
        updatesAccepted: runs.reduce((sum, run) => sum + run.accepted.length, 0),
        callsRetried: runs.reduce((sum, run) => sum + run.retriedCalls, 0),
        workerKills: worker.kills,
        serverKills,
        workerUnplannedExits: worker.unplannedExits,
        expectedDeliveries: tally.expected,
        deliveries: tally.delivered,
        rawAttempts: tally.rawAttempts,
        redeliveriesAbsorbed: tally.redeliveriesAbsorbed,
        droppedAcknowledgements: tally.droppedAcknowledgements,
        lost: tally.lost,
        duplicates: tally.duplicates,
        unexpected: tally.unexpected,
        refused: tally.refused,
        workflowTaskFailures: audits.reduce((sum, audit) => sum + audit.workflowTaskFailures.length, 0),
        workflowTaskTimeouts: audits.reduce((sum, audit) => sum + audit.workflowTaskTimeouts, 0),
        workflowTaskSeconds: percentiles(audits.flatMap((audit) => audit.workflowTaskMs)),
        activityRetries: audits.reduce((sum, audit) => sum + audit.activityRetries, 0),
        unreplayableHistories: unreplayable.length,
        archived: archived.size,
        projected: projectionCheck.projected,
        projectionMismatches: projectionCheck.mismatches,
        projectionWaiting: projectionCheck.waiting,
        seconds: Math.round((Date.now() - startedAt) / 1000),
        timeline,
        slowestCases: [...runs]
          .sort((a, b) => (b.steps.at(-1)?.atMs ?? 0) - (a.steps.at(-1)?.atMs ?? 0))
          .slice(0, 3)
          .map((run) => ({ case: run.workflowId, path: run.path.name, steps: run.steps })),
      };
      const report = path.join(repoRoot(), 'reports', 'chaos.json');
      mkdirSync(path.dirname(report), { recursive: true });
      writeFileSync(
        report,
        `${JSON.stringify({ finishedAt: new Date().toISOString(), ...figures }, null, 2)}\n`,
      );
      console.log(
        `chaos: ${figures.cases} cases, ${figures.updatesAccepted} updates accepted (${figures.callsRetried} calls retried), ` +
          `worker kills ${figures.workerKills}, server kills ${figures.serverKills}, ` +
          `deliveries ${figures.deliveries}/${figures.expectedDeliveries}, raw attempts ${figures.rawAttempts}, ` +
          `redeliveries absorbed ${figures.redeliveriesAbsorbed}, lost ${figures.lost}, duplicates ${figures.duplicates}, ` +
          `workflow task failures ${figures.workflowTaskFailures}, projected ${figures.projected}, ` +
          `projection mismatches ${figures.projectionMismatches}, projection events waiting ${figures.projectionWaiting}, ` +
          `${figures.seconds} s (figures in ${path.relative(repoRoot(), report)})`,
      );

      expect(driveErrors).toEqual([]);
      expect(stateProblems).toEqual([]);
      expect(eventProblems).toEqual([]);
      expect(historyProblems).toEqual([]);
      expect(unreplayable).toEqual([]);
      expect(tally.problems).toEqual([]);
      expect({ lost: tally.lost, duplicates: tally.duplicates, unexpected: tally.unexpected }).toEqual({
        lost: 0,
        duplicates: 0,
        unexpected: 0,
      });
      // Every acknowledgement withheld must have been answered by a retry under the same key.
      expect(tally.redeliveriesAbsorbed).toBeGreaterThanOrEqual(tally.droppedAcknowledgements);
      expect({ workerKills: figures.workerKills, serverKills: figures.serverKills }).toEqual({
        workerKills: DISRUPTIONS.filter((d) => d.target === 'worker').length,
        serverKills: DISRUPTIONS.filter((d) => d.target === 'server').length,
      });
      expect(archiveCheck.problems).toEqual([]);
      expect(unarchived).toEqual([]);
      expect(projectionCheck.problems).toEqual([]);
      expect({
        projected: projectionCheck.projected,
        mismatches: projectionCheck.mismatches,
        waiting: projectionCheck.waiting,
      }).toEqual({ projected: CASES, mismatches: 0, waiting: 0 });
      passed = true;
    },
    15 * 60_000,
  );
});

/**
 * The case's own record must hold each accepted command exactly once, in the order sent, and nothing the run did
 * not ask for: no refused signal, no side effect given up on.
 */
function caseEventProblems(run: CaseRun, events: CaseEvent[]): string[] {
  if (events.length === 0) return [`${run.workflowId}: its events could not be read`];
  const recorded = events.filter((event) => event.actor.id === CHAOS_ACTOR.id).map((event) => event.type);
  const sent = run.accepted.map((command) => EVENT_OF_COMMAND[command.command]);
  const problems =
    JSON.stringify(recorded) === JSON.stringify(sent)
      ? []
      : [`${run.workflowId}: events ${recorded.join(',')} for the accepted commands ${sent.join(',')}`];
  for (const event of events) {
    if (event.type === 'EffectFailed' || event.type === 'CommandRejected') {
      problems.push(`${run.workflowId}: ${event.type} ${JSON.stringify(event.data)}`);
    }
  }
  return problems;
}

/** Each accepted update once in the history, accepted and completed; no workflow task failed. */
function historyProblemsOf(run: CaseRun, audit: HistoryAudit | undefined): string[] {
  if (!audit) return [`${run.workflowId}: never started`];
  const problems = [...audit.workflowTaskFailures];
  for (const { updateId } of run.accepted) {
    const completed = audit.completed.get(updateId);
    if (audit.accepted.get(updateId) !== 1 || completed?.times !== 1 || completed.failed) {
      problems.push(
        `${updateId}: accepted ${audit.accepted.get(updateId) ?? 0}×, completed ${completed?.times ?? 0}×${completed?.failed ? ' (failed)' : ''}`,
      );
    }
  }
  const known = new Set(run.accepted.map((command) => command.updateId));
  for (const updateId of audit.accepted.keys()) {
    if (!known.has(updateId)) problems.push(`${updateId}: in the history, but never answered to the driver`);
  }
  return problems;
}
