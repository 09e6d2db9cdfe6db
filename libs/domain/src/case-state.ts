import { z } from 'zod';
import { ApplicationLodged, DufNumber, IsoDateTime } from './application-lodged';
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

export const Deadline = z.object({ kind: z.string(), dueAt: IsoDateTime });
export type Deadline = z.infer<typeof Deadline>;

export const PassportCustody = z.enum(['police', 'applicant', 'returned']);
export const PassportKind = z.enum(['international', 'internal', 'none']);

export const WorkPermitStatus = z.enum(['not-applied', 'granted', 'refused']);

export const CaseState = z.object({
  dufNumber: DufNumber,
  status: CaseStatus,
  track: CaseTrack,
  lodgedAt: IsoDateTime,
  homeOblast: Oblast,
  application: ApplicationLodged,
  interviewPriority: z.boolean(),
  deadlines: z.array(Deadline),
  passport: z.object({ kind: PassportKind, custody: PassportCustody }),
  workPermit: z.object({ eligible: z.boolean(), reasons: z.array(z.string()), status: WorkPermitStatus }),
  allowedCommands: z.array(z.string()),
  closed: z.boolean(),
  lastEventSeq: z.number().int().nonnegative(),
});
export type CaseState = z.infer<typeof CaseState>;

/** The earliest deadline still running, which drives the workflow's timer and the `NextDeadline` attribute. */
export function nextDeadline(state: CaseState): Deadline | undefined {
  return [...state.deadlines].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}
