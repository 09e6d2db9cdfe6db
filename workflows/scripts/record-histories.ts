// `npm run record-histories -w @saksflyt/workflows`: drives the main paths of a case on the time-skipping server and
// saves each history under src/__fixtures__/histories/. The replay test runs today's workflow code over them, so a
// change that would break running cases fails CI. Record anew only for a change made behind `patched()`, keeping
// the old files too.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { startTimeSkippingEnvironment } from '@saksflyt/testing';
import { CaseDriver, caseWorker, recordedActivities } from '../src/__fixtures__/case-harness';
import { PolicyRegistry } from '@saksflyt/audit';
import {
  osloCalendarDate,
  POLICY_REGISTRY_WORKFLOW_ID,
  STANDARD_POLICY,
  type ApplicationLodged,
  type PolicyVersion,
} from '@saksflyt/domain';
import { commandSignals } from '../src/messages';

const taskQueue = 'record-histories';
/** Names the code version the histories come from; earlier versions' files stay beside them (`--tag <version>`). */
const tagIndex = process.argv.indexOf('--tag');
const tag = tagIndex > 0 ? process.argv[tagIndex + 1] : undefined;
const target = path.join(__dirname, '..', 'src', '__fixtures__', 'histories');

const police = { id: 'police', role: 'system' } as const;

/** The applications some paths need; the rest start from the tests' usual one. */
const applications: Record<string, Partial<ApplicationLodged>> = {
  'safe-third-country-left-norway': { staysInSafeCountries: ['PL'] },
};

const paths: Record<string, (driver: CaseDriver) => Promise<unknown>> = {
  'collective-protection': async (driver) => {
    await driver.registered();
    await driver.send('assessCollectiveProtection', { eligible: true, reason: 'collective scheme applies' });
  },
  'interview-granted': async (driver) => {
    await driver.interviewed();
    await driver.send('applyForWorkPermit', { appliedAt: await driver.now() });
    await driver.send('decide', { outcome: 'granted-refugee', grounds: '§ 28 (a)' });
  },
  'rejection-une-enforcement': async (driver) => {
    await driver.rejected();
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: true });
    await driver.send('reconsiderAppeal', { reversed: false, grounds: 'upheld' });
    await driver.handle.signal(commandSignals.recordUneDecision, {
      actor: { id: 'une', role: 'system' },
      outcome: 'rejected',
      decidedAt: await driver.now(),
    });
    await driver.pass('30 days');
    await driver.handle.signal(commandSignals.reportDeparture, {
      actor: { id: 'police', role: 'system' },
      departedAt: await driver.now(),
    });
  },
  'dublin-silence-transfer': async (driver) => {
    await driver.inIndividualAssessment();
    await driver.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    await driver.pass('70 days');
    await driver.pass('25 days');
    await driver.send('recordDublinTransfer', { transferredAt: await driver.now() });
  },
  'withdrawal-departure': async (driver) => {
    await driver.inIndividualAssessment();
    await driver.send('withdraw', { receivedAt: await driver.now() });
    await driver.handle.signal(commandSignals.reportDeparture, {
      actor: { id: 'police', role: 'system' },
      departedAt: 'bad',
    } as never);
    await driver.pass('1 day');
    await driver.handle.signal(commandSignals.reportDeparture, {
      actor: { id: 'police', role: 'system' },
      departedAt: await driver.now(),
    });
  },
};

/** Paths through the rules of version 2 (recorded with `--tag rules-version-2`; earlier code cannot replay them). */
const secondReleasePaths: Record<string, (driver: CaseDriver) => Promise<unknown>> = {
  'service-appeal-posted-in-time': async (driver) => {
    await driver.rejected();
    await driver.send('recordDecisionServed', { servedAt: await driver.now(), via: 'lawyer' });
    await driver.pass('25 days');
    const enforced = await driver.pass('25 days');
    const ranOut = enforced.appealable?.deadlineRanOutAt ?? (await driver.now());
    await driver.send('lodgeAppeal', {
      lodgedAt: new Date(Date.parse(ranOut) - 3_600_000).toISOString(),
      requestsSuspensiveEffect: true,
    });
    await driver.send('decideSuspensiveEffect', { granted: true, grounds: 'the norm for a rejection' });
    await driver.send('reconsiderAppeal', { reversed: true, grounds: 'new information on the home area' });
  },
  'dublin-suspensive-refused-travel': async (driver) => {
    await driver.inIndividualAssessment();
    await driver.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    await driver.dublinReplied(true);
    await driver.pass('1 day');
    await driver.send('recordDecisionServed', { servedAt: await driver.now(), via: 'police' });
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: true });
    await driver.send('decideSuspensiveEffect', { granted: false, grounds: 'the norm on the Dublin track' });
    await driver.pass('2 days');
    await driver.handle.signal(commandSignals.reportDeparture, {
      actor: police,
      departedAt: await driver.now(),
      destination: 'PL',
    });
  },
  'safe-third-country-left-norway': async (driver) => {
    await driver.inIndividualAssessment();
    await driver.send('decide', {
      outcome: 'not-examined-safe-third-country',
      grounds: 'stayed in Poland before Norway',
      returnCountry: 'PL',
    });
    await driver.pass('3 days');
    await driver.handle.signal(commandSignals.reportLeftNorway, {
      actor: police,
      detectedAt: await driver.now(),
    });
  },
  'une-forwarding': async (driver) => {
    await driver.rejected();
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: false });
    await driver.send('reconsiderAppeal', { reversed: false, grounds: 'the rejection stands' });
    await driver.handle.signal(commandSignals.recordDocument, {
      actor: police,
      kind: 'copy',
      receivedBy: 'udi',
      description: 'medical report',
    });
    await driver.send('updateContactInfo', { contact: { phone: '+4790000000' } });
    await driver.handle.signal(commandSignals.recordUneDecision, {
      actor: { id: 'une', role: 'system' },
      outcome: 'granted',
      decidedAt: await driver.now(),
    });
  },
};

