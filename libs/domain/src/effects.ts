import type { PreferredLanguage } from './application-lodged';
import type { z } from 'zod';
import type { AppealSubject, PoliceNoticeReason, UneForwardSubject } from './vocabulary';

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
  /** Rules version 2: the appeal deadline, once the decision has been served (fvl. § 29). */
  'decision-served',
  /** Rules version 2: the application will not be examined in Norway (utl. § 32 first paragraph (a)/(d)). */
  'application-not-examined',
  'suspensive-effect-decided',
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
  /** The seed: the e-mail invitation "will have a reimbursement form attached" (private address). */
  attachTravelReimbursementForm?: boolean;
  /** A hotel night before the interview, arranged in UDI's call. */
  hotelNight?: boolean;
  /** The safe country the applicant is to return to (utl. § 32). */
  returnCountry?: string;
  /** The applicant may stay in Norway while the appeal is considered. */
  mayStayDuringAppeal?: boolean;
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
  against: AppealSubject;
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
  reason: PoliceNoticeReason;
  /** Where the applicant is to be transferred (Dublin). */
  responsibleState?: string;
  dueAt?: string;
}

/** Once UNE holds the case, what reaches UDI is sent on to UNE (the seed). */
export interface ForwardToUne {
  kind: 'forward-to-une';
  subject: UneForwardSubject;
  description: string;
}

/** The seed: "Do not send originals to UDI"; one that comes anyway is recorded and sent on to the police. */
export interface ForwardOriginalToPolice {
  kind: 'forward-original-to-police';
  description: string;
}

export type Effect =
  | NotifyApplicant
  | AssignLawyer
  | SendDublinRequest
  | HandCaseToUne
  | NotifyPolice
  | ForwardToUne
  | ForwardOriginalToPolice;
export type EffectKind = Effect['kind'];
