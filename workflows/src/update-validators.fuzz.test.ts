import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '@saksflyt/activities';
import {
  CASE_LIMITS,
  COMMAND_NAMES,
  type CaseEvent,
  type CaseState,
  type CommandName,
  CommandPayloads,
  isCommandName,
  SIGNAL_COMMANDS,
} from '@saksflyt/domain';
import {
  anApplication,
  badValue,
  brokenObject,
  CASEWORKER,
  oddText,
  PROTOTYPE_KEYS,
  validPayload,
} from '@saksflyt/domain/testing';
import {
  createTestWorker,
  FuzzTally,
  fuzzRuns,
  reportFuzzFigures,
  startTestDevServer,
  type TestDevServer,
} from '@saksflyt/testing';
import { startProtectionCase } from './client';
import { eventsQuery, stateQuery } from './messages';

/**
 * The workflow's own gate, without the API in front: random and broken arguments sent straight to each Update
 * through the Temporal client. The validator refuses every one, so the history gains no event and no workflow task
 * fails. Broken Signals cannot be refused to their sender; they become a CommandRejected event, and nothing else.
 */

const taskQueue = 'protection-cases-fuzz';
const { EVENT_TYPE_WORKFLOW_TASK_FAILED } = temporal.api.enums.v1.EventType;
const updates = new FuzzTally('updates');
const signals = new FuzzTally('signals');
const startedAt = Date.now();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What the workflow receives: the client sends the arguments as JSON. */
const asSent = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

