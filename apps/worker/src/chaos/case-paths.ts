import type {
  Actor,
  ApplicationLodged,
  CaseEventType,
  CaseStatus,
  CommandName,
  CommandPayload,
  NotificationTemplate,
  Oblast,
} from '@saksflyt/domain';
import type { DeliveryChannel, SignedPartner } from './receivers';

export const CHAOS_ACTOR: Actor = { id: 'chaos-caseworker', role: 'caseworker' };

/** A command to send, its payload made when it is first sent and kept for every retry. */
export type CommandStep = {
  [Name in CommandName]: {
    command: Name;
    payload: (now: Date) => Omit<CommandPayload<Name>, 'actor'>;
    /**
     * The step starts a legal time limit the path must beat (a rejection opens the appeal period), or is the step
     * that beats it (the appeal). See `CaseDriver.holdDeadlineWindows`.
     */
    deadlineWindow?: 'opens' | 'closes';
  };
}[CommandName];
/** Wait until a deadline's consequence is on the case: what a caseworker would see before acting on it. */
export type AwaitStep = { awaitEvent: CaseEventType };
export type PathStep = CommandStep | AwaitStep;

/**
 * A message the path must cause, on one channel: an applicant's notification (by template) goes out as SMS and
 * e-mail, a partner's by what the partner reads as its kind.
 */
export interface ExpectedDelivery {
  channel: DeliveryChannel;
  kind: string;
}

export interface CasePath {
  name: string;
  steps: PathStep[];
  expectedStatus: CaseStatus;
  expectedDeliveries: ExpectedDelivery[];
}

/** The one event each command records when accepted: how an accepted update is found among the case's events. */
export const EVENT_OF_COMMAND: Record<CommandName, CaseEventType> = {
  registerWithPolice: 'RegisteredWithPolice',
  assessCollectiveProtection: 'CollectiveProtectionAssessed',
  registerDublinCase: 'DublinCaseRegistered',
  recordDublinReply: 'DublinReplyRecorded',
  extendDublinTransferDeadline: 'DublinTransferDeadlineExtended',
  recordDublinTransfer: 'DublinTransferred',
  inviteToInterview: 'InterviewScheduled',
  recordInterview: 'InterviewRecorded',
  decide: 'DecisionMade',
  lodgeAppeal: 'AppealLodged',
  reconsiderAppeal: 'AppealReconsidered',
  recordUneDecision: 'UneDecisionRecorded',
  recordDecisionServed: 'DecisionServed',
  decideSuspensiveEffect: 'SuspensiveEffectDecided',
  withdraw: 'ApplicationWithdrawn',
  reportLeftNorway: 'LeftNorwayReported',
  reportDeparture: 'DepartureReported',
  applyForWorkPermit: 'WorkPermitDecided',
  updateContactInfo: 'ContactInfoUpdated',
  recordDocument: 'DocumentRecorded',
};

const iso = (date: Date) => date.toISOString();
const step = (command: CommandStep): PathStep => command;

const registered = (passportHandedIn: boolean) =>
  step({
    command: 'registerWithPolice',
    payload: (now) => ({
      registeredAt: iso(now),
      policeDistrict: 'Øst',
      passport: {
        kind: 'international',
        number: 'FX123456',
        expiresOn: '2032-06-30',
        surrendered: passportHandedIn,
      },
      eurodacHit: null,
    }),
  });
const assessedIndividually = step({
  command: 'assessCollectiveProtection',
  payload: () => ({
    eligible: false,
    reason: 'home oblast on the exclusion list',
  }),
});
const interviewed = [
  // Far enough ahead that a retry after an outage is still in the future, and no reminder falls due first.
  step({
    command: 'inviteToInterview',
    payload: (now) => ({
      scheduledAt: iso(new Date(now.getTime() + 60 * 60 * 1000)),
      location: 'oslo',
      interpreterLanguage: 'uk',
    }),
  }),
  step({ command: 'recordInterview', payload: (now) => ({ outcome: 'held', heldAt: iso(now) }) }),
];
const rejected = (departureDeadlineDays?: number) =>
  step({
    command: 'decide',
    payload: () => ({
      outcome: 'rejected',
      grounds: 'no individual risk on return',
      ...(departureDeadlineDays === undefined ? {} : { departureDeadlineDays }),
    }),
  });
