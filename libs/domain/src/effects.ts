import type { PreferredLanguage } from './application-lodged';
import type { z } from 'zod';

/**
 * The side effects an event calls for, as plain data. The workflow turns each into one activity call, keyed by
 * (workflow id, event seq) so that a retry never sends twice.
 */
export const NOTIFICATION_TEMPLATES = [
  'collective-protection-granted',
  'assessed-individually',
  'dublin-case-registered',
  'dublin-transfer-decided',
  'interview-invitation',
  'interview-reminder',
  'protection-granted',
  'application-rejected',
  'appeal-reversed',
  'appeal-sent-to-une',
  'une-decided',
  'withdrawal-confirmed',
  'case-dismissed',
  'work-permit-decided',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/** How the applicant is reached: staff of the reception centre pass it on; at a private address by SMS/e-mail. */
export type Recipient =
  | { channel: 'reception-centre'; centreName: string }
  | { channel: 'private'; address: string; phone?: string; email?: string };

/** What a message may say; every field is optional, each template uses the ones it needs. ISO dates. */
export interface NotificationFacts {
  interviewAt?: string;
  interviewLocation?: 'oslo' | 'trondheim' | 'online';
  interpreterLanguage?: string;
  appealDueAt?: string;
  departureDueAt?: string;
  responsibleState?: string;
  transferDueAt?: string;
  outcome?: string;
  reasons?: string[];
  withDutyToLeave?: boolean;
  /** The passport is still with the applicant and must be handed in to the police. */
  mustHandInPassport?: boolean;
}

export interface NotifyApplicant {
  kind: 'notify-applicant';
  template: NotificationTemplate;
  language: z.infer<typeof PreferredLanguage>;
  fullName: string;
  recipient: Recipient;
  facts: NotificationFacts;
}

export interface AssignLawyer {
  kind: 'assign-lawyer';
  decision: { outcome: string; grounds: string; decidedAt: string; appealDueAt: string };
  /** Dublin transfer decisions get a lawyer too (the seed: "UDI will assign you a lawyer"). */
  against: 'rejection' | 'dublin-transfer';
}

export interface SendDublinRequest {
  kind: 'send-dublin-request';
  responsibleState: string;
  procedure: 'take-charge' | 'take-back';
  eurodacHit: boolean;
  replyDueAt: string;
}

export interface HandCaseToUne {
  kind: 'hand-case-to-une';
}

export interface NotifyPolice {
  kind: 'notify-police';
  reason: 'departure-deadline-passed' | 'dublin-transfer-due';
  /** Where the applicant is to be transferred (Dublin). */
  responsibleState?: string;
  dueAt?: string;
}

export type Effect = NotifyApplicant | AssignLawyer | SendDublinRequest | HandCaseToUne | NotifyPolice;
