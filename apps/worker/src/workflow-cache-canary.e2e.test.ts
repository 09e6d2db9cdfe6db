// SDK UPGRADE CANARY. It asserts a defect of the Temporal SDK's core (sdk-core, in @temporalio/core-bridge 1.24.0),
// reported in docs/upstream/sdk-core-legacy-query-cache.md: with a workflow cache, a legacy (direct) query whose
// history goes past the last completed workflow task (here a fired timer) makes the worker run workflow code
// inside the query, and the commands it produced go out with the next real workflow task, in an order replay does
// not reproduce. The history then fails to replay. Without a cache the same events replay. This is why the worker's default is
// SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS=0 (docs/lifecycle.md, "The workflow cache").
//
// If this test fails after an SDK upgrade because the cached run's history now replays, the upgrade has fixed the
// defect: consider turning the workflow cache on, say so in docs/lifecycle.md, and turn this test around so it
// guards the fix.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { startTestDevServer, type TestDevServer } from '@saksflyt/testing';
import { SupervisedWorker, workerEnvironment } from './__fixtures__/supervised-worker';
import {
  canaryUpdate,
  type CanaryView,
  canaryViewQuery,
  type workflowCacheCanary,
} from './__fixtures__/workflow-cache-canary/workflow';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * How long the killed worker's sticky queue holds a task or a direct query before the server gives up on it: the
 * query sent right after the kill waits this long, then goes to the normal queue.
 */
const STICKY_SCHEDULE_TO_START_MS = 10_000;
/**
 * The workflow's timer, from the end of its first task. It must fire after the query is sent (a query is direct
 * only while no workflow task is pending), which follows the first task by well under a second. It must also fire
 * within ten seconds of the dead worker's last poll of its sticky queue, which began when that worker started:
 * after that, matching counts the sticky queue as unpolled and the timer's task goes straight to the normal queue,
 * ahead of the query. Five seconds leaves about four on either side.
 */
const TIMER_MS = 5_000;
/** Long enough for the query to wait out the dead sticky queue on two busy cores. */
const QUERY_DEADLINE_MS = 60_000;

const CANARY_WORKER_SCRIPT = path.join(
  'apps',
  'worker',
  'src',
  '__fixtures__',
  'workflow-cache-canary',
  'worker.ts',
);

interface Scenario {
  label: string;
  maxCachedWorkflows: number;
  taskQueue: string;
}