const departed = step({
  command: 'reportDeparture',
  payload: (now) => ({ departedAt: iso(now), destination: 'PL' }),
});

const told = (...templates: NotificationTemplate[]): ExpectedDelivery[] =>
  templates.flatMap((template) => [
    { channel: 'sms', kind: template },
    { channel: 'email', kind: template },
  ]);
const partner = (channel: SignedPartner, kind: string): ExpectedDelivery => ({ channel, kind });

/**
 * Paths through the lifecycle that together reach every outbound integration: e-mail and SMS to the applicant,
 * the lawyer scheme, the Dublin unit, UNE and the police, with deadline timers (on the accelerated profile, where a
 * day lasts a second) behind the police notices.
 */
export const CASE_PATHS: readonly CasePath[] = [
  {
    name: 'granted after an interview, with a work permit decided',
    steps: [
      registered(true),
      assessedIndividually,
      ...interviewed,
      step({ command: 'applyForWorkPermit', payload: (now) => ({ appliedAt: iso(now) }) }),
      step({
        command: 'decide',
        payload: () => ({ outcome: 'granted-refugee', grounds: '§ 28 first paragraph (a)' }),
      }),
    ],
    expectedStatus: 'protection-granted',
    expectedDeliveries: told(
      'assessed-individually',
      'interview-invitation',
      'work-permit-decided',
      'protection-granted',
    ),
  },
  {
    name: 'rejected, appealed, upheld by UDI, granted by UNE',
    steps: [
      registered(true),
      assessedIndividually,
      ...interviewed,
      { ...rejected(), deadlineWindow: 'opens' } as PathStep,
      step({
        command: 'lodgeAppeal',
        payload: (now) => ({ lodgedAt: iso(now), requestsSuspensiveEffect: true }),
        deadlineWindow: 'closes',
      }),
      step({
        command: 'reconsiderAppeal',
        payload: () => ({ reversed: false, grounds: 'the appeal brings nothing new' }),
      }),
      step({ command: 'recordUneDecision', payload: (now) => ({ outcome: 'granted', decidedAt: iso(now) }) }),
    ],
    expectedStatus: 'protection-granted',
    expectedDeliveries: [
      ...told(
        'assessed-individually',
        'interview-invitation',
        'application-rejected',
        'appeal-sent-to-une',
        'une-decided',
      ),
      partner('lawyerScheme', 'assign-lawyer:rejection'),
      partner('une', 'hand-case-to-une'),
    ],
  },
  {
    name: 'rejected, not appealed, departure deadline passed, police told, departed',
    steps: [
      registered(true),
      assessedIndividually,
      ...interviewed,
      rejected(2),
      { awaitEvent: 'DepartureDeadlinePassed' },
      departed,
    ],
    expectedStatus: 'departed',
    expectedDeliveries: [
      ...told('assessed-individually', 'interview-invitation', 'application-rejected'),
      partner('lawyerScheme', 'assign-lawyer:rejection'),
      partner('police', 'notify-police:departure-deadline-passed'),
    ],
  },
  {
    name: 'Dublin: request, acceptance, no appeal, police told the transfer is due, transferred',
    steps: [
      registered(true),
      assessedIndividually,
      step({
        command: 'registerDublinCase',
        payload: () => ({
          responsibleState: 'PL',
          procedure: 'take-charge',
          eurodacHit: false,
        }),
      }),
      step({ command: 'recordDublinReply', payload: (now) => ({ accepted: true, repliedAt: iso(now) }) }),
      { awaitEvent: 'AppealDeadlinePassed' },
      step({ command: 'recordDublinTransfer', payload: (now) => ({ transferredAt: iso(now) }) }),
    ],
    expectedStatus: 'transferred',
    expectedDeliveries: [
      ...told('assessed-individually', 'dublin-case-registered', 'dublin-transfer-decided'),
      partner('dublinUnit', 'send-dublin-request'),
      partner('lawyerScheme', 'assign-lawyer:dublin-transfer'),
      partner('police', 'notify-police:dublin-transfer-due'),
    ],
  },
  {
    name: 'withdrawn while holding another permit',
    steps: [
      registered(true),
      assessedIndividually,
      step({ command: 'withdraw', payload: (now) => ({ receivedAt: iso(now), exemption: 'other-permit' }) }),
    ],
    expectedStatus: 'withdrawn',
    expectedDeliveries: told('assessed-individually', 'withdrawal-confirmed'),
  },
  {
    name: 'withdrawn with a duty to leave, departure deadline passed, police told, departed',
    steps: [
      registered(true),
      assessedIndividually,
      step({ command: 'withdraw', payload: (now) => ({ receivedAt: iso(now) }) }),
      { awaitEvent: 'DepartureDeadlinePassed' },
      departed,
    ],
    expectedStatus: 'departed',
    expectedDeliveries: [
      ...told('assessed-individually', 'withdrawal-confirmed'),
      partner('police', 'notify-police:departure-deadline-passed'),
    ],
  },
  {
    name: 'passport handed in after registration, then left Norway',
    steps: [
      registered(false),
      assessedIndividually,
      step({
        command: 'recordDocument',
        payload: () => ({
          kind: 'original',
          receivedBy: 'police',
          description: 'International passport',
          isPassport: true,
        }),
      }),
      step({ command: 'reportLeftNorway', payload: (now) => ({ detectedAt: iso(now) }) }),
    ],
    expectedStatus: 'dismissed',
    expectedDeliveries: told('assessed-individually', 'case-dismissed'),
  },
  {
    name: 'collective protection',
    steps: [
      registered(true),
      step({
        command: 'assessCollectiveProtection',
        payload: () => ({ eligible: true, reason: 'covered by the collective scheme' }),
      }),
    ],
    expectedStatus: 'collective-protection-granted',
    expectedDeliveries: told('collective-protection-granted'),
  },
];

