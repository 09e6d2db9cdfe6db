// Client-side, like client.ts: not part of the workflow bundle.
import { fakerUK as faker } from '@faker-js/faker';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Actor,
  type ApplicationLodged,
  type CaseStatus,
  type CommandName,
  type CommandPayload,
  FACT_TIME_FIELD,
  POLICY_PROFILES,
  type PolicyProfile,
  UKRAINIAN_REGIONS,
  type WorkItem,
} from '@saksflyt/domain';
import { commandContext, startProtectionCase } from './client';
import { commandUpdates } from './messages';

export type DemoStep = {
  [Name in CommandName]: {
    command: Name;
    payload: Omit<CommandPayload<Name>, 'actor'>;
    /** Not sent before this moment: an interview is recorded once the time it was scheduled for has come. */
    notBefore?: string;
  };
}[CommandName];

export interface DemoCase {
  /** Which of the demo's paths the case takes. */
  path: DemoPathName;
  application: ApplicationLodged;
  steps: DemoStep[];
  /** Where the steps leave the case. */
  expectedStatus: CaseStatus;
  /** What the case then waits for someone at UDI to do: the dashboard's work lists. */
  expectedWorkItems: WorkItem[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How long after a demo case is seeded its interview is held. An interview is never recorded before the time it
 * was scheduled for (rules version 2), so seeding waits this long for the cases that have one, the others going on
 * meanwhile.
 */
export const DEMO_INTERVIEW_AFTER_MS = 5_000;
const RECEPTION_CENTRES = [
  'Råde mottak',
  'Hvalstad transittmottak',
  'Trondheim mottak',
  'Bergen mottak',
  'Tromsø mottak',
];

/**
 * A realistic spread of cases: generated Ukrainian names, mixed home areas and households, some at reception
 * centres and some at private addresses, and paths that leave them in different statuses, some with deadlines near,
 * some with work waiting (a decision not yet served, a request for suspensive effect, a call that did not reach the
 * applicant), some finished.
 */
export function demoCases(count: number, now: Date, seed = 2026): DemoCase[] {
  faker.seed(seed);
  return Array.from({ length: count }, (_unused, index) => {
    const path = DEMO_PATHS[index % DEMO_PATHS.length] as (DemoPath & { name: DemoPathName }) | undefined;
    if (!path) throw new Error('no demo paths');
    const generated = demoApplication(now);
    const application = path.application?.(generated) ?? generated;
    return {
      path: path.name,
      application,
      steps: path.steps(now, application),
      expectedStatus: path.expectedStatus,
      expectedWorkItems: path.expectedWorkItems ?? [],
    };
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
      ...(atCentre
        ? {
            residence: {
              kind: 'reception-centre',
              centreName: faker.helpers.arrayElement(RECEPTION_CENTRES),
            },
            contact: {},
          }
        : privateAddress()),
    },
    staysInSafeCountries: faker.datatype.boolean({ probability: 0.25 })
      ? [faker.helpers.arrayElement(['PL', 'DE', 'SE'])]
      : [],
  };
}

function privateAddress(): Pick<ApplicationLodged['applicant'], 'residence' | 'contact'> {
  return {
    residence: {
      kind: 'private',
      address: `${faker.helpers.arrayElement(['Storgata', 'Kirkegata', 'Parkveien', 'Skolegata'])} ${faker.number.int({ min: 1, max: 90 })}, 0${faker.number.int({ min: 150, max: 990 })} Oslo`,
    },
    contact: { phone: `+479${faker.string.numeric(7)}`, email: faker.internet.email().toLowerCase() },
  };
}

/** The applicant lives at a private address: UDI calls before an interview. */
const atPrivateAddress = (application: ApplicationLodged): ApplicationLodged =>
  application.applicant.residence.kind === 'private'
    ? application
    : { ...application, applicant: { ...application.applicant, ...privateAddress() } };

/** The applicant stayed in a safe country on the way to Norway: UDI may refuse to examine the application. */
const staysInSafeCountry = (application: ApplicationLodged): ApplicationLodged =>
  application.staysInSafeCountries.length > 0
    ? application
    : { ...application, staysInSafeCountries: ['PL'] };

const iso = (date: Date) => date.toISOString();
const after = (now: Date, ms: number) => new Date(now.getTime() + ms);
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
const assessed = (now: Date) => [registered(now), individual];

/** The seed: at a private address UDI calls first (and may book a hotel night); at a centre the staff tell them. */
const invited = (
  now: Date,
  application: ApplicationLodged,
  scheduledAt: Date,
  callReached = true,
): DemoStep => ({
  command: 'inviteToInterview',
  payload: {
    scheduledAt: iso(scheduledAt),
    location: faker.helpers.arrayElement(['oslo', 'oslo', 'trondheim'] as const),
    interpreterLanguage: application.applicant.preferredLanguage === 'ru' ? 'ru' : 'uk',
    ...(application.applicant.residence.kind === 'private'
      ? {
          phoneCall: {
            calledAt: iso(after(now, -60_000)),
            reached: callReached,
            hotelNight: callReached && faker.datatype.boolean({ probability: 0.3 }),
          },
        }
      : {}),
  },
});
/** Interviewed once its time has come; what follows happens then. */
const interviewed = (now: Date, application: ApplicationLodged): { steps: DemoStep[]; then: Date } => {
  const heldAt = after(now, DEMO_INTERVIEW_AFTER_MS);
  return {
    steps: [
      invited(now, application, heldAt),
      {
        command: 'recordInterview',
        payload: { outcome: 'held', heldAt: iso(heldAt) },
        notBefore: iso(heldAt),
      },
    ],
    then: heldAt,
  };
};
const rejection: DemoStep = {
  command: 'decide',
  payload: { outcome: 'rejected', grounds: 'no individual risk on return' },
};
const served = (at: Date, via: 'lawyer' | 'police' | 'post' | 'electronic'): DemoStep => ({
  command: 'recordDecisionServed',
  payload: { servedAt: iso(at), via },
});
const appealed = (at: Date, requestsSuspensiveEffect: boolean): DemoStep => ({
  command: 'lodgeAppeal',
  payload: { lodgedAt: iso(at), requestsSuspensiveEffect },
});
const upheldByUdi: DemoStep = {
  command: 'reconsiderAppeal',
  payload: { reversed: false, grounds: 'the appeal brings nothing new' },
};
const dublinRequest: DemoStep = {
  command: 'registerDublinCase',
  payload: { responsibleState: 'PL', procedure: 'take-charge', eurodacHit: false },
};

/** An interview, a rejection on the merits, and what follows it. */
const rejectedAfterInterview = (
  now: Date,
  application: ApplicationLodged,
  then: (at: Date) => DemoStep[],
): DemoStep[] => {
  const interview = interviewed(now, application);
  return [...assessed(now), ...interview.steps, rejection, ...then(interview.then)];
};

interface DemoPath {
  name: string;
  /** What the path needs of the application: a private address (UDI's call), a stay in a safe country. */
  application?: (application: ApplicationLodged) => ApplicationLodged;
  steps: (now: Date, application: ApplicationLodged) => DemoStep[];
  expectedStatus: CaseStatus;
  expectedWorkItems?: WorkItem[];
}

/** The paths in turn: the first twelve leave twelve statuses, the rest the work of rules version 2 and its endings. */
const DEMO_PATHS = [
  { name: 'lodged', steps: () => [], expectedStatus: 'lodged' },
  { name: 'registered', steps: (now) => [registered(now)], expectedStatus: 'awaiting-collective-assessment' },
  { name: 'assessed-individually', steps: assessed, expectedStatus: 'individual-assessment' },
  {
    name: 'invited',
    steps: (now, application) => [...assessed(now), invited(now, application, after(now, 4 * DAY_MS))],
    expectedStatus: 'interview-scheduled',
  },
  {
    name: 'interviewed',
    steps: (now, application) => [...assessed(now), ...interviewed(now, application).steps],
    expectedStatus: 'awaiting-decision',
  },
  {
    name: 'rejected-and-served',
    steps: (now, application) =>
      rejectedAfterInterview(now, application, (at) => [served(at, 'lawyer')]).map((step) =>
        step.command === 'decide'
          ? {
              ...step,
              payload: {
                outcome: 'rejected',
                grounds: 'internal protection available in Lviv',
                internalProtectionOblast: 'Lviv',
              },
            }
          : step,
      ),
    expectedStatus: 'rejected',
  },
  {
    name: 'dublin-requested',
    steps: (now) => [...assessed(now), dublinRequest],
    expectedStatus: 'dublin-procedure',
  },
  {
    name: 'at-une-suspensive-effect-waiting',
    steps: (now, application) =>
      rejectedAfterInterview(now, application, (at) => [
        served(at, 'lawyer'),
        appealed(at, true),
        upheldByUdi,
      ]),
    expectedStatus: 'at-une',
    expectedWorkItems: ['suspensive-effect-waiting'],
  },
  {
    name: 'withdrawn-with-duty-to-leave',
    steps: (now) => [...assessed(now), { command: 'withdraw', payload: { receivedAt: iso(now) } }],
    expectedStatus: 'departure-pending',
  },
  {
    name: 'granted',
    steps: (now, application) => {
      const interview = interviewed(now, application);
      return [
        ...assessed(now),
        ...interview.steps,
        { command: 'decide', payload: { outcome: 'granted-refugee', grounds: '§ 28 first paragraph (a)' } },
      ];
    },
    expectedStatus: 'protection-granted',
  },
  {
    name: 'collective-protection',
    steps: (now) => [
      registered(now),
      {
        command: 'assessCollectiveProtection',
        payload: { eligible: true, reason: 'covered by the collective scheme' },
      },
    ],
    expectedStatus: 'collective-protection-granted',
  },
  {
    name: 'left-norway-while-waiting',
    steps: (now) => [...assessed(now), { command: 'reportLeftNorway', payload: { detectedAt: iso(now) } }],
    expectedStatus: 'dismissed',
  },
  {
    name: 'invited-call-not-reached',
    application: atPrivateAddress,
    steps: (now, application) => [...assessed(now), invited(now, application, after(now, 6 * DAY_MS), false)],
    expectedStatus: 'interview-scheduled',
    expectedWorkItems: ['interview-call-not-reached'],
  },
  {
    name: 'refused-to-examine-not-served',
    application: staysInSafeCountry,
    steps: (now, application) => [
      ...assessed(now),
      {
        command: 'decide',
        payload: {
          outcome: 'not-examined-safe-third-country',
          grounds: 'stayed safely in another country on the way (utl. § 32 first paragraph (a))',
          returnCountry: application.staysInSafeCountries[0] ?? 'PL',
        },
      },
    ],
    expectedStatus: 'rejected',
    expectedWorkItems: ['decision-not-served'],
  },
  {
    name: 'rejected-not-served',
    steps: (now, application) => rejectedAfterInterview(now, application, () => []),
    expectedStatus: 'rejected',
    expectedWorkItems: ['decision-not-served'],
  },
  {
    name: 'appealed-before-service-suspensive-effect-waiting',
    steps: (now, application) => rejectedAfterInterview(now, application, (at) => [appealed(at, true)]),
    expectedStatus: 'appeal-reconsideration',
    expectedWorkItems: ['suspensive-effect-waiting'],
  },
  {
    name: 'departed-after-une',
    steps: (now, application) =>
      rejectedAfterInterview(now, application, (at) => [
        served(at, 'police'),
        appealed(at, false),
        upheldByUdi,
        { command: 'recordUneDecision', payload: { outcome: 'rejected', decidedAt: iso(at) } },
        { command: 'reportDeparture', payload: { departedAt: iso(at) } },
      ]),
    expectedStatus: 'departed',
  },
  {
    name: 'dublin-travelled-alone',
    steps: (now) => [
      ...assessed(now),
      dublinRequest,
      { command: 'recordDublinReply', payload: { accepted: true, repliedAt: iso(now) } },
      served(now, 'police'),
      { command: 'reportDeparture', payload: { departedAt: iso(now), destination: 'PL' } },
    ],
    expectedStatus: 'transferred',
  },
  {
    name: 'at-une-suspensive-effect-refused',
    steps: (now, application) =>
      rejectedAfterInterview(now, application, (at) => [
        served(at, 'electronic'),
        appealed(at, true),
        {
          command: 'decideSuspensiveEffect',
          payload: { granted: false, grounds: 'the appeal is clearly unfounded' },
        },
        upheldByUdi,
      ]),
    expectedStatus: 'at-une',
  },
] as const satisfies readonly DemoPath[];

export type DemoPathName = (typeof DEMO_PATHS)[number]['name'];
export const DEMO_PATH_COUNT = DEMO_PATHS.length;

const DEMO_ACTOR: Actor = { id: 'demo', role: 'caseworker' };
/** How many cases are seeded at once: a case waiting for its interview's time lets the others go on. */
const SEEDING_CONCURRENCY = 8;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** Every date-time in the value moved by `ms` (dates without a time, such as a birth date, stay). */
function shifted<Value>(value: Value, ms: number): Value {
  if (typeof value === 'string' && DATE_TIME.test(value))
    return new Date(Date.parse(value) + ms).toISOString() as Value;
  if (Array.isArray(value)) return value.map((item: unknown) => shifted(item, ms)) as Value;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shifted(item, ms)])) as Value;
  return value;
}

