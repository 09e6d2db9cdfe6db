import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '@saksflyt/activities';
import type { Actor, ApplicationLodged, CaseState, CommandName, CommandPayload } from '@saksflyt/domain';
import { anApplication, CASEWORKER } from '@saksflyt/domain/testing';
import { createTestWorker, startTimeSkippingEnvironment } from '@saksflyt/testing';
import { commandContext, startProtectionCase } from '../client';
import {
  commandSignals,
  commandUpdates,
  eventsQuery,
  stateQuery,
  type ProtectionCaseOptions,
} from '../messages';
import type { protectionCase } from '../protection-case.workflow';

export type ActivityCall = { name: string; input: Record<string, unknown> };

/**
 * The real activities (file outbox in a scratch folder), each call also noted here so a test can say which side
 * effects a path caused.
 */
export function recordedActivities() {
  const calls: ActivityCall[] = [];
  const real = createActivities({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'saksflyt-outbox-')) });
  const activities = Object.fromEntries(
    Object.entries(real).map(([name, run]) => [
      name,
      async (input: Record<string, unknown>) => {
        calls.push({ name, input });
        // A change's several effects in one activity: each effect is noted too, as its own activity would be.
        if (name === 'carryOutEffects')
          for (const effect of (input.calls ?? []) as { activity: string; input: Record<string, unknown> }[])
            calls.push({ name: effect.activity, input: effect.input });
        return (run as (input: unknown) => Promise<unknown>)(input);
      },
    ]),
  );
  return { activities, calls };
}

export async function caseWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: object,
): Promise<Worker> {
  return createTestWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../index'),
    activities,
  });
}

let nextDuf = 1;
/** A fresh DUF number per case, so the cases of one server never collide. */
export function freshApplication(
  lodgedAt: string,
  overrides: Partial<ApplicationLodged> = {},
): ApplicationLodged {
  const dufNumber = `2026${String(nextDuf++).padStart(4, '0')}${String(process.pid % 10_000).padStart(4, '0')}`;
  return anApplication({ dufNumber, lodgedAt, ...overrides });
}

export class CaseDriver {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle<typeof protectionCase>,
  ) {}

  static async start(
    env: TestWorkflowEnvironment,
    taskQueue: string,
    overrides: Partial<ApplicationLodged> = {},
    options?: ProtectionCaseOptions,
  ): Promise<CaseDriver> {
    const lodgedAt = new Date(await env.currentTimeMs()).toISOString();
    const application = freshApplication(lodgedAt, overrides);
    const handle = await startProtectionCase(env.client, application, taskQueue, options);
    return new CaseDriver(env, handle);
  }

  /** An ISO time this many days from the server's (skipping) clock. */
  async inDays(days: number): Promise<string> {
    return new Date((await this.env.currentTimeMs()) + days * 24 * 60 * 60 * 1000).toISOString();
  }

  async now(): Promise<string> {
    return this.inDays(0);
  }

  /** A command as the API sends it: with the versions published to the policy registry (issue 16). */
  async send<Name extends CommandName>(
    name: Name,
    payload: Omit<CommandPayload<Name>, 'actor'>,
    actor: Actor = CASEWORKER,
  ): Promise<CaseState> {
    const update = commandUpdates[name];
    return this.handle.executeUpdate(update, {
      args: [{ actor, ...payload } as CommandPayload<Name>, await commandContext(this.env.client)],
    });
  }

  state(): Promise<CaseState> {
    return this.handle.query(stateQuery);
  }

  async eventTypes(): Promise<string[]> {
    return (await this.handle.query(eventsQuery)).map((event) => event.type);
  }

  /** Lets time pass on the skipping server; timers due meanwhile fire. */
  async pass(duration: string): Promise<CaseState> {
    await this.env.sleep(duration);
    return this.state();
  }

  async registered(
    passport: CommandPayload<'registerWithPolice'>['passport'] = {
      kind: 'international',
      expiresOn: '2099-01-01',
      surrendered: true,
    },
  ) {
    return this.send('registerWithPolice', {
      registeredAt: await this.now(),
      policeDistrict: 'Øst',
      passport,
      eurodacHit: null,
    });
  }

  async inIndividualAssessment() {
    await this.registered();
    return this.send('assessCollectiveProtection', {
      eligible: false,
      reason: 'home oblast on the exclusion list',
    });
  }

  async interviewed() {
    await this.inIndividualAssessment();
    await this.send('inviteToInterview', {
      scheduledAt: await this.inDays(14),
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    await this.env.sleep('14 days');
    return this.send('recordInterview', { outcome: 'held', heldAt: await this.now() });
  }

  /** The other Dublin state's answer, as the Dublin unit's system sends it: a Signal, dated now. */
  async dublinReplied(accepted: boolean): Promise<void> {
    await this.handle.signal(commandSignals.recordDublinReply, {
      actor: { id: 'dublin-unit', role: 'system' },
      accepted,
      repliedAt: await this.now(),
    });
  }

  async rejected() {
    await this.interviewed();
    return this.send('decide', {
      outcome: 'rejected',
      grounds: 'internal protection in Lviv',
      internalProtectionOblast: 'Lviv',
    });
  }
}

/**
 * A time-skipping server and a worker with the recorded real activities for one test file: call it in the
 * `describe`; it starts them before the tests and stops them after. `start` opens a case; `callsFor` lists the
 * activities a case called.
 */
export function timeSkippingCases(taskQueue: string) {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let calls: ActivityCall[] = [];

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    const recorded = recordedActivities();
    calls = recorded.calls;
    worker = await caseWorker(env, taskQueue, recorded.activities);
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  return {
    env: () => env,
    start: (overrides: Partial<ApplicationLodged> = {}, options?: ProtectionCaseOptions) =>
      CaseDriver.start(env, taskQueue, overrides, options),
    callsFor: (driver: CaseDriver) =>
      calls.filter((call) => call.input.dufNumber === driver.handle.workflowId.replace('case-', '')),
  };
}
