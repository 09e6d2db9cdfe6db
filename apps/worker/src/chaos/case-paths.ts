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

/** What each command of a case was first sent with: a later step may refer to it (an appeal posted after service). */
export type SentPayloads = { [Name in CommandName]?: Omit<CommandPayload<Name>, 'actor'> };

/** A command to send, its payload made when it is first sent and kept for every retry. */
export type CommandStep = {
  [Name in CommandName]: {
    command: Name;
    payload: (now: Date, sent: SentPayloads) => Omit<CommandPayload<Name>, 'actor'>;
    /**
     * The step starts a legal time limit the path must beat (service opens the appeal period), or is the step that
     * beats it (the appeal); or it carries a time that must still lie ahead when it arrives (an interview's), so
     * that no outage may hold it up. See `CaseDriver.holdDeadlineWindows`.
     */
    deadlineWindow?: 'opens' | 'closes' | 'holds';
  };
}[CommandName];
/** Wait until a deadline's consequence is on the case: what a caseworker would see before acting on it. */
export type AwaitEventStep = { awaitEvent: CaseEventType };
/** Wait until a moment the path set itself has come (the time an interview was scheduled for). */
export type AwaitTimeStep = { awaitTime: string; until: (sent: SentPayloads) => string };
export type PathStep = CommandStep | AwaitEventStep | AwaitTimeStep;

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
  /** What the path needs of the application (a stay in a safe country on the way). */
  application?: (application: ApplicationLodged) => ApplicationLodged;
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
  assignCase: 'CaseAssigned',
  addNote: 'NoteAdded',
};

const iso = (date: Date) => date.toISOString();
const step = (command: CommandStep): PathStep => command;
const later = (instant: string, ms: number) => iso(new Date(Date.parse(instant) + ms));

/** A fact an earlier step of the path sent: the path is written so that it is always there. */
function earlier<Value>(value: Value | undefined, what: string): Value {
  if (value === undefined) throw new Error(`the path sends ${what} before this step`);
  return value;
}

const registered = (passportHandedIn: boolean, eurodacHit: string | null = null, deadlineWindow?: 'opens') =>
  step({
    ...(deadlineWindow ? { deadlineWindow } : {}),
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
      eurodacHit: eurodacHit ? { country: eurodacHit } : null,
    }),
  });
const assessedIndividually = step({
  command: 'assessCollectiveProtection',
  payload: () => ({
    eligible: false,
    reason: 'home oblast on the exclusion list',
  }),
});

/** On the accelerated clock a day is a second: the reminder goes three seconds before the interview. */
const INTERVIEW_AFTER_MS = 30_000;

/**
 * Invited (every chaos applicant lives at a private address, so UDI calls first), reminded, and interviewed once the
 * time it was scheduled for has come: an interview is never recorded as held before it (rules version 2). The
 * invitation is kept out of the disruptions, so that it never arrives after its reminder's time; the wait is not.
 */
