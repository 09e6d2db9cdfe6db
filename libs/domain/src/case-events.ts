import { z } from 'zod';
import { Actor } from './actor';
import {
  ApplicationLodged,
  Contact,
  CountryAlpha2,
  IsoDate,
  IsoDateTime,
  PreferredLanguage,
  Residence,
} from './application-lodged';
import {
  AppealSubject,
  CollectiveScreening,
  FirstInstanceDecision,
  RulesVersion,
  WorkPermitIneligibility,
} from './case-state';
import { NOTIFICATION_TEMPLATES } from './effects';
import {
  DocumentKind,
  DocumentReceiver,
  DublinProcedure,
  ForwardDestination,
  HandedInPassportKind,
  InterviewLocation,
  InterviewOutcome,
  MessageChannel,
  PassportKind,
  PoliceNoticeReason,
  ServiceChannel,
  TransferExtensionReason,
  UneForwardSubject,
  UneOutcome,
  WithdrawalExemption,
} from './vocabulary';

const event = <Type extends string, Data extends z.ZodType>(type: Type, data: Data) =>
  z.object({
    seq: z.number().int().positive(),
    type: z.literal(type),
    at: IsoDateTime,
    actor: Actor,
    data,
  });

const departureDeadline = { departureDueAt: IsoDateTime, policyVersion: z.string() };