const CACHED: Scenario = { label: 'cached', maxCachedWorkflows: 10, taskQueue: 'cache-canary-cached' };
const UNCACHED: Scenario = { label: 'uncached', maxCachedWorkflows: 0, taskQueue: 'cache-canary-uncached' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the history until an event satisfies `found`. */
async function waitForEvent(
  handle: WorkflowHandle,
  found: (event: HistoryEvent) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (((await handle.fetchHistory()).events ?? []).some(found)) return;
    if (Date.now() > deadline) throw new Error(`${handle.workflowId}: no ${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** An event's type as the history's JSON names it, e.g. `upsertWorkflowSearchAttributes`. */
function eventType(event: HistoryEvent): string {
  const attributes = Object.keys(event).find((key) => key.endsWith('EventAttributes'));
  return attributes?.replace(/EventAttributes$/, '') ?? '?';
}

/** What the test did and when, in ms since worker A polled: with the history's event times, it tells a failure's cause. */
class Timeline {
  private readonly origin = Date.now();
  private readonly marks: string[] = [];

  mark(what: string): void {
    this.marks.push(`${Date.now() - this.origin} ms: ${what}`);
  }

  since(epochMs: number): number {
    return Math.round(epochMs - this.origin);
  }

  toString(): string {
    return this.marks.join('\n');
  }
}

/**
 * One line per event (time since worker A polled, id, type, the worker of a completed task, the kind of a timeout),
 * after the test's own timeline: for a failure's message.
 */
function describeHistory(history: temporal.api.history.v1.IHistory, timeline: Timeline): string {
  const events = (history.events ?? []).map((event) => {
    const identity = event.workflowTaskCompletedEventAttributes?.identity;
    const timeout = event.workflowTaskTimedOutEventAttributes?.timeoutType;
    const at = Number(event.eventTime?.seconds ?? 0) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;
    return [
      `${timeline.since(at)} ms: ${String(event.eventId)} ${eventType(event)}`,
      identity ? ` by ${identity}` : '',
      timeout ? ` (${temporal.api.enums.v1.TimeoutType[timeout]})` : '',
    ].join('');
  });
  return `test timeline:\n${timeline.toString()}\nhistory:\n${events.join('\n')}`;
}

/** A completed workflow task: who completed it and the events its commands and messages recorded, in order. */
interface CompletedTask {
  identity: string;
  recorded: string[];
}

function completedTasks(history: temporal.api.history.v1.IHistory): CompletedTask[] {
  const tasks: CompletedTask[] = [];
  let current: CompletedTask | undefined;
  for (const event of history.events ?? []) {
    if (event.workflowTaskCompletedEventAttributes) {
      current = { identity: event.workflowTaskCompletedEventAttributes.identity ?? '', recorded: [] };
      tasks.push(current);
    } else if (event.workflowTaskScheduledEventAttributes || event.timerFiredEventAttributes) {
      current = undefined;
    } else if (current) {
      current.recorded.push(eventType(event));
    }
  }
  return tasks;
}

interface Outcome {
  scenario: Scenario;
  /** The query's answer: from a run that had applied the fired timer, and not yet the Update. */
  answer: CanaryView;
  history: temporal.api.history.v1.IHistory;
  timeline: Timeline;
  /** Undefined when the history replays. */
  replayError?: Error;
}

describe('SDK upgrade canary: a workflow cache and a legacy query carrying newer history (sdk-core 1.24.0)', () => {
  let server: TestDevServer;
  let client: Client;
  let scratch: string;
  let bundleFile: string;
  const supervised: SupervisedWorker[] = [];

  beforeAll(async () => {
    server = await startTestDevServer();
    // The canary's own workflow speaks plain JSON: Saksflyt's codec has nothing to do with the defect.
    client = new Client({ connection: server.client.connection });
    scratch = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-cache-canary-'));
    const bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./__fixtures__/workflow-cache-canary/workflow'),
      logger: new DefaultLogger('WARN'),
    });
    bundleFile = path.join(scratch, 'workflow-bundle.js');
    writeFileSync(bundleFile, bundle.code);
  }, 120_000);

  afterAll(async () => {
    for (const worker of supervised.splice(0)) await worker.stop();
    await server?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('with a cache the history does not replay (TMPRL1100); without one the same scenario replays', async () => {
    const scenarios = [CACHED, UNCACHED];
    // Worker B, one per scenario, created now and run only after A is killed (pollers start with the first poll),
    // so its start-up is not in the timing. It polls the normal queue: the query reaches it, then the real task.
    const workersB = await Promise.all(
      scenarios.map((scenario) =>
        Worker.create({
          connection: server.connection,
          taskQueue: scenario.taskQueue,
          identity: `worker-b@${scenario.taskQueue}`,
          workflowBundle: { codePath: bundleFile },
          maxCachedWorkflows: scenario.maxCachedWorkflows,
        }),
      ),
    );
    const runningB: Promise<void>[] = [];
    try {
      // Worker A caches workflows and is the only one polling when they start, so each becomes sticky to it.
      const workerA = new SupervisedWorker(
        workerEnvironment({
          CANARY_TEMPORAL_ADDRESS: server.address,
          CANARY_TASK_QUEUES: scenarios.map((scenario) => scenario.taskQueue).join(','),
          CANARY_IDENTITY: 'worker-a',
          CANARY_WORKFLOW_BUNDLE: bundleFile,
          CANARY_MAX_CACHED_WORKFLOWS: '10',
          CANARY_STICKY_SCHEDULE_TO_START_TIMEOUT: `${STICKY_SCHEDULE_TO_START_MS}ms`,
        }),
        path.join(scratch, 'worker-a.log'),
        CANARY_WORKER_SCRIPT,
      );
      supervised.push(workerA);
      await workerA.start();
      const timeline = new Timeline();

      const handles = await Promise.all(
        scenarios.map((scenario) =>
          client.workflow.start<typeof workflowCacheCanary>('workflowCacheCanary', {
            taskQueue: scenario.taskQueue,
            workflowId: `cache-canary-${scenario.label}`,
            args: [TIMER_MS],
          }),
        ),
      );
      await Promise.all(
        handles.map((handle) =>
          waitForEvent(
            handle,
            (event) => !!event.workflowTaskCompletedEventAttributes,
            'first completed task',
          ),
        ),
      );
      timeline.mark('first tasks completed by A');

      // SIGKILL: A never tells the server it is gone, so the workflows stay sticky to its queue.
      await workerA.kill();
      // Sent now, with no workflow task pending, each query is direct (a legacy query task). It waits on A's dead
      // sticky queue; meanwhile the timer fires and its task waits there too, queued a few seconds later.
      const answers = handles.map((handle) =>
        client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(canaryViewQuery)),
      );
      timeline.mark('A killed, queries sent');
      answers.forEach((answer, index) =>
        answer.then(
          () => timeline.mark(`query answered (${scenarios[index]?.label})`),
          () => undefined,
        ),
      );
      runningB.push(...workersB.map((worker) => worker.run()));
      timeline.mark('B workers run');

      await Promise.all(
        handles.map((handle) =>
          waitForEvent(
            handle,
            (event) => !!event.timerFiredEventAttributes,
            'fired timer',
            TIMER_MS + 10_000,
          ),
        ),
      );
      timeline.mark('timers fired');
      // The Update comes after the timer fired, while the timer's task still waits: the server hands both to the
      // next worker in one task.
      const updates = handles.map((handle) =>
        client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.executeUpdate(canaryUpdate)),
      );
      timeline.mark('updates sent');
      updates.forEach((update, index) =>
        update.then(
          () => timeline.mark(`update completed (${scenarios[index]?.label})`),
          () => undefined,
        ),
      );

      const outcomes: Outcome[] = [];
      for (const [index, scenario] of scenarios.entries()) {
        const handle = handles[index] as WorkflowHandle<typeof workflowCacheCanary>;
        const answer = await (answers[index] as Promise<CanaryView>);
        expect(await updates[index]).toBe('touched');
        await handle.result();
        const history = await handle.fetchHistory();
        const replayError = await Worker.runReplayHistory(
          { workflowBundle: { codePath: bundleFile }, replayName: `cache-canary-${scenario.label}` },
          history,
          handle.workflowId,
        ).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        );
        outcomes.push({ scenario, answer, history, timeline, ...(replayError ? { replayError } : {}) });
      }
      for (const outcome of outcomes) assertScenarioSetUp(outcome);
      const [cached, uncached] = outcomes as [Outcome, Outcome];

      // Today's behaviour, with a cache: the timer branch's upsert, produced inside the query, went out with the
      // Update's task, ahead of its accept; replay runs the Update first and meets the upsert.
      assertCanary(
        completedTasks(cached.history).some(({ recorded }) =>
          recorded.join(',').startsWith('upsertWorkflowSearchAttributes,workflowExecutionUpdateAccepted'),
        ),
        'the cached run no longer sends the timer branch’s upsert ahead of the Update’s accept',
        cached,
      );
      const replayFailure = cached.replayError?.message ?? '';
      assertCanary(
        replayFailure.includes('TMPRL1100') &&
          replayFailure.includes('Update machine does not handle this event'),
        cached.replayError
          ? `the cached run's history fails to replay, but not as it did: ${replayFailure}`
          : 'the cached run’s history now replays',
        cached,
      );
      // The control: the same scenario without a cache replays.
      if (uncached.replayError) {
        throw new Error(
          `without a cache the history should replay, but: ${uncached.replayError.message}\n` +
            describeHistory(uncached.history, uncached.timeline),
        );
      }
    } finally {
      await Promise.all(
        workersB.map(async (worker) => {
          // A created worker holds native resources until it has run, even if the test failed before it did.
          if (worker.getState() === 'INITIALIZED') await worker.runUntil(Promise.resolve());
          else if (worker.getState() === 'RUNNING') worker.shutdown();
        }),
      );
      await Promise.allSettled(runningB);
    }
  }, 90_000);
});

