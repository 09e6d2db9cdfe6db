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
  effectsPending,
  oddText,
  PROTOTYPE_KEYS,
  validPayload,
  validPayloads,
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
  /** Refused to examine, not yet served, an appeal waiting for suspensive effect: rules version 2's commands allowed. */
  let decided: WorkflowHandle;

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
    decided = await startProtectionCase(
      server.client,
      anApplication({ dufNumber: '202499200003', staysInSafeCountries: ['SE'] }),
      taskQueue,
    );
    const refusal = validPayloads('decide').find((payload) => payload.returnCountry === 'SE');
    for (const [name, payload] of [
      ['registerWithPolice', validPayload('registerWithPolice')],
      ['assessCollectiveProtection', validPayload('assessCollectiveProtection')],
      ['decide', refusal],
      // Posted once the decision was made, before service: the rules allow it.
      ['lodgeAppeal', () => ({ lodgedAt: new Date().toISOString(), requestsSuspensiveEffect: true })],
    ] as const) {
      const sent = typeof payload === 'function' ? payload() : payload;
      await decided.executeUpdate(name, { args: [{ ...sent, actor: CASEWORKER }] });
    }
    // The record of each notice delivered comes after the command: the property compares a case that no longer moves.
    for (let attempt = 0; effectsPending(await decided.query(eventsQuery)) > 0; attempt++) {
      if (attempt > 300) throw new Error('the decided case still has side effects pending');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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
    const bases = isCommandName(name) ? validPayloads(name) : validPayloads('withdraw');
    return fc
      .tuple(fc.constantFrom(...bases).chain(brokenObject), actor)
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
      fc.constantFrom(...(isCommandName(name) ? validPayloads(name) : [{}])).map((payload) => [payload]),
      fc
        .constantFrom(...(isCommandName(name) ? validPayloads(name) : [{}]))
        .map((payload) => [{ ...payload, actor: CASEWORKER }]),
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

  /** On the decided case, rules version 2's commands and those whose payloads it changed come up more often. */
  const decidedUpdateName = fc.oneof(
    { weight: 1, arbitrary: updateName },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string>(
        'recordDecisionServed',
        'decideSuspensiveEffect',
        'lodgeAppeal',
        'reconsiderAppeal',
        'recordDocument',
        'decide',
      ),
    },
  );

  it.each([
    ['a lodged case', () => target, updateName, 1],
    ['a decided case waiting for service and suspensive effect', () => decided, decidedUpdateName, 0.5],
  ] as const)(
    'refuses every invalid update to %s in its validator: no new event, no workflow task failure',
    async (_case, handleOf, names, weight) => {
      const handle = handleOf();
      const allowed = (await handle.query(stateQuery)).allowedCommands as string[];
      const before = await historyOf(handle);
      const state = await handle.query(stateQuery);
      await fc.assert(
        fc.asyncProperty(
          names.chain((name) => fc.tuple(fc.constant(name), args(name))),
          async ([name, sent]) => {
            const payload = asSent(sent[0]);
            const valid =
              isCommandName(name) && CommandPayloads[name as CommandName].safeParse(payload).success;
            // A valid command the case allows now would be carried out: that is not bad input.
            fc.pre(!(valid && allowed.includes(name)));
            updates.add('inputs');
            let refusal: unknown;
            try {
              await handle.executeUpdate(name, { args: sent as [unknown], updateId: randomUUID() });
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
            const after = await historyOf(handle);
            updates.add('newEvents', after.length - before.length);
            updates.add('taskFailures', after.taskFailures);
            expect(after).toEqual(before);
          },
        ),
        { numRuns: fuzzRuns(weight) },
      );
      expect(await handle.query(stateQuery)).toEqual(state);
    },
  );

  it('refuses a service dated before the decision or ahead of the clock, in the validator', async () => {
    const state = await decided.query(stateQuery);
    const decidedAt = Date.parse(state.appealable?.decidedAt ?? '');
    const before = await historyOf(decided);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: decidedAt - 400 * 24 * 3600_000, max: Date.now() + 400 * 24 * 3600_000 }),
        fc.constantFrom('lawyer', 'police', 'post', 'electronic'),
        async (servedAt, via) => {
          // A service after the decision and not ahead of the clock would be carried out: that is not bad input.
          fc.pre(servedAt < decidedAt || servedAt > Date.now() + 6 * 60_000);
          updates.add('inputs');
          const refusal = await decided
            .executeUpdate('recordDecisionServed', {
              args: [{ servedAt: new Date(servedAt).toISOString(), via, actor: CASEWORKER }],
              updateId: randomUUID(),
            })
            .then(
              () => undefined,
              (error: unknown) => error,
            );
          expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
          expect(((refusal as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(
            'ValidationError',
          );
          updates.add('rejected');
          updates.add('ValidationError');
          expect(await historyOf(decided)).toEqual(before);
        },
      ),
      { numRuns: fuzzRuns(0.2) },
    );
    expect(await decided.query(stateQuery)).toEqual(state);
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