export const ApplicationLodgedEvent = event(
  'ApplicationLodged',
  z.object({
    application: ApplicationLodged,
    screening: CollectiveScreening,
    /** Absent on the cases of the first release: version 1. */
    rulesVersion: RulesVersion.optional(),
  }),
);
export const RegisteredWithPolice = event(
  'RegisteredWithPolice',
  z.object({
    registeredAt: IsoDateTime,
    policeDistrict: z.string(),
    passport: z.object({
      kind: PassportKind,
      number: z.string().optional(),
      expiresOn: IsoDate.optional(),
      surrendered: z.boolean(),
    }),
    eurodacHit: z.object({ country: CountryAlpha2 }).nullable(),
  }),
);
export const CollectiveProtectionAssessed = event(
  'CollectiveProtectionAssessed',
  z.object({
    eligible: z.boolean(),
    reason: z.string(),
    followedScreening: z.boolean(),
    /** Individual assessment under rules version 2: the last moment for a Dublin request (Art. 21(1), 23(2)). */
    dublinRequestDueAt: IsoDateTime.optional(),
    policyVersion: z.string().optional(),
  }),
);
export const DublinCaseRegistered = event(
  'DublinCaseRegistered',
  z.object({
    responsibleState: CountryAlpha2,
    procedure: DublinProcedure,
    eurodacHit: z.boolean(),
    eurodacHitAt: IsoDateTime.optional(),
    familyInResponsibleState: z.boolean().optional(),
    previouslyProcessedThere: z.boolean().optional(),
    replyDueAt: IsoDateTime,
    policyVersion: z.string(),
  }),
);
export const DublinReplyRecorded = event(
  'DublinReplyRecorded',
  z.object({
    accepted: z.boolean(),
    repliedAt: IsoDateTime,
    /** Silence until the reply deadline counts as acceptance (Dublin III Art. 22(7), 25(2)). */
    implicit: z.boolean(),
    appealDueAt: IsoDateTime.optional(),
    transferDueAt: IsoDateTime.optional(),
    policyVersion: z.string(),
  }),
);
export const DublinTransferDeadlineExtended = event(
  'DublinTransferDeadlineExtended',
  z.object({
    reason: TransferExtensionReason,
    transferDueAt: IsoDateTime,
    policyVersion: z.string(),
  }),
);
export const DublinTransferDeadlineLapsed = event(
  'DublinTransferDeadlineLapsed',
  z.object({
    dueAt: IsoDateTime,
    /** The police had been told to carry out the transfer: they are told it has fallen. */
    stopsEnforcement: z.boolean().optional(),
  }),
);
export const DublinTransferred = event('DublinTransferred', z.object({ transferredAt: IsoDateTime }));
export const InterviewScheduled = event(
  'InterviewScheduled',
  z.object({
    scheduledAt: IsoDateTime,
    location: InterviewLocation,
    interpreterLanguage: z.string(),
    phoneCall: z.object({ calledAt: IsoDateTime, reached: z.boolean(), hotelNight: z.boolean() }).optional(),
    reminderAt: IsoDateTime.optional(),
    rescheduled: z.boolean(),
  }),
);
export const InterviewReminderSent = event('InterviewReminderSent', z.object({ scheduledAt: IsoDateTime }));
export const InterviewRecorded = event(
  'InterviewRecorded',
  z.object({ outcome: InterviewOutcome, heldAt: IsoDateTime }),
);
export const DecisionMade = event(
  'DecisionMade',
  FirstInstanceDecision.extend({ appealDueAt: IsoDateTime.optional() }),
);
export const DecisionServed = event(
  'DecisionServed',
  z.object({
    against: AppealSubject,
    servedAt: IsoDateTime,
    via: ServiceChannel,
    appealDueAt: IsoDateTime,
    policyVersion: z.string(),
  }),
);
export const AppealLodged = event(
  'AppealLodged',
  z.object({
    against: AppealSubject,
    lodgedAt: IsoDateTime,
    requestsSuspensiveEffect: z.boolean(),
    /** Registered after the deadline it was posted before (fvl. § 30): that deadline. */
    postedBeforeDeadline: IsoDateTime.optional(),
    lateAppealExcused: z.object({ grounds: z.string() }).optional(),
    /** Dublin, no suspensive effect asked: the transfer goes ahead, and the police are told it is due. */
    transferGoesAhead: z.boolean().optional(),
    departureDueAt: IsoDateTime.optional(),
    policyVersion: z.string().optional(),
    /** The police had been told to enforce: the appeal stops it, and they are told so. */
    stopsEnforcement: z.boolean().optional(),
  }),
);
export const SuspensiveEffectDecided = event(
  'SuspensiveEffectDecided',
  z.object({
    granted: z.boolean(),
    grounds: z.string(),
    /** Refused: the departure deadline runs during the appeal. */
    departureDueAt: IsoDateTime.optional(),
    policyVersion: z.string(),
  }),
);
export const AppealDeadlinePassed = event(
  'AppealDeadlinePassed',
  z.object({ against: AppealSubject, dueAt: IsoDateTime, ...departureDeadline }).partial({
    departureDueAt: true,
    policyVersion: true,
  }),
);
export const AppealReconsidered = event(
  'AppealReconsidered',
  z.object({ reversed: z.boolean(), grounds: z.string(), stopsEnforcement: z.boolean().optional() }),
);
export const UneDecisionRecorded = event(
  'UneDecisionRecorded',
  z.object({
    outcome: UneOutcome,
    decidedAt: IsoDateTime,
    departureDueAt: IsoDateTime.optional(),
    transferDueAt: IsoDateTime.optional(),
    policyVersion: z.string(),
    stopsEnforcement: z.boolean().optional(),
  }),
);
export const DepartureDeadlinePassed = event('DepartureDeadlinePassed', z.object({ dueAt: IsoDateTime }));
export const ApplicationWithdrawn = event(
  'ApplicationWithdrawn',
  z.object({
    receivedAt: IsoDateTime,
    exemption: WithdrawalExemption.optional(),
    departureDueAt: IsoDateTime.optional(),
    policyVersion: z.string(),
  }),
);
export const LeftNorwayReported = event(
  'LeftNorwayReported',
  z.object({
    detectedAt: IsoDateTime,
    /** After a decision to leave, leaving is the duty met, not a dismissal (the seed's rule is for waiting cases). */
    dutyToLeaveMet: z.boolean().optional(),
    /** UNE held the case: it is told (rules version 2). */
    informsUne: z.boolean().optional(),
  }),
);
/** No request to another Dublin state in time (Art. 21(1), 23(2)): Norway is responsible. */
export const DublinRequestPeriodEnded = event('DublinRequestPeriodEnded', z.object({ dueAt: IsoDateTime }));
export const DepartureReported = event(
  'DepartureReported',
  z.object({
    departedAt: IsoDateTime,
    destination: CountryAlpha2.optional(),
    informsUne: z.boolean().optional(),
  }),
);
export const WorkPermitDecided = event(
  'WorkPermitDecided',
  z.object({ appliedAt: IsoDateTime, granted: z.boolean(), reasons: z.array(WorkPermitIneligibility) }),
);
export const ContactInfoUpdated = event(
  'ContactInfoUpdated',
  z.object({ residence: Residence.optional(), contact: Contact.optional() }),
);
export const DocumentRecorded = event(
  'DocumentRecorded',
  z.object({
    kind: DocumentKind,
    receivedBy: DocumentReceiver,
    description: z.string(),
    isPassport: z.boolean().optional(),
    passport: z.object({ kind: HandedInPassportKind, number: z.string(), expiresOn: IsoDate }).optional(),
    /** UDI sends it on: to UNE once UNE holds the case, an original to the police. */
    forwardTo: ForwardDestination.optional(),
  }),
);
/** Who holds the case now (`null`: its team's queue), who held it before, and the team it belongs to. */
export const CaseAssigned = event(
  'CaseAssigned',
  z.object({ assignee: z.string().nullable(), previousAssignee: z.string().nullable(), team: z.string() }),
);
/** An internal note: on the record with its author (the actor) and time, never in a message to the applicant. */
export const NoteAdded = event('NoteAdded', z.object({ text: z.string() }));
/** An invalid signal from an outside system: recorded, never a failed workflow (contract §1). */
export const CommandRejected = event(
  'CommandRejected',
  z.object({
    command: z.string(),
    error: z.enum(['ValidationError', 'InvalidTransition']),
    message: z.string(),
    issues: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional(),
  }),
);

