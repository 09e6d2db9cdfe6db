import { z } from 'zod';
import { ApplicationLodged, CountryAlpha2, DufNumber, IsoDate, IsoDateTime } from './application-lodged';
import { Oblast } from './oblasts';
import {
  AppealSubject,
  DecisionOutcome,
  DocumentKind,
  DocumentReceiver,
  DublinProcedure,
  ForwardDestination,
  InterviewLocation,
  InterviewOutcome,
  PassportCustody,
  PassportKind,
  ServiceChannel,
  TransferExtensionReason,
  UneOutcome,
  WithdrawalExemption,
} from './vocabulary';

export { AppealSubject, PassportCustody, PassportKind } from './vocabulary';

/**
 * The rules a case runs under, fixed when it opens (recorded in its first event). 1: the first release, kept for the
 * cases started under it so that their histories replay; 2: the law past the happy path (service, posting in time,
 * suspensive effect, Dublin limits, safe third countries).
 */
export const RulesVersion = z.union([z.literal(1), z.literal(2)]);
export type RulesVersion = z.infer<typeof RulesVersion>;
export const CURRENT_RULES: RulesVersion = 2;

export const CaseStatus = z.enum([
  'lodged',
  'awaiting-collective-assessment',
  'collective-protection-granted',
  'individual-assessment',
  'dublin-procedure',
  'interview-scheduled',
  'awaiting-decision',
  'protection-granted',
  'rejected',
  'appeal-reconsideration',
  'at-une',
  'departure-pending',
  'enforcement',
  'departed',
  'withdrawn',
  'dismissed',
  'transferred',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Statuses in which the case is over and its workflow completes (contract §1, marked †). */
export const CLOSED_STATUSES: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  'collective-protection-granted',
  'protection-granted',
  'departed',
  'withdrawn',
  'dismissed',
  'transferred',
]);

export const CaseTrack = z.enum(['undetermined', 'collective', 'individual', 'dublin']);
export type CaseTrack = z.infer<typeof CaseTrack>;

export const DeadlineKind = z.enum([
  'appeal',
  /** Dublin III Art. 21(1), 23(2): the last day a request to another state may be made; then Norway is responsible. */
  'dublin-request',
  'departure',
  'dublin-reply',
  'dublin-transfer',
  'interview-reminder',
]);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const Deadline = z.object({ kind: DeadlineKind, dueAt: IsoDateTime });
export type Deadline = z.infer<typeof Deadline>;

export const Passport = z.object({
  kind: PassportKind,
  custody: PassportCustody,
  number: z.string().optional(),
  expiresOn: IsoDate.optional(),
});
export type Passport = z.infer<typeof Passport>;

export const WorkPermitIneligibility = z.enum([
  'interview-not-held',
  'no-valid-passport',
  'internal-passport-only',
  'decision-made',
  'dublin-case',
  'rejected',
]);
export type WorkPermitIneligibility = z.infer<typeof WorkPermitIneligibility>;

export const WorkPermit = z.object({
  eligible: z.boolean(),
  reasons: z.array(WorkPermitIneligibility),
  status: z.enum(['not-applied', 'granted', 'refused']),
  appliedAt: IsoDateTime.optional(),
  refusedFor: z.array(WorkPermitIneligibility).optional(),
});
export type WorkPermit = z.infer<typeof WorkPermit>;

export const ScreeningReason = z.enum([
  'home-oblast-excluded',
  /** The first release's reason; not a ground of exclusion by itself (domain brief § 1), kept for its cases. */
  'stayed-in-safe-country',
  /** A non-Ukrainian may hold only a residence permit in Ukraine (brief § 1 (e)): the caseworker checks. */
  'not-a-ukrainian-national',
]);
export const CollectiveScreening = z.object({
  recommendation: z.enum(['collective', 'individual']),
  reasons: z.array(ScreeningReason),
  policyVersion: z.string(),
});
export type CollectiveScreening = z.infer<typeof CollectiveScreening>;

/** UDI's first-instance decision, with the policy version it applied. */
export const FirstInstanceDecision = z.object({
  outcome: DecisionOutcome,
  grounds: z.string(),
  internalProtectionOblast: Oblast.optional(),
  returnCountry: CountryAlpha2.optional(),
  decidedAt: IsoDateTime,
  policyVersion: z.string(),
  departureDeadlineDays: z.number().int(),
});

/** The appealable decision in force, and when it reached the applicant (fvl. § 29). */
export const AppealableDecision = z.object({
  against: AppealSubject,
  decidedAt: IsoDateTime,
  served: z.object({ servedAt: IsoDateTime, via: ServiceChannel }).optional(),
  /** The appeal deadline that ran out, kept: an appeal posted before it is still in time (fvl. § 30). */
  deadlineRanOutAt: IsoDateTime.optional(),
});
export type AppealableDecision = z.infer<typeof AppealableDecision>;

/** What the case is waiting for someone to do: the work lists of the dashboard. */
export const WorkItem = z.enum([
  'decision-not-served',
  'suspensive-effect-waiting',
  'interview-call-not-reached',
  'document-to-forward',
]);
export type WorkItem = z.infer<typeof WorkItem>;