/** Paths through work allocation (recorded with `--tag work-allocation`): taken, handed on, noted, returned. */
const workAllocationPaths: Record<string, (driver: CaseDriver) => Promise<unknown>> = {
  'assigned-noted-dublin': async (driver) => {
    const kari = { id: 'kari.nordmann', role: 'caseworker' } as const;
    await driver.send('assignCase', { assignee: 'kari.nordmann' }, kari);
    await driver.inIndividualAssessment();
    await driver.send('addNote', { text: 'The applicant asked for a female interviewer.' }, kari);
    await driver.send('assignCase', { assignee: 'ola.hansen' }, kari);
    await driver.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    await driver.send('assignCase', { assignee: null }, { id: 'admin', role: 'admin' });
    await driver.dublinReplied(true);
    await driver.pass('1 day');
    await driver.send('recordDublinTransfer', { transferredAt: await driver.now() });
  },
};

/**
 * A path through a version published at runtime (recorded with `--tag policy-registry`): refused on an area the
 * built-in version does not hold safe, then decided on it once a version that does is in force.
 */
const policyRegistryPaths: Record<
  string,
  (driver: CaseDriver, registry: PolicyRegistry) => Promise<unknown>
> = {
  'published-version-decision': async (driver, registry) => {
    await driver.interviewed();
    const onKyiv = () =>
      driver.send('decide', {
        outcome: 'rejected',
        grounds: 'internal protection in Kyiv',
        internalProtectionOblast: 'Kyiv',
      });
    await onKyiv().catch(() => undefined);
    const inForce = STANDARD_POLICY.at(-1) as PolicyVersion;
    await registry.publish({
      draft: {
        version: 'RECORDED-KYIV-SAFE',
        validFrom: osloCalendarDate(await driver.now()),
        source: 'recorded for the replay test',
        internalProtectionSafeOblasts: [...inForce.internalProtectionSafeOblasts, 'Kyiv'],
        collectiveProtectionExcludedOblasts: [...inForce.collectiveProtectionExcludedOblasts],
      },
      publishedBy: 'admin',
    });
    await onKyiv();
    await driver.send('recordDecisionServed', { servedAt: await driver.now(), via: 'lawyer' });
    await driver.pass('25 days');
    await driver.handle.signal(commandSignals.reportDeparture, {
      actor: police,
      departedAt: await driver.now(),
    });
  },
};

/** What each tag records: a later code version records every earlier path again, and its own. */
const PATHS_BY_TAG: Record<
  string,
  Record<string, (driver: CaseDriver, registry: PolicyRegistry) => Promise<unknown>>
> = {
  'rules-version-2': { ...paths, ...secondReleasePaths },
  'work-allocation': { ...paths, ...secondReleasePaths, ...workAllocationPaths },
  'policy-registry': { ...policyRegistryPaths, ...paths, ...secondReleasePaths, ...workAllocationPaths },
  // Every path again, each event now written to the projection (issue 17) by the projectCase activity.
  projection: { ...policyRegistryPaths, ...paths, ...secondReleasePaths, ...workAllocationPaths },
  // Every path again, a change's several effects now carried out in one activity (issue 17).
  'effects-together': { ...policyRegistryPaths, ...paths, ...secondReleasePaths, ...workAllocationPaths },
};

/**
 * Each path on a time-skipping server of its own: waiting for one case to complete lets the server skip to its last
 * timer, which may lie decades ahead, past the holiday table a later path's deadlines need.
 */
async function record(
  name: string,
  drive: (driver: CaseDriver, registry: PolicyRegistry) => Promise<unknown>,
) {
  const env = await startTimeSkippingEnvironment();
  const registry = new PolicyRegistry(env.client, { taskQueue });
  const { activities } = recordedActivities();
  const worker = await caseWorker(env, taskQueue, activities);
  await worker.runUntil(async () => {
    const driver = await CaseDriver.start(env, taskQueue, applications[name]);
    await drive(driver, registry);
    await driver.handle.result();
    const history = await driver.handle.fetchHistory();
    writeFileSync(path.join(target, `${name}${tag ? `.${tag}` : ''}.json`), historyToJSON(history));
    console.log(`recorded ${name}: ${history.events?.length ?? 0} history events`);
    // The registry's own history, with the publication it took, when the path published one.
    if (tag === 'policy-registry' && (await registry.published()).length > 0) {
      const registryHistory = await env.client.workflow.getHandle(POLICY_REGISTRY_WORKFLOW_ID).fetchHistory();
      // Beside the cases' histories, not among them: the replay tests that change the case workflow skip it.
      writeFileSync(
        path.join(target, 'registry', `policy-registry.${tag}.json`),
        historyToJSON(registryHistory),
      );
      console.log(`recorded the policy registry: ${registryHistory.events?.length ?? 0} history events`);
    }
  });
  await env.teardown();
}

async function main(): Promise<void> {
  const recorded = (tag && PATHS_BY_TAG[tag]) || paths;
  for (const [name, drive] of Object.entries(recorded)) await record(name, drive);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