/** A side effect that could not be carried out (bad configuration, refused by the receiver): someone must act. */
export const EffectFailed = event(
  'EffectFailed',
  z.object({ effect: z.string(), causedBySeq: z.number().int().positive(), error: z.string() }),
);

/** What was done, recorded once it happened (rules version 2): the record, not the outbox, tells the auditor. */
const done = { causedBySeq: z.number().int().positive(), channel: z.string(), doneAt: IsoDateTime };

/**
 * One message as it went out, word for word: the record, not the outbox folder, keeps what the applicant was told.
 * Personal data, like the rest of the record: it travels encrypted by the payload codec, never in a search attribute.
 */
export const SentMessage = z.object({
  channel: MessageChannel,
  /** Where it went as it stood then: the phone number, e-mail address, postal address or reception centre. */
  to: z.string(),
  /** The applicant's language the message is written in (a reception centre's copy adds a Norwegian cover note). */
  language: PreferredLanguage,
  /** An SMS has none. */
  subject: z.string().optional(),
  text: z.string(),
  sentAt: IsoDateTime,
  /** The names of the files that went with it (the travel-reimbursement form); the files are not kept here. */
  attachments: z.array(z.string()).optional(),
});
export type SentMessage = z.infer<typeof SentMessage>;

export const NoticeDelivered = event(
  'NoticeDelivered',
  z.object({
    template: z.enum(NOTIFICATION_TEMPLATES),
    ...done,
    /**
     * What went out on each channel. Absent on notices delivered before the texts were recorded, and once the case's
     * record holds as many texts as it keeps (`CASE_LIMITS.noticeTexts`).
     */
    messages: z.array(SentMessage).optional(),
  }),
);
export const LawyerAssigned = event(
  'LawyerAssigned',
  z.object({ against: AppealSubject, lawyer: z.string().optional(), ...done }),
);
export const DublinRequestSent = event(
  'DublinRequestSent',
  z.object({ responsibleState: CountryAlpha2, ...done }),
);
export const CaseHandedToUne = event('CaseHandedToUne', z.object({ ...done }));
export const PoliceNotified = event('PoliceNotified', z.object({ reason: PoliceNoticeReason, ...done }));
export const ForwardedToUne = event('ForwardedToUne', z.object({ subject: UneForwardSubject, ...done }));
export const OriginalForwardedToPolice = event(
  'OriginalForwardedToPolice',
  z.object({ description: z.string(), ...done }),
);

export const CaseEvent = z.discriminatedUnion('type', [
  ApplicationLodgedEvent,
  RegisteredWithPolice,
  CollectiveProtectionAssessed,
  DublinCaseRegistered,
  DublinReplyRecorded,
  DublinTransferDeadlineExtended,
  DublinTransferDeadlineLapsed,
  DublinTransferred,
  InterviewScheduled,
  InterviewReminderSent,
  InterviewRecorded,
  DecisionMade,
  DecisionServed,
  AppealLodged,
  SuspensiveEffectDecided,
  AppealDeadlinePassed,
  AppealReconsidered,
  UneDecisionRecorded,
  DepartureDeadlinePassed,
  ApplicationWithdrawn,
  LeftNorwayReported,
  DublinRequestPeriodEnded,
  DepartureReported,
  WorkPermitDecided,
  ContactInfoUpdated,
  DocumentRecorded,
  CaseAssigned,
  NoteAdded,
  CommandRejected,
  EffectFailed,
  NoticeDelivered,
  LawyerAssigned,
  DublinRequestSent,
  CaseHandedToUne,
  PoliceNotified,
  ForwardedToUne,
  OriginalForwardedToPolice,
]);
export type CaseEvent = z.infer<typeof CaseEvent>;
export type CaseEventType = CaseEvent['type'];
export type EventOf<Type extends CaseEventType> = Extract<CaseEvent, { type: Type }>;
/** What a rule produces: the event without its envelope, which `decide` adds. */
export type EventDraft = {
  [Type in CaseEventType]: { type: Type; data: EventOf<Type>['data'] };
}[CaseEventType];