describe('update validators and signal handlers refuse bad input on a real dev server', () => {
  let server: TestDevServer;
  let worker: Worker;
  let running: Promise<void>;
  let target: WorkflowHandle;
  let signalled: WorkflowHandle;

  beforeAll(async () => {
    server = await startTestDevServer();
    worker = await createTestWorker({
      connection: server.connection,
      taskQueue,
      workflowsPath: require.resolve('./index'),
      activities: createActivities({ dataDir: server.dataDir }),
    });
    running = worker.run();
    target = await startProtectionCase(
      server.client,
      anApplication({ dufNumber: '202499200001' }),
      taskQueue,
    );
    signalled = await startProtectionCase(
      server.client,
      anApplication({ dufNumber: '202499200002' }),
      taskQueue,
    );
    await target.query(stateQuery);
    await signalled.query(stateQuery);
  }, 120_000);

  afterAll(async () => {
    const seconds = (Date.now() - startedAt) / 1000;
    reportFuzzFigures(updates.line(['inputs', 'rejected', 'accepted', 'taskFailures', 'newEvents'], seconds));
    reportFuzzFigures(signals.line(['inputs', 'commandRejected', 'taskFailures'], seconds));
    worker?.shutdown();
    await running;
    await server?.stop();
  });

  async function historyOf(handle: WorkflowHandle): Promise<{ length: number; taskFailures: number }> {
    const events = (await handle.fetchHistory()).events ?? [];
    return {
      length: events.length,
      taskFailures: events.filter((event) => event.eventType === EVENT_TYPE_WORKFLOW_TASK_FAILED).length,
    };
  }

  /** A payload with the actor an outside caller might put there: none, a forged role, odd text. */
  const actor = fc.oneof(
    fc.constant(CASEWORKER),
    fc.constant(undefined),
    badValue,
    fc.record({
      id: fc.oneof(oddText, fc.constant('')),
      role: fc.constantFrom('caseworker', 'auditor', 'root', ''),
    }),
  );

  const payloadOf = (name: string) => {
    const base = isCommandName(name) ? validPayload(name) : validPayload('withdraw');
    return fc
      .tuple(brokenObject(base), actor)
      .map(([broken, by]) =>
        broken !== null && typeof broken === 'object' && !Array.isArray(broken) && by !== undefined
          ? { ...(broken as object), actor: by }
          : broken,
      );
  };

  const args = (name: string) =>
    fc.oneof(
      payloadOf(name).map((payload) => [payload]),
      fc.constant([]),
      fc.array(badValue, { minLength: 1, maxLength: 3 }),
      fc.constant([isCommandName(name) ? validPayload(name) : {}]),
      fc.constant([{ ...(isCommandName(name) ? validPayload(name) : {}), actor: CASEWORKER }]),
    );

  const updateName = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...COMMAND_NAMES) },
    {
      weight: 1,
      // Any name a client can send at all: gRPC carries only well-formed, non-empty names.
      arbitrary: fc
        .oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'state', 'events', 'Decide'), oddText)
        .filter((name) => name !== '' && !LONE_SURROGATE.test(name)),
    },
  );

  it('refuses every invalid update in its validator: no new event, no workflow task failure', async () => {
    const allowed = (await target.query(stateQuery)).allowedCommands as string[];
    const before = await historyOf(target);
    const state = await target.query(stateQuery);
    await fc.assert(
      fc.asyncProperty(
        updateName.chain((name) => fc.tuple(fc.constant(name), args(name))),
        async ([name, sent]) => {
          const payload = asSent(sent[0]);
          const valid =
            isCommandName(name) && CommandPayloads[name as CommandName].safeParse(payload).success;
          // A valid command the case allows now would be carried out: that is not bad input.
          fc.pre(!(valid && allowed.includes(name)));
          updates.add('inputs');
          let refusal: unknown;
          try {
            await target.executeUpdate(name, { args: sent as [unknown], updateId: randomUUID() });
            updates.add('accepted');
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
          updates.add('rejected');
          const cause = (refusal as WorkflowUpdateFailedError).cause;
          if (!isCommandName(name)) {
            updates.add('unknownName');
          } else {
            expect(cause).toBeInstanceOf(ApplicationFailure);
            const type = (cause as ApplicationFailure).type as string;
            // A valid payload is refused for the case's state, or for a fact dated in the future.
            expect(valid ? ['InvalidTransition', 'ValidationError'] : ['ValidationError']).toContain(type);
            expect((cause as ApplicationFailure).message.length).toBeGreaterThan(0);
            updates.add(type);
          }
          const after = await historyOf(target);
          updates.add('newEvents', after.length - before.length);
          updates.add('taskFailures', after.taskFailures);
          expect(after).toEqual(before);
        },
      ),
      { numRuns: fuzzRuns() },
    );
    expect(await target.query(stateQuery)).toEqual(state);
  });

  it('records a broken signal as a CommandRejected event and changes nothing else', async () => {
    const signalName = fc.constantFrom(...SIGNAL_COMMANDS);
    await fc.assert(
      fc.asyncProperty(
        signalName.chain((name) => fc.tuple(fc.constant(name), payloadOf(name))),
        async ([name, payload]) => {
          const sent = asSent(payload);
          // A valid signal the case allows would be carried out: that is not bad input.
          fc.pre(!CommandPayloads[name].safeParse(sent).success);
          signals.add('inputs');
          const before = await signalled.query(stateQuery);
          const full =
            (await signalled.query(eventsQuery)).filter((event) => event.type === 'CommandRejected').length >=
            CASE_LIMITS.rejectedSignals;
          await signalled.signal(name, payload);
          let events: CaseEvent[] = [];
          // Past the limit nothing is recorded, so waiting for an event would only time out.
          for (let attempt = 0; attempt < (full ? 0 : 100); attempt++) {
            events = await signalled.query(eventsQuery);
            if (events.length > before.lastEventSeq) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          if (full) {
            // The record has no room for more refusals: the signal leaves no trace at all.
            await new Promise((resolve) => setTimeout(resolve, 100));
            expect(await signalled.query(stateQuery)).toEqual(before);
            signals.add('notRecorded');
            return;
          }
          expect(events.slice(before.lastEventSeq)).toEqual([
            expect.objectContaining({
              type: 'CommandRejected',
              seq: before.lastEventSeq + 1,
              data: expect.objectContaining({ command: name, error: 'ValidationError' }),
            }),
          ]);
          signals.add('commandRejected');
          const after: CaseState = await signalled.query(stateQuery);
          // The rejection is on the record, so the record's last number and time moved; nothing else did.
          expect({ ...after, lastEventSeq: before.lastEventSeq, updatedAt: before.updatedAt }).toEqual(
            before,
          );
        },
      ),
      { numRuns: fuzzRuns(0.3) },
    );
    const history = await historyOf(signalled);
    signals.add('taskFailures', history.taskFailures);
    expect(history.taskFailures).toBe(0);
  });
});
