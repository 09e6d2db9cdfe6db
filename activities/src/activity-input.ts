import { validationRejection } from '@saksflyt/domain';
import { ApplicationFailure } from '@temporalio/common';
import {
  Contact,
  CountryAlpha2,
  DufNumber,
  IsoDate,
  IsoDateTime,
  NOTIFICATION_TEMPLATES,
  PreferredLanguage,
  AppealSubject,
  PoliceNoticeReason,
  UneForwardSubject,
  type AssignLawyer,
  type ForwardOriginalToPolice,
  type ForwardToUne,
  type NotifyApplicant,
  type NotifyPolice,
  type SendDublinRequest,
  type SentMessage,
} from '@saksflyt/domain';
import { z } from 'zod';
import { IDEMPOTENCY_KEY } from './delivery-ledger';

export interface ActivityContext {
  /** `${workflowId}:${eventSeq}` (or with an index after it): the idempotency key, the same on every retry. */
  key: string;
  dufNumber: string;
}
export type NotifyApplicantInput = ActivityContext & Omit<NotifyApplicant, 'kind'>;
export type AssignLawyerInput = ActivityContext & Omit<AssignLawyer, 'kind'>;
export type SendDublinRequestInput = ActivityContext & Omit<SendDublinRequest, 'kind'>;
export type HandCaseToUneInput = ActivityContext & {
  casePackage: { application: unknown; decision?: unknown; appeal?: unknown; events: unknown[] };
};
export type NotifyPoliceInput = ActivityContext & Omit<NotifyPolice, 'kind'>;
export type ForwardToUneInput = ActivityContext & Omit<ForwardToUne, 'kind'>;
export type ForwardOriginalToPoliceInput = ActivityContext & Omit<ForwardOriginalToPolice, 'kind'>;

export interface DeliveryReceipt {
  key: string;
  /** Where it went: a port (`email`, `sms`, `police`, …) or `outbox:<port>`; `+` joins several. */
  channel: string;
  deliveredAt: string;
  /** True when every channel had already delivered this key: nothing was sent this time. */
  duplicate: boolean;
  /** Whom the receiver named in its answer, where it names someone (the lawyer scheme: the lawyer assigned). */
  reference?: string;
  /** A notice's messages as they went out, word for word, for the case's record (NoticeDelivered). */
  messages?: SentMessage[];
}

const IdempotencyKey = z.string().regex(IDEMPOTENCY_KEY, 'an idempotency key such as "case-202412345678:7"');

const context = { key: IdempotencyKey, dufNumber: DufNumber };

const InstantOrDate = z.union([IsoDateTime, IsoDate]);

const Recipient = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('reception-centre'), centreName: z.string().trim().min(1).max(200) }),
  z.object({
    channel: z.literal('private'),
    address: z.string().trim().min(1).max(500),
    phone: Contact.shape.phone,
    email: Contact.shape.email,
  }),
]);

/**
 * The domain fills a fact it lacks with '' in places (e.g. an unknown appeal deadline); such a fact is left out
 * of the message rather than failing the whole notification.
 */
const absentIfEmpty = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const NotificationFacts = z.object({
  interviewAt: absentIfEmpty(InstantOrDate),
  interviewLocation: absentIfEmpty(z.enum(['oslo', 'trondheim', 'online'])),
  interpreterLanguage: absentIfEmpty(z.string().trim().min(1).max(100)),
  appealDueAt: absentIfEmpty(InstantOrDate),
  departureDueAt: absentIfEmpty(InstantOrDate),
  responsibleState: absentIfEmpty(CountryAlpha2),
  transferDueAt: absentIfEmpty(InstantOrDate),
  outcome: absentIfEmpty(z.string().trim().min(1).max(100)),
  /** Codes such as `interview-not-held`; the templates word the known ones. */
  reasons: z
    .array(z.string().trim().max(2000))
    .max(50)
    .transform((reasons) => reasons.filter((reason) => reason.length > 0))
    .optional(),
  withDutyToLeave: z.boolean().optional(),
  mustHandInPassport: z.boolean().optional(),
  // Rules version 2.
  attachTravelReimbursementForm: z.boolean().optional(),
  hotelNight: z.boolean().optional(),
  returnCountry: absentIfEmpty(CountryAlpha2),
  mayStayDuringAppeal: z.boolean().optional(),
});

export const NotifyApplicantInputSchema = z.object({
  ...context,
  template: z.enum(NOTIFICATION_TEMPLATES),
  language: PreferredLanguage,
  fullName: z.string().trim().min(1).max(300),
  recipient: Recipient,
  facts: NotificationFacts,
}) satisfies z.ZodType<NotifyApplicantInput>;

export const AssignLawyerInputSchema = z.object({
  ...context,
  decision: z.object({
    outcome: z.string().trim().min(1).max(100),
    grounds: z.string().trim().min(1).max(20_000),
    decidedAt: InstantOrDate,
    // '' when the domain has no deadline to give: the lawyer is still assigned.
    appealDueAt: z.union([InstantOrDate, z.literal('')]),
  }),
  against: AppealSubject,
}) satisfies z.ZodType<AssignLawyerInput>;

export const SendDublinRequestInputSchema = z.object({
  ...context,
  responsibleState: CountryAlpha2,
  procedure: z.enum(['take-charge', 'take-back']),
  eurodacHit: z.boolean(),
  replyDueAt: InstantOrDate,
}) satisfies z.ZodType<SendDublinRequestInput>;

const Document = z.record(z.string(), z.unknown());

export const HandCaseToUneInputSchema = z.object({
  ...context,
  casePackage: z.object({
    application: Document,
    decision: Document.optional(),
    appeal: Document.optional(),
    events: z.array(Document),
  }),
}) satisfies z.ZodType<HandCaseToUneInput>;

export const NotifyPoliceInputSchema = z.object({
  ...context,
  reason: PoliceNoticeReason,
  responsibleState: CountryAlpha2.optional(),
  dueAt: InstantOrDate.optional(),
}) satisfies z.ZodType<NotifyPoliceInput>;

const Description = z.string().trim().min(1).max(1000);

export const ForwardToUneInputSchema = z.object({
  ...context,
  subject: UneForwardSubject,
  description: Description,
}) satisfies z.ZodType<ForwardToUneInput>;

export const ForwardOriginalToPoliceInputSchema = z.object({
  ...context,
  description: Description,
}) satisfies z.ZodType<ForwardOriginalToPoliceInput>;

/**
 * A malformed input fails the same way on every attempt, so retrying it only delays the workflow's own handling:
 * the failure is non-retryable and carries the field issues, as the contract's ValidationError does elsewhere.
 */
export function parseActivityInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  activity: string,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { message, issues } = validationRejection(`${activity}: invalid input`, parsed.error.issues);
  throw ApplicationFailure.nonRetryable(message, 'ValidationError', { issues });
}
