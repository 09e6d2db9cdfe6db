import { z } from 'zod';
import { ApplicationLodged, CountryAlpha2, DufNumber, IsoDate, IsoDateTime } from './application-lodged';
import { Oblast } from './oblasts';

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
  'departure',
  'dublin-reply',
  'dublin-transfer',
  'interview-reminder',
]);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const Deadline = z.object({ kind: DeadlineKind, dueAt: IsoDateTime });
export type Deadline = z.infer<typeof Deadline>;

export const PassportKind = z.enum(['international', 'internal', 'none']);
export const PassportCustody = z.enum(['police', 'applicant', 'returned']);
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

export const CollectiveScreening = z.object({
  recommendation: z.enum(['collective', 'individual']),
  reasons: z.array(z.enum(['home-oblast-excluded', 'stayed-in-safe-country'])),
  policyVersion: z.string(),
});
export type CollectiveScreening = z.infer<typeof CollectiveScreening>;

/** UDI's first-instance decision, with the policy version it applied. */
export const FirstInstanceDecision = z.object({
  outcome: z.enum(['granted-refugee', 'granted-subsidiary', 'rejected']),
  grounds: z.string(),
  internalProtectionOblast: Oblast.optional(),
  decidedAt: IsoDateTime,
  policyVersion: z.string(),
  departureDeadlineDays: z.number().int(),
});

export const AppealSubject = z.enum(['rejection', 'dublin-transfer']);
export type AppealSubject = z.infer<typeof AppealSubject>;

export const CaseState = z.object({
  dufNumber: DufNumber,
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
      procedure: z.enum(['take-charge', 'take-back']),
      eurodacHit: z.boolean(),
      requestedAt: IsoDateTime,
      reply: z.object({ accepted: z.boolean(), repliedAt: IsoDateTime, implicit: z.boolean() }).optional(),
      extendedFor: z.enum(['imprisonment', 'absconding']).optional(),
      transferredAt: IsoDateTime.optional(),
      /** Responsibility passed to Norway: refused, the transfer deadline lapsed, or the transfer decision fell. */
      norwayResponsible: z.boolean(),
    })
    .optional(),
  interview: z
    .object({
      scheduledAt: IsoDateTime,
      location: z.enum(['oslo', 'trondheim', 'online']),
      interpreterLanguage: z.string(),
      reminderSent: z.boolean(),
      outcome: z.enum(['held', 'no-show']).optional(),
      heldAt: IsoDateTime.optional(),
    })
    .optional(),
  decision: FirstInstanceDecision.optional(),
  appeal: z
    .object({
      against: AppealSubject,
      lodgedAt: IsoDateTime,
      requestsSuspensiveEffect: z.boolean(),
      reconsideration: z.object({ reversed: z.boolean(), grounds: z.string() }).optional(),
      une: z.object({ outcome: z.enum(['granted', 'rejected']), decidedAt: IsoDateTime }).optional(),
    })
    .optional(),
  /** The first-instance (or Dublin transfer) decision can no longer be appealed, or the appeal is decided. */
  decisionFinal: z.boolean(),
  withdrawal: z.object({ receivedAt: IsoDateTime, exemption: z.string().optional() }).optional(),
  departure: z.object({ departedAt: IsoDateTime, destination: CountryAlpha2.optional() }).optional(),
  leftNorwayAt: IsoDateTime.optional(),
  workPermit: WorkPermit,
  documents: z.array(
    z.object({
      kind: z.enum(['original', 'copy']),
      receivedBy: z.enum(['police', 'udi']),
      description: z.string(),
      receivedAt: IsoDateTime,
    }),
  ),
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