export const CaseState = z.object({
  dufNumber: DufNumber,
  rulesVersion: RulesVersion,
  status: CaseStatus,
  track: CaseTrack,
  lodgedAt: IsoDateTime,
  homeOblast: Oblast,
  application: ApplicationLodged,
  interviewPriority: z.boolean(),
  collectiveScreening: CollectiveScreening,
  deadlines: z.array(Deadline),
  passport: Passport,
  registration: z
    .object({
      registeredAt: IsoDateTime,
      policeDistrict: z.string(),
      eurodacHit: z.object({ country: CountryAlpha2 }).nullable(),
    })
    .optional(),
  collectiveAssessment: z.object({ eligible: z.boolean(), reason: z.string() }).optional(),
  dublin: z
    .object({
      responsibleState: CountryAlpha2,
      procedure: DublinProcedure,
      eurodacHit: z.boolean(),
      requestedAt: IsoDateTime,
      reply: z.object({ accepted: z.boolean(), repliedAt: IsoDateTime, implicit: z.boolean() }).optional(),
      extendedFor: TransferExtensionReason.optional(),
      transferredAt: IsoDateTime.optional(),
      /** Responsibility passed to Norway: refused, the transfer deadline lapsed, or the transfer decision fell. */
      norwayResponsible: z.boolean(),
    })
    .optional(),
  /** Dublin III Art. 21(1), 23(2): until when a request to another state may be made (rules version 2). */
  dublinRequestDueAt: IsoDateTime.optional(),
  interview: z
    .object({
      scheduledAt: IsoDateTime,
      location: InterviewLocation,
      interpreterLanguage: z.string(),
      reminderSent: z.boolean(),
      phoneCall: z
        .object({ calledAt: IsoDateTime, reached: z.boolean(), hotelNight: z.boolean() })
        .optional(),
      outcome: InterviewOutcome.optional(),
      heldAt: IsoDateTime.optional(),
    })
    .optional(),
  decision: FirstInstanceDecision.optional(),
  appealable: AppealableDecision.optional(),
  appeal: z
    .object({
      against: AppealSubject,
      lodgedAt: IsoDateTime,
      /** When UDI registered it; later than the deadline for an appeal posted in time (fvl. § 30). */
      registeredAt: IsoDateTime,
      requestsSuspensiveEffect: z.boolean(),
      lateAppealExcused: z.object({ grounds: z.string() }).optional(),
      suspensiveEffect: z
        .object({ granted: z.boolean(), grounds: z.string(), decidedAt: IsoDateTime })
        .optional(),
      reconsideration: z.object({ reversed: z.boolean(), grounds: z.string() }).optional(),
      une: z.object({ outcome: UneOutcome, decidedAt: IsoDateTime }).optional(),
    })
    .optional(),
  /** The police have been told to enforce a departure or a transfer, and not told to stop. */
  policeEnforcing: z.boolean(),
  /** What was done, as the record shows it (rules version 2): the lawyer assigned, the hand-over to UNE. */
  lawyer: z.object({ assignedAt: IsoDateTime, name: z.string().optional() }).optional(),
  handedToUneAt: IsoDateTime.optional(),
  /** The first-instance (or Dublin transfer) decision can no longer be appealed, or the appeal is decided. */
  decisionFinal: z.boolean(),
  withdrawal: z.object({ receivedAt: IsoDateTime, exemption: WithdrawalExemption.optional() }).optional(),
  departure: z.object({ departedAt: IsoDateTime, destination: CountryAlpha2.optional() }).optional(),
  leftNorwayAt: IsoDateTime.optional(),
  workPermit: WorkPermit,
  documents: z.array(
    z.object({
      kind: DocumentKind,
      receivedBy: DocumentReceiver,
      description: z.string(),
      receivedAt: IsoDateTime,
      /** The seq of the event that recorded it, which names it on the record. */
      seq: z.number().int().positive(),
      forwardTo: ForwardDestination.optional(),
      forwardedAt: IsoDateTime.optional(),
    }),
  ),
  workItems: z.array(WorkItem),
  /**
   * When UDI first decided the application at first instance (collective protection, a decision, a Dublin transfer
   * decision): the end of the processing time the applicant waits for (`GET /api/stats/processing`).
   */
  firstDecisionAt: IsoDateTime.optional(),
  /** When the case closed. */
  closedAt: IsoDateTime.optional(),
  /** The caseworker who holds the case, or null while it waits in its team's queue. */
  assignee: z.string().nullable(),
  /** The team whose queue or caseworker has the case: the one its status calls for unless someone holds it. */
  team: z.string(),
  allowedCommands: z.array(z.string()),
  closed: z.boolean(),
  lastEventSeq: z.number().int().nonnegative(),
  updatedAt: IsoDateTime,
});
export type CaseState = z.infer<typeof CaseState>;

/** The earliest deadline still running, which drives the workflow's timer and the `NextDeadline` attribute. */
export function nextDeadline(state: CaseState): Deadline | undefined {
  return [...state.deadlines].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}

export function deadlineOf(state: CaseState, kind: DeadlineKind): Deadline | undefined {
  return state.deadlines.find((deadline) => deadline.kind === kind);
}
