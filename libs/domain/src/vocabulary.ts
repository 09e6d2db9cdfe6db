import { z } from 'zod';
import { refusalText } from './refusals';

/**
 * The value lists of the case, each named once: commands, events and the state take them from here, so a value
 * added to one is added everywhere it is written.
 */

/** The passport the applicant has: a travel passport, the internal "Passport of the Citizen of Ukraine", or none. */
export const PassportKind = z.enum(['international', 'internal', 'none']);
export type PassportKind = z.infer<typeof PassportKind>;
/** A passport handed in later is a real one of either kind. */
export const HandedInPassportKind = PassportKind.exclude(['none']);
export const PassportCustody = z.enum(['police', 'applicant', 'returned']);

/** The seed's three exemptions from the duty to leave after a withdrawal. */
export const WithdrawalExemption = z.enum(['other-permit', 'pending-application', 'under-90-days-schengen']);
export type WithdrawalExemption = z.infer<typeof WithdrawalExemption>;

/** The seed: "Interviews are usually held at UDI's offices in Oslo or Trondheim. Interviews can also be conducted online". */
export const InterviewLocation = z.enum(['oslo', 'trondheim', 'online']);
export type InterviewLocation = z.infer<typeof InterviewLocation>;
export const InterviewOutcome = z.enum(['held', 'no-show']);

/** Dublin III Art. 21 (take charge) and Art. 23 (take back). */
export const DublinProcedure = z.enum(['take-charge', 'take-back']);
export type DublinProcedure = z.infer<typeof DublinProcedure>;
/** Dublin III Art. 29(2): the transfer period is extended for imprisonment or absconding. */
export const TransferExtensionReason = z.enum(['imprisonment', 'absconding']);
export type TransferExtensionReason = z.infer<typeof TransferExtensionReason>;

/** The seed: originals go to the police; UDI receives copies. */
export const DocumentKind = z.enum(['original', 'copy']);
export const DocumentReceiver = z.enum(['police', 'udi']);
/** Where UDI sends on what reached it: UNE once it holds the case (the seed), the police for an original. */
export const ForwardDestination = z.enum(['une', 'police']);
export type ForwardDestination = z.infer<typeof ForwardDestination>;

/** UDI's first-instance outcomes; `not-examined-safe-third-country` is a refusal to examine (utl. § 32 (a)/(d)). */
export const DecisionOutcome = z.enum([
  'granted-refugee',
  'granted-subsidiary',
  'rejected',
  'not-examined-safe-third-country',
]);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;
export const UneOutcome = z.enum(['granted', 'rejected']);

/** The decisions that can be appealed (fvl. § 28): a rejection, a refusal to examine, a Dublin transfer decision. */
export const AppealSubject = z.enum(['rejection', 'refusal-to-examine', 'dublin-transfer']);
export type AppealSubject = z.infer<typeof AppealSubject>;

/** How a decision reached the applicant (fvl. § 27; asylum decisions through the lawyer or the police, RS 2018-002). */
export const ServiceChannel = z.enum(['lawyer', 'police', 'post', 'electronic']);
export type ServiceChannel = z.infer<typeof ServiceChannel>;

/**
 * How a message reached the applicant (the seed): through the staff of the reception centre, or at a private address
 * by SMS and e-mail, and by post when neither is on file or a form must go on paper.
 */
export const MessageChannel = z.enum(['reception-centre', 'sms', 'email', 'letter']);
export type MessageChannel = z.infer<typeof MessageChannel>;

/** Why the police are told something. */
export const PoliceNoticeReason = z.enum([
  'departure-deadline-passed',
  'dublin-transfer-due',
  /** An appeal in time (or excused) stopped an enforcement the police had been told of. */
  'enforcement-stopped',
]);
export type PoliceNoticeReason = z.infer<typeof PoliceNoticeReason>;

/** What UDI sends on to UNE once UNE holds the case (the seed: "UNE will be responsible for your case"). */
export const UneForwardSubject = z.enum(['document', 'contact-change', 'left-norway']);
export type UneForwardSubject = z.infer<typeof UneForwardSubject>;

/**
 * A team of caseworkers with a queue of its own (the `Team` search attribute). Teams are configuration; a team's id
 * is a short slug, so that it goes into a visibility query as it is.
 */
export const TeamId = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, refusalText('teamId'));
export type TeamId = z.infer<typeof TeamId>;

/**
 * The teams the case's status calls for (`teamFor`), which every configuration must have: registration, the Dublin
 * unit, the interview units in Oslo and Trondheim (the seed: "Interviews are usually held at UDI's offices in Oslo
 * or Trondheim"), decisions, and appeals.
 */
export const ROUTED_TEAMS = [
  'registration',
  'dublin-unit',
  'interviews-oslo',
  'interviews-trondheim',
  'decisions',
  'appeals',
] as const satisfies readonly TeamId[];
export type RoutedTeam = (typeof ROUTED_TEAMS)[number];