/**
 * The scenario happened as designed, or the outcome says nothing about the SDK: the query ran on a history with the
 * fired timer (its run took the timer branch) and before the Update (its run had not seen it), and worker B, not
 * the killed A, completed the task that accepted the Update.
 */
function assertScenarioSetUp({ scenario, answer, history, timeline }: Outcome): void {
  const acceptedBy = completedTasks(history).find(({ recorded }) =>
    recorded.includes('workflowExecutionUpdateAccepted'),
  )?.identity;
  if (answer.timedOut && !answer.updated && acceptedBy === `worker-b@${scenario.taskQueue}`) return;
  throw new Error(
    `the ${scenario.label} scenario did not happen as designed (see TIMER_MS and STICKY_SCHEDULE_TO_START_MS): ` +
      `the query answered ${JSON.stringify(answer)}, the Update was accepted by ${acceptedBy ?? 'no one'}.\n` +
      describeHistory(history, timeline),
  );
}

function assertCanary(holds: boolean, whatChanged: string, outcome: Outcome): void {
  if (holds) return;
  throw new Error(
    `SDK canary: ${whatChanged}. The Temporal SDK may have fixed the legacy-query defect ` +
      '(docs/upstream/sdk-core-legacy-query-cache.md): consider turning the workflow cache on ' +
      '(SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS, docs/lifecycle.md) and turning this test around.\n' +
      describeHistory(outcome.history, outcome.timeline),
  );
}
