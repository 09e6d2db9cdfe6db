import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities } from '@saksflyt/activities';
import { PolicyRegistry } from '@saksflyt/audit';
import {
  osloCalendarDate,
  STANDARD_POLICY,
  type CaseEvent,
  type PolicyDraft,
  type PolicyVersion,
} from '@saksflyt/domain';
import { startTimeSkippingEnvironment, testDataConverter, testWorkflowBundle } from '@saksflyt/testing';
import { caseWorker, CaseDriver } from './__fixtures__/case-harness';
import { commandUpdates, eventsQuery } from './messages';
import { CASEWORKER } from '@saksflyt/domain/testing';

const taskQueue = 'policy-registry';
const latestBuiltIn = STANDARD_POLICY.at(-1) as PolicyVersion;

/** Issue 16: versions published at runtime, and the cases that follow them from their `validFrom`. */
describe('the policy registry and the cases that follow it', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let registry: PolicyRegistry;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    registry = new PolicyRegistry(env.client, { taskQueue });
    const activities = createActivities({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'saksflyt-policy-')) });
    worker = await caseWorker(env, taskQueue, activities);
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const today = async () => osloCalendarDate(new Date(await env.currentTimeMs()).toISOString());
  const draft = async (overrides: Partial<PolicyDraft> = {}): Promise<PolicyDraft> => ({
    version: 'TEST-KYIV-SAFE',
    validFrom: await today(),
    source: 'a test guideline: Kyiv held safe for internal protection',
    internalProtectionSafeOblasts: [...latestBuiltIn.internalProtectionSafeOblasts, 'Kyiv'],
    collectiveProtectionExcludedOblasts: [...latestBuiltIn.collectiveProtectionExcludedOblasts],
    ...overrides,
  });

  /** What the registry refused, as the API maps it: the failure's type and its details. */
  async function refusal(publishing: Promise<unknown>) {
    const error = await publishing.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
    return { type: cause.type, details: cause.details?.[0] };
  }

  it('a version published on a running system decides the next step of a running case, with no restart, and the event records it', async () => {
    const driver = await CaseDriver.start(env, taskQueue);
    await driver.interviewed();
    const rejectOnKyiv = () =>
      driver.send('decide', {
        outcome: 'rejected',
        grounds: 'internal protection in Kyiv',
        internalProtectionOblast: 'Kyiv',
      });
    await expect(rejectOnKyiv()).rejects.toMatchObject({
      cause: { type: 'ValidationError', message: expect.stringContaining('Kyiv is not a safe area') },
    });

    const published = await registry.publish({ draft: await draft(), publishedBy: 'admin' });
    expect(published).toMatchObject({ version: 'TEST-KYIV-SAFE', publishedBy: 'admin', review: [] });

    // A command sent without the versions (not as the API sends it) is judged by those the case last had.
    await expect(
      driver.handle.executeUpdate(commandUpdates.decide, {
        args: [
          {
            actor: CASEWORKER,
            outcome: 'rejected',
            grounds: 'internal protection in Kyiv',
            internalProtectionOblast: 'Kyiv',
          },
        ],
      }),
    ).rejects.toMatchObject({ cause: { type: 'ValidationError' } });

    const state = await rejectOnKyiv();
    expect(state.status).toBe('rejected');
    const events: CaseEvent[] = await driver.handle.query(eventsQuery);
    expect(events.filter((event) => event.type === 'DecisionMade').map((event) => event.data)).toEqual([
      expect.objectContaining({ internalProtectionOblast: 'Kyiv', policyVersion: 'TEST-KYIV-SAFE' }),
    ]);

    // The case's history holds the versions it read, so it replays as it ran.
    const history = await driver.handle.fetchHistory();
    await Worker.runReplayHistory(
      {
        workflowBundle: await testWorkflowBundle(require.resolve('./index')),
        dataConverter: testDataConverter,
      },
      history,
      driver.handle.workflowId,
    );
  });

  it('a new case is screened against the exclusion list of the version in force', async () => {
    const later = await registry.publish({
      draft: await draft({
        version: 'TEST-KHARKIV-EXCLUDED',
        validFrom: osloCalendarDate(new Date((await env.currentTimeMs()) + 86_400_000).toISOString()),
        collectiveProtectionExcludedOblasts: [
          ...latestBuiltIn.collectiveProtectionExcludedOblasts,
          'Kharkiv',
        ],
      }),
      publishedBy: 'admin',
    });
    const before = await CaseDriver.start(env, taskQueue);
    expect((await before.state()).collectiveScreening).toMatchObject({
      policyVersion: 'TEST-KYIV-SAFE',
      reasons: expect.not.arrayContaining(['home-oblast-excluded']),
    });
    await env.sleep('1 day');
    const after = await CaseDriver.start(env, taskQueue);
    expect((await after.state()).collectiveScreening).toMatchObject({
      policyVersion: later.version,
      reasons: expect.arrayContaining(['home-oblast-excluded']),
    });
  });

  it('a refused version changes nothing: in the past, on a date taken, under a name taken, an unknown oblast', async () => {
    const before = await registry.published();
    const yesterday = osloCalendarDate(new Date((await env.currentTimeMs()) - 86_400_000).toISOString());

    expect(
      await refusal(
        registry.publish({
          draft: await draft({ version: 'PAST', validFrom: yesterday }),
          publishedBy: 'admin',
        }),
      ),
    ).toMatchObject({
      type: 'ValidationError',
      details: { issues: [expect.objectContaining({ path: ['validFrom'], code: 'validFromInPast' })] },
    });
    const taken = before.at(-1) as { validFrom: string; version: string };
    expect(
      await refusal(
        registry.publish({
          draft: await draft({ version: 'SAME-DATE', validFrom: taken.validFrom }),
          publishedBy: 'admin',
        }),
      ),
    ).toMatchObject({
      type: 'Conflict',
      details: { code: 'policyValidFromTaken', params: { version: taken.version } },
    });
    expect(
      await refusal(
        registry.publish({
          draft: await draft({ version: latestBuiltIn.version, validFrom: '2099-01-01' }),
          publishedBy: 'admin',
        }),
      ),
    ).toMatchObject({ type: 'Conflict', details: { code: 'policyVersionTaken' } });
    expect(
      await refusal(
        registry.publish({
          draft: {
            ...(await draft({ validFrom: '2099-01-02' })),
            internalProtectionSafeOblasts: ['Atlantis'],
          } as never,
          publishedBy: 'admin',
        }),
      ),
    ).toMatchObject({ type: 'ValidationError' });

    expect(await registry.published()).toEqual(before);
  });
});
