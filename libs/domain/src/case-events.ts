import { z } from 'zod';
import { Actor } from './actor';
import {
  ApplicationLodged,
  Contact,
  CountryAlpha2,
  IsoDate,
  IsoDateTime,
  Residence,
} from './application-lodged';
import {
  AppealSubject,
  CollectiveScreening,
  FirstInstanceDecision,
  WorkPermitIneligibility,
} from './case-state';

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
  z.object({ application: ApplicationLodged, screening: CollectiveScreening }),
);
export const RegisteredWithPolice = event(
  'RegisteredWithPolice',
  z.object({
    registeredAt: IsoDateTime,
    policeDistrict: z.string(),
    passport: z.object({
      kind: z.enum(['international', 'internal', 'none']),
      number: z.string().optional(),
      expiresOn: IsoDate.optional(),
      surrendered: z.boolean(),
    }),
    eurodacHit: z.object({ country: CountryAlpha2 }).nullable(),
  }),
);
export const CollectiveProtectionAssessed = event(
  'CollectiveProtectionAssessed',
  z.object({ eligible: z.boolean(), reason: z.string(), followedScreening: z.boolean() }),
);
export const DublinCaseRegistered = event(
  'DublinCaseRegistered',
  z.object({
    responsibleState: CountryAlpha2,
    procedure: z.enum(['take-charge', 'take-back']),
    eurodacHit: z.boolean(),
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
    reason: z.enum(['imprisonment', 'absconding']),
    transferDueAt: IsoDateTime,
    policyVersion: z.string(),
  }),
);
export const DublinTransferDeadlineLapsed = event(
  'DublinTransferDeadlineLapsed',
  z.object({ dueAt: IsoDateTime }),
);
export const DublinTransferred = event('DublinTransferred', z.object({ transferredAt: IsoDateTime }));
export const InterviewScheduled = event(
  'InterviewScheduled',
  z.object({
    scheduledAt: IsoDateTime,
    location: z.enum(['oslo', 'trondheim', 'online']),
    interpreterLanguage: z.string(),
    reminderAt: IsoDateTime.optional(),
    rescheduled: z.boolean(),
  }),
);
export const InterviewReminderSent = event('InterviewReminderSent', z.object({ scheduledAt: IsoDateTime }));
export const InterviewRecorded = event(
  'InterviewRecorded',
  z.object({ outcome: z.enum(['held', 'no-show']), heldAt: IsoDateTime }),
);
export const DecisionMade = event(
  'DecisionMade',
  FirstInstanceDecision.extend({ appealDueAt: IsoDateTime.optional() }),
);
export const AppealLodged = event(
  'AppealLodged',
  z.object({ against: AppealSubject, lodgedAt: IsoDateTime, requestsSuspensiveEffect: z.boolean() }),
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
  z.object({ reversed: z.boolean(), grounds: z.string() }),
);
export const UneDecisionRecorded = event(
  'UneDecisionRecorded',
  z.object({
    outcome: z.enum(['granted', 'rejected']),
    decidedAt: IsoDateTime,
    departureDueAt: IsoDateTime.optional(),
    transferDueAt: IsoDateTime.optional(),
    policyVersion: z.string(),
  }),
);
export const DepartureDeadlinePassed = event('DepartureDeadlinePassed', z.object({ dueAt: IsoDateTime }));
export const ApplicationWithdrawn = event(
  'ApplicationWithdrawn',
  z.object({
    receivedAt: IsoDateTime,
    exemption: z.enum(['other-permit', 'pending-application', 'under-90-days-schengen']).optional(),
    departureDueAt: IsoDateTime.optional(),
    policyVersion: z.string(),
  }),
);
export const LeftNorwayReported = event('LeftNorwayReported', z.object({ detectedAt: IsoDateTime }));
export const DepartureReported = event(
  'DepartureReported',
  z.object({ departedAt: IsoDateTime, destination: CountryAlpha2.optional() }),
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
    kind: z.enum(['original', 'copy']),
    receivedBy: z.enum(['police', 'udi']),
    description: z.string(),
    isPassport: z.boolean().optional(),
  }),
);
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
  AppealLodged,
  AppealDeadlinePassed,
  AppealReconsidered,
  UneDecisionRecorded,
  DepartureDeadlinePassed,
  ApplicationWithdrawn,
  LeftNorwayReported,
  DepartureReported,
  WorkPermitDecided,
  ContactInfoUpdated,
  DocumentRecorded,
  CommandRejected,
  EffectFailed,
]);
export type CaseEvent = z.infer<typeof CaseEvent>;
export type CaseEventType = CaseEvent['type'];
export type EventOf<Type extends CaseEventType> = Extract<CaseEvent, { type: Type }>;
/** What a rule produces: the event without its envelope, which `decide` adds. */
export type EventDraft = {
  [Type in CaseEventType]: { type: Type; data: EventOf<Type>['data'] };
}[CaseEventType];
