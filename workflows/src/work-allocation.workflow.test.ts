import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { decodeSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { startTimeSkippingEnvironment, createTestWorker } from '@saksflyt/testing';
import { CaseDriver, recordedActivities, timeSkippingCases } from './__fixtures__/case-harness';
import { removeVariants, variant } from './__fixtures__/workflow-variant';
import { eventsQuery, publishSearchAttributesSignal } from './messages';

const KARI = { id: 'kari.nordmann', role: 'caseworker' } as const;
const OLA = { id: 'ola.hansen', role: 'caseworker' } as const;

/** The search attributes each upsert of the case's history set, oldest first. */
async function upserts(driver: CaseDriver): Promise<Record<string, unknown>[]> {
  const history = await driver.handle.fetchHistory();
  return (history.events ?? [])
    .map((event) => event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields)
    .filter((fields) => fields !== undefined && fields !== null)
    .map((fields) => decodeSearchAttributes(fields) as Record<string, unknown>);
}

const lastValueOf = (sets: Record<string, unknown>[], key: string) =>
  sets.filter((set) => key in set).at(-1)?.[key];

// Work allocation (issue 14) in the workflow: who holds the case and its team are search attributes for the lists.
describe('work allocation, on the time-skipping server', () => {
  const { start } = timeSkippingCases('work-allocation');

  it('publishes the holder and the team: AssignedTo while held, absent in the queue; Team follows the status', async () => {
    const driver = await start();
    await driver.state();
    expect(lastValueOf(await upserts(driver), 'Team')).toEqual(['registration']);
    await driver.send('assignCase', { assignee: 'kari.nordmann' }, KARI);
    expect(lastValueOf(await upserts(driver), 'AssignedTo')).toEqual(['kari.nordmann']);
    await driver.send('assignCase', { assignee: null, team: 'dublin-unit' }, KARI);
    const sets = await upserts(driver);
    // A null value removes the attribute: the case is in its team's queue, held by no one.
    expect(lastValueOf(sets, 'AssignedTo')).toEqual([null]);
    expect(lastValueOf(sets, 'Team')).toEqual(['dublin-unit']);
    expect(lastValueOf(sets, 'LodgedAt')).toHaveLength(1);
  });

  it('lets one of two racing takes win: the other is refused, naming who holds the case', async () => {
    const driver = await start();
    const outcomes = await Promise.allSettled([
      driver.send('assignCase', { assignee: 'kari.nordmann' }, KARI),
      driver.send('assignCase', { assignee: 'ola.hansen' }, OLA),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ assignee: string }>).value.assignee;
    const failure = (lost[0] as PromiseRejectedResult).reason as WorkflowUpdateFailedError;
    expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(failure.cause).toMatchObject({ type: 'InvalidTransition', details: [{ heldBy: winner }] });
    const assignments = (await driver.handle.query(eventsQuery)).filter(
      (event) => event.type === 'CaseAssigned',
    );
    expect(assignments).toHaveLength(1);
  });

  it('keeps notes on the record with their author, and sends the applicant nothing for them', async () => {
    const driver = await start();
    const before = (await driver.handle.query(eventsQuery)).length;
    await driver.send('addNote', { text: 'Asked the police for the passport copy.' }, OLA);
    const events = await driver.handle.query(eventsQuery);
    expect(events.slice(before)).toMatchObject([
      { type: 'NoteAdded', actor: OLA, data: { text: 'Asked the police for the passport copy.' } },
    ]);
  });
});

// A case opened before work allocation has no marker of it; its history replays the upserts it made then. It sets
// the new attributes once something new happens to it. The variant below is today's workflow as such a case finds it.
describe('a case opened before work allocation', () => {
  const taskQueue = 'before-work-allocation';
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    const workflowsPath = variant('before-work-allocation', '', [
      "searchAttributePublisher(patched('work-allocation'))",
      'searchAttributePublisher(false)',
    ]);
    worker = await createTestWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      activities: recordedActivities().activities,
    });
    running = worker.run();
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    removeVariants('before-work-allocation');
  });

  it('sets AssignedTo and Team once assigned', async () => {
    const driver = await CaseDriver.start(env, taskQueue);
    await driver.state();
    const before = await upserts(driver);
    expect(before.some((set) => 'CaseStatus' in set)).toBe(true);
    expect(before.some((set) => 'Team' in set)).toBe(false);
    await driver.send('assignCase', { assignee: 'kari.nordmann' }, KARI);
    const sets = await upserts(driver);
    expect(lastValueOf(sets, 'AssignedTo')).toEqual(['kari.nordmann']);
    expect(lastValueOf(sets, 'Team')).toEqual(['registration']);
  });

  it('sets them on `saksflyt cases reindex` (the publishSearchAttributes signal), changing nothing else', async () => {
    const driver = await CaseDriver.start(env, taskQueue);
    const events = (await driver.handle.query(eventsQuery)).length;
    await driver.handle.signal(publishSearchAttributesSignal);
    await driver.state();
    const sets = await upserts(driver);
    expect(lastValueOf(sets, 'Team')).toEqual(['registration']);
    expect(lastValueOf(sets, 'LodgedAt')).toHaveLength(1);
    expect(await driver.handle.query(eventsQuery)).toHaveLength(events);
  });
});