const interviewed = (phoneCall: { reached: boolean; hotelNight: boolean }): PathStep[] => [
  step({
    command: 'inviteToInterview',
    payload: (now) => ({
      scheduledAt: iso(new Date(now.getTime() + INTERVIEW_AFTER_MS)),
      location: 'oslo',
      interpreterLanguage: 'uk',
      phoneCall: { calledAt: iso(new Date(now.getTime() - 60_000)), ...phoneCall },
    }),
    deadlineWindow: 'holds',
  }),
  { awaitEvent: 'InterviewReminderSent' },
  {
    awaitTime: 'the interview',
    until: (sent) => earlier(sent.inviteToInterview?.scheduledAt, 'the invitation'),
  },
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
/** Under rules version 2 the appeal period runs from service (fvl. § 29), not from the decision. */
const served = (via: 'lawyer' | 'police' | 'post' | 'electronic', deadlineWindow?: 'opens') =>
  step({
    command: 'recordDecisionServed',
    payload: (now) => ({ servedAt: iso(now), via }),
    ...(deadlineWindow ? { deadlineWindow } : {}),
  });
const appealed = (requestsSuspensiveEffect: boolean) =>
  step({
    command: 'lodgeAppeal',
    payload: (now) => ({ lodgedAt: iso(now), requestsSuspensiveEffect }),
    deadlineWindow: 'closes',
  });
const upheldByUdi = step({
  command: 'reconsiderAppeal',
  payload: () => ({ reversed: false, grounds: 'the appeal brings nothing new' }),
});
const departed = step({
  command: 'reportDeparture',
  payload: (now) => ({ departedAt: iso(now), destination: 'PL' }),
});
/**
 * The request to Poland, within the two months a Eurodac hit leaves (Dublin III Art. 21(1), 23(2)): two months are a
 * minute here. A hit at the police registration counts from it, so no outage may come between the two; a hit that
 * came later counts from when it came.
 */
const dublinCase = (procedure: 'take-charge' | 'take-back', hit: 'at-registration' | 'just-now') =>
  step({
    command: 'registerDublinCase',
    payload: (now) => ({
      responsibleState: 'PL',
      procedure,
      eurodacHit: true,
      ...(hit === 'just-now' ? { eurodacHitAt: iso(now) } : {}),
    }),
    ...(hit === 'at-registration' ? { deadlineWindow: 'closes' as const } : {}),
  });

const told = (...templates: NotificationTemplate[]): ExpectedDelivery[] =>
  templates.flatMap((template) => [
    { channel: 'sms', kind: template },
    { channel: 'email', kind: template },
  ]);
const partner = (channel: SignedPartner, kind: string): ExpectedDelivery => ({ channel, kind });

/**
 * Paths through the lifecycle (rules version 2) that together reach every outbound integration: e-mail and SMS to
 * the applicant, the lawyer scheme, the Dublin unit, UNE and the police, with deadline timers (on the accelerated
 * profile, where a day lasts a second) behind the reminders, the police notices and a Dublin state's silence. A
 * path sends no notification twice: the tally tells a real duplicate by channel, recipient and kind.
 */
export const CASE_PATHS: readonly CasePath[] = [
  {
    name: 'granted after an interview (a hotel night arranged in the call), with a work permit decided',
    steps: [
      registered(true),
      assessedIndividually,
      ...interviewed({ reached: true, hotelNight: true }),
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
      'interview-reminder',
      'work-permit-decided',
      'protection-granted',
    ),
  },
  {
    name: 'rejected, served, appealed with suspensive effect granted, upheld by UDI, a copy sent on to UNE, granted by UNE',
    steps: [
      registered(true),
      assessedIndividually,
      ...interviewed({ reached: true, hotelNight: false }),
      rejected(),
      served('lawyer', 'opens'),
      appealed(true),
      step({
        command: 'decideSuspensiveEffect',
        payload: () => ({ granted: true, grounds: 'the applicant may stay while the appeal is considered' }),
      }),
      upheldByUdi,
      step({
        command: 'recordDocument',
        payload: () => ({ kind: 'copy', receivedBy: 'udi', description: 'medical report' }),
      }),
      step({ command: 'recordUneDecision', payload: (now) => ({ outcome: 'granted', decidedAt: iso(now) }) }),
    ],
    expectedStatus: 'protection-granted',
    expectedDeliveries: [
      ...told(
        'assessed-individually',
        'interview-invitation',
        'interview-reminder',
        'application-rejected',
        'decision-served',
        'suspensive-effect-decided',
        'appeal-sent-to-une',
        'une-decided',
      ),
      partner('lawyerScheme', 'assign-lawyer:rejection'),
      partner('une', 'hand-case-to-une'),
      partner('une', 'forward-to-une'),
    ],
  },
  {
    name: 'rejected, served, not appealed, departure deadline passed, police told, departed',
    steps: [
      registered(true),
      assessedIndividually,
      ...interviewed({ reached: false, hotelNight: false }),
      rejected(2),
      served('police'),
      { awaitEvent: 'AppealDeadlinePassed' },
      { awaitEvent: 'DepartureDeadlinePassed' },
      departed,
    ],
    expectedStatus: 'departed',
    expectedDeliveries: [
      ...told(
        'assessed-individually',
        'interview-invitation',
        'interview-reminder',
        'application-rejected',
        'decision-served',
      ),
      partner('lawyerScheme', 'assign-lawyer:rejection'),
      partner('police', 'notify-police:departure-deadline-passed'),
    ],
  },
  {
    name: 'rejected, served, appealed, suspensive effect refused: departure deadline passed during the appeal, police told; UNE upholds, departed',
    steps: [
      registered(true),
      assessedIndividually,
      ...interviewed({ reached: true, hotelNight: false }),
      rejected(2),
      served('electronic', 'opens'),
      appealed(true),
      step({
        command: 'decideSuspensiveEffect',
        payload: () => ({ granted: false, grounds: 'the appeal is clearly unfounded' }),
      }),
      { awaitEvent: 'DepartureDeadlinePassed' },
      upheldByUdi,
      step({
        command: 'recordUneDecision',
        payload: (now) => ({ outcome: 'rejected', decidedAt: iso(now) }),
      }),
      departed,
    ],
    expectedStatus: 'departed',
    expectedDeliveries: [
      ...told(
        'assessed-individually',
        'interview-invitation',
        'interview-reminder',
        'application-rejected',
        'decision-served',
        'suspensive-effect-decided',
        'appeal-sent-to-une',
        'une-decided',
      ),
      partner('lawyerScheme', 'assign-lawyer:rejection'),
      partner('police', 'notify-police:departure-deadline-passed'),
      partner('une', 'hand-case-to-une'),
    ],
  },
  {
    name: 'refused to examine (safe third country), served, not appealed in time as registered: enforced, then an appeal posted before the deadline stops it, police told; UNE upholds, left Norway',
    application: (application) => ({ ...application, staysInSafeCountries: ['SE'] }),
    steps: [
      registered(true),
      assessedIndividually,
      step({
        command: 'decide',
        payload: () => ({
          outcome: 'not-examined-safe-third-country',
          grounds: 'stayed safely in Sweden on the way (utl. § 32 first paragraph (a))',
          returnCountry: 'SE',
          departureDeadlineDays: 2,
        }),
      }),
      served('post'),
      { awaitEvent: 'AppealDeadlinePassed' },
      { awaitEvent: 'DepartureDeadlinePassed' },
      step({
        command: 'lodgeAppeal',
        // Posted a second after service, well inside the three weeks; UDI registers it only now (fvl. § 30).
        payload: (_now, sent) => ({
          lodgedAt: later(earlier(sent.recordDecisionServed?.servedAt, 'service'), 1_000),
          requestsSuspensiveEffect: false,
        }),
      }),
      upheldByUdi,
      step({
        command: 'recordUneDecision',
        payload: (now) => ({ outcome: 'rejected', decidedAt: iso(now), departureDeadlineDays: 90 }),
      }),
      step({ command: 'reportLeftNorway', payload: (now) => ({ detectedAt: iso(now) }) }),
    ],
    expectedStatus: 'departed',
    expectedDeliveries: [
      ...told(
        'assessed-individually',
        'application-not-examined',
        'decision-served',
        'appeal-sent-to-une',
        'une-decided',
      ),
      partner('police', 'notify-police:departure-deadline-passed'),
      partner('police', 'notify-police:enforcement-stopped'),
      partner('une', 'hand-case-to-une'),
    ],
  },
  {
    name: 'Dublin after a late Eurodac hit: request, acceptance, served, no appeal, police told the transfer is due, transferred',
    steps: [
      registered(true),
      assessedIndividually,
      dublinCase('take-charge', 'just-now'),
      step({ command: 'recordDublinReply', payload: (now) => ({ accepted: true, repliedAt: iso(now) }) }),
      // The appeal period, then a departure deadline of three weeks: the transfer must beat the second.
      served('lawyer', 'opens'),
      { awaitEvent: 'AppealDeadlinePassed' },
      step({
        command: 'recordDublinTransfer',
        payload: (now) => ({ transferredAt: iso(now) }),
        deadlineWindow: 'closes',
      }),
    ],
    expectedStatus: 'transferred',
    expectedDeliveries: [
      ...told(
        'assessed-individually',
        'dublin-case-registered',
        'dublin-transfer-decided',
        'decision-served',
      ),
      partner('dublinUnit', 'send-dublin-request'),
      partner('lawyerScheme', 'assign-lawyer:dublin-transfer'),
      partner('police', 'notify-police:dublin-transfer-due'),
    ],
  },
  {
    name: 'Dublin after a Eurodac hit: silence is acceptance, served, the applicant travels on their own: transferred',
    steps: [
      registered(true, 'PL', 'opens'),
      assessedIndividually,
      // Take back on a Eurodac hit: two weeks to answer, fourteen seconds here.
      dublinCase('take-back', 'at-registration'),
      { awaitEvent: 'DublinReplyRecorded' },
      served('police', 'opens'),
      step({
        command: 'reportDeparture',
        payload: (now) => ({ departedAt: iso(now), destination: 'PL' }),
        deadlineWindow: 'closes',
      }),
    ],
    expectedStatus: 'transferred',
    expectedDeliveries: [
      ...told(
        'assessed-individually',
        'dublin-case-registered',
        'dublin-transfer-decided',
        'decision-served',
      ),
      partner('dublinUnit', 'send-dublin-request'),
      partner('lawyerScheme', 'assign-lawyer:dublin-transfer'),
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
    name: 'passport handed in after registration, an original sent to UDI forwarded to the police, then left Norway',
    steps: [
      registered(false),
      assessedIndividually,
      step({
        command: 'recordDocument',
        payload: () => ({
          kind: 'original',
          receivedBy: 'police',
          description: 'International passport',
          passport: { kind: 'international', number: 'FX654321', expiresOn: '2033-01-31' },
        }),
      }),
      step({
        command: 'recordDocument',
        payload: () => ({ kind: 'original', receivedBy: 'udi', description: 'birth certificate' }),
      }),
      step({ command: 'reportLeftNorway', payload: (now) => ({ detectedAt: iso(now) }) }),
    ],
    expectedStatus: 'dismissed',
    expectedDeliveries: [
      ...told('assessed-individually', 'case-dismissed'),
      partner('police', 'forward-original-to-police'),
    ],
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
  const application: ApplicationLodged = {
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
  return pathOfCase(index).application?.(application) ?? application;
}