/** The case's timeline moved by `ms`: seeded later than generated, its interview is still ahead when invited. */
export function retimed(demo: DemoCase, ms: number): DemoCase {
  return { ...demo, application: shifted(demo.application, ms), steps: shifted(demo.steps, ms) };
}

/**
 * The payload as it is sent at `now`: its fact (a registration, a service, an appeal posted) dated the moment it is
 * recorded, so that it follows the decision it answers however long the steps before it took.
 */
export function payloadAt(step: DemoStep, now: Date): Record<string, unknown> {
  const field = FACT_TIME_FIELD[step.command];
  const payload = { ...step.payload } as Record<string, unknown>;
  if (field && field in payload) payload[field] = now.toISOString();
  return payload;
}

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
  /** Told of each case as it starts, e.g. to put the applicant in the person index as the API does. */
  onStarted: (application: ApplicationLodged) => Promise<void> = async () => undefined,
): Promise<DemoResult> {
  const generatedAt = Date.now();
  const cases = demoCases(count, new Date(generatedAt), seed);
  const result: DemoResult = { started: 0, skipped: 0 };
  let next = 0;
  let failed = false;

  async function seedOne(generated: DemoCase): Promise<void> {
    const demo = retimed(generated, Date.now() - generatedAt);
    // On a scaled clock (a day a second) "lodged hours ago" is months ago, past the Dublin request period and more:
    // such a demo case is lodged as it starts.
    const scaled = POLICY_PROFILES[target.policyProfile][0]?.secondsPerDay !== undefined;
    const application = scaled
      ? { ...demo.application, lodgedAt: new Date().toISOString() }
      : demo.application;
    let handle: Awaited<ReturnType<typeof startProtectionCase>>;
    try {
      handle = await startProtectionCase(client, application, target.taskQueue, {
        policyProfile: target.policyProfile,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      result.skipped += 1;
      return;
    }
    await onStarted(application);
    for (const step of demo.steps) {
      const wait = step.notBefore ? Date.parse(step.notBefore) - Date.now() : 0;
      if (wait > 0) await sleep(wait);
      await handle.executeUpdate<unknown, [unknown, unknown]>(commandUpdates[step.command].name, {
        args: [{ ...payloadAt(step, new Date()), actor: DEMO_ACTOR }, await commandContext(client)],
      });
    }
    result.started += 1;
  }

  async function seeder(): Promise<void> {
    for (let demo = cases[next++]; demo && !failed; demo = cases[next++]) {
      try {
        await seedOne(demo);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(SEEDING_CONCURRENCY, cases.length) }, seeder));
  return result;
}
