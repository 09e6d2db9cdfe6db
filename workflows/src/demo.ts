// Client-side, like client.ts: not part of the workflow bundle.
import { fakerUK as faker } from '@faker-js/faker';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  type Actor,
  type ApplicationLodged,
  type CaseStatus,
  type CommandName,
  type CommandPayload,
  type PolicyProfile,
  UKRAINIAN_REGIONS,
} from '@saksflyt/domain';
import { startProtectionCase } from './client';
import { commandUpdates } from './messages';

export type DemoStep = {
  [Name in CommandName]: { command: Name; payload: Omit<CommandPayload<Name>, 'actor'> };
}[CommandName];

export interface DemoCase {
  application: ApplicationLodged;
  steps: DemoStep[];
  /** Where the steps leave the case. */
  expectedStatus: CaseStatus;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const RECEPTION_CENTRES = [
  'Råde mottak',
  'Hvalstad transittmottak',
  'Trondheim mottak',
  'Bergen mottak',
  'Tromsø mottak',
];

/**
 * A realistic spread of cases: generated Ukrainian names, mixed home areas and households, some at reception
 * centres and some at private addresses, and paths that leave them in different statuses, some with deadlines near.
 */
export function demoCases(count: number, now: Date, seed = 2026): DemoCase[] {
  faker.seed(seed);
  return Array.from({ length: count }, (_unused, index) => {
    const application = demoApplication(now);
    const path = PATHS[index % PATHS.length];
    if (!path) throw new Error('no demo paths');
    const { steps, expectedStatus } = path(now);
    return { application, steps, expectedStatus };
  });
}

function demoApplication(now: Date): ApplicationLodged {
  const sex = faker.person.sexType();
  const single = faker.datatype.boolean({ probability: 0.45 });
  const atCentre = faker.datatype.boolean({ probability: 0.6 });
  const lodgedAt = new Date(now.getTime() - faker.number.int({ min: 1, max: 240 }) * 60 * 1000);
  return {
    dufNumber: `${now.getUTCFullYear()}${faker.string.numeric(8)}`,
    lodgedAt: lodgedAt.toISOString(),
    applicant: {
      fullName: `${faker.person.firstName(sex)} ${faker.person.lastName(sex)}`,
      dateOfBirth: faker.date.birthdate({ mode: 'age', min: 19, max: 70 }).toISOString().slice(0, 10),
      nationality: 'UKR',
      preferredLanguage: faker.helpers.arrayElement(['uk', 'uk', 'ru', 'en', 'nb'] as const),
      maritalStatus: single
        ? 'single'
        : faker.helpers.arrayElement(['married', 'cohabiting', 'divorced', 'widowed'] as const),
      hasChildren: !single && faker.datatype.boolean(),
      unaccompaniedMinor: false,
      homeOblast: faker.helpers.arrayElement(UKRAINIAN_REGIONS),
      residence: atCentre
        ? { kind: 'reception-centre', centreName: faker.helpers.arrayElement(RECEPTION_CENTRES) }
        : {
            kind: 'private',
            address: `${faker.helpers.arrayElement(['Storgata', 'Kirkegata', 'Parkveien', 'Skolegata'])} ${faker.number.int({ min: 1, max: 90 })}, 0${faker.number.int({ min: 150, max: 990 })} Oslo`,
          },
      contact: atCentre
        ? {}
        : { phone: `+479${faker.string.numeric(7)}`, email: faker.internet.email().toLowerCase() },
    },
    staysInSafeCountries: faker.datatype.boolean({ probability: 0.25 })
      ? [faker.helpers.arrayElement(['PL', 'DE', 'SE'])]
      : [],
  };
}

const iso = (date: Date) => date.toISOString();
const registered = (now: Date): DemoStep => ({
  command: 'registerWithPolice',
  payload: {
    registeredAt: iso(now),
    policeDistrict: faker.helpers.arrayElement(['Oslo', 'Øst', 'Vest', 'Trøndelag']),
    passport: {
      kind: 'international',
      number: `FX${faker.string.numeric(6)}`,
      expiresOn: '2032-06-30',
      surrendered: true,
    },
    eurodacHit: null,
  },
});
const individual: DemoStep = {
  command: 'assessCollectiveProtection',
  payload: { eligible: false, reason: 'home oblast on the exclusion list' },
};
const invited = (now: Date, inDays: number): DemoStep => ({
  command: 'inviteToInterview',
  payload: {
    scheduledAt: iso(new Date(now.getTime() + inDays * DAY_MS)),
    location: 'oslo',
    interpreterLanguage: 'uk',
  },
});
const interviewed = (now: Date): DemoStep[] => [
  invited(now, 1),
  { command: 'recordInterview', payload: { outcome: 'held', heldAt: iso(now) } },
];

const PATHS: ((now: Date) => { steps: DemoStep[]; expectedStatus: CaseStatus })[] = [
  () => ({ steps: [], expectedStatus: 'lodged' }),
  (now) => ({ steps: [registered(now)], expectedStatus: 'awaiting-collective-assessment' }),
  (now) => ({ steps: [registered(now), individual], expectedStatus: 'individual-assessment' }),
  (now) => ({ steps: [registered(now), individual, invited(now, 4)], expectedStatus: 'interview-scheduled' }),
  (now) => ({
    steps: [registered(now), individual, ...interviewed(now)],
    expectedStatus: 'awaiting-decision',
  }),
  (now) => ({
    steps: [
      registered(now),
      individual,
      ...interviewed(now),
      {
        command: 'decide',
        payload: {
          outcome: 'rejected',
          grounds: 'internal protection available in Lviv',
          internalProtectionOblast: 'Lviv',
        },
      },
    ],
    expectedStatus: 'rejected',
  }),
  (now) => ({
    steps: [
      registered(now),
      individual,
      {
        command: 'registerDublinCase',
        payload: { responsibleState: 'PL', procedure: 'take-charge', eurodacHit: false },
      },
    ],
    expectedStatus: 'dublin-procedure',
  }),
  (now) => ({
    steps: [
      registered(now),
      individual,
      ...interviewed(now),
      { command: 'decide', payload: { outcome: 'rejected', grounds: 'no individual risk on return' } },
      { command: 'lodgeAppeal', payload: { lodgedAt: iso(now), requestsSuspensiveEffect: true } },
      { command: 'reconsiderAppeal', payload: { reversed: false, grounds: 'the appeal brings nothing new' } },
    ],
    expectedStatus: 'at-une',
  }),
  (now) => ({
    steps: [registered(now), individual, { command: 'withdraw', payload: { receivedAt: iso(now) } }],
    expectedStatus: 'departure-pending',
  }),
  (now) => ({
    steps: [
      registered(now),
      individual,
      ...interviewed(now),
      { command: 'decide', payload: { outcome: 'granted-refugee', grounds: '§ 28 first paragraph (a)' } },
    ],
    expectedStatus: 'protection-granted',
  }),
  (now) => ({
    steps: [
      registered(now),
      {
        command: 'assessCollectiveProtection',
        payload: { eligible: true, reason: 'covered by the collective scheme' },
      },
    ],
    expectedStatus: 'collective-protection-granted',
  }),
  (now) => ({
    steps: [registered(now), individual, { command: 'reportLeftNorway', payload: { detectedAt: iso(now) } }],
    expectedStatus: 'dismissed',
  }),
];

const DEMO_ACTOR: Actor = { id: 'demo', role: 'caseworker' };

export interface DemoResult {
  started: number;
  skipped: number;
}

/** Starts the demo cases and drives each along its path, through the same Updates a caseworker sends. */
export async function seedDemo(
  client: Client,
  target: { taskQueue: string; policyProfile: PolicyProfile },
  count: number,
  seed?: number,
): Promise<DemoResult> {
  const result: DemoResult = { started: 0, skipped: 0 };
  for (const demo of demoCases(count, new Date(), seed)) {
    try {
      const handle = await startProtectionCase(client, demo.application, target.taskQueue, {
        policyProfile: target.policyProfile,
      });
      for (const step of demo.steps) {
        await handle.executeUpdate<unknown, [unknown]>(commandUpdates[step.command].name, {
          args: [{ ...step.payload, actor: DEMO_ACTOR }],
        });
      }
      result.started += 1;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      result.skipped += 1;
    }
  }
  return result;
}