/** The path of the n-th case: the paths in turn, so that every path gets its share of the cases. */
export function pathOfCase(index: number): CasePath {
  return CASE_PATHS[index % CASE_PATHS.length] as CasePath;
}

const LANGUAGES = ['uk', 'ru', 'en', 'nb'] as const;
const OBLASTS: readonly Oblast[] = ['Kharkiv', 'Donetsk', 'Kyiv', 'Odesa', 'Lviv'];
const NAMES = [
  'Olena Kovalenko',
  'Andrii Shevchenko',
  'Iryna Bondarenko',
  'Taras Melnyk',
  'Oksana Tkachenko',
];

/**
 * The n-th chaos application: at a private address with both phone and e-mail, so that every notification goes
 * out by SMS and by e-mail to receivers the test can count, each recipient unique to its case.
 */
export function chaosApplication(index: number, now: Date): ApplicationLodged {
  const serial = String(index).padStart(6, '0');
  return {
    dufNumber: `202699${serial}`,
    lodgedAt: iso(new Date(now.getTime() - 60_000)),
    applicant: {
      fullName: NAMES[index % NAMES.length] ?? 'Olena Kovalenko',
      dateOfBirth: '1988-05-14',
      nationality: 'UKR',
      preferredLanguage: LANGUAGES[index % LANGUAGES.length] ?? 'uk',
      maritalStatus: 'single',
      hasChildren: false,
      unaccompaniedMinor: false,
      homeOblast: OBLASTS[index % OBLASTS.length] ?? 'Kharkiv',
      residence: { kind: 'private', address: `Storgata ${index + 1}, 0155 Oslo` },
      contact: { phone: `+4790${serial}`, email: `applicant-${serial}@chaos.example` },
    },
    staysInSafeCountries: [],
  };
}
