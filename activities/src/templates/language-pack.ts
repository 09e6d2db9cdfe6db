import type {
  NotificationFacts,
  NotificationTemplate,
  NotifyApplicant,
  WorkPermitIneligibility,
} from '@saksflyt/domain';

export type Language = NotifyApplicant['language'];

/** UDI's postal address (the seed), where the travel-reimbursement form may be posted back. */
export const UDI_POSTAL_ADDRESS = ['Utlendingsdirektoratet', 'Postboks 2098 Vika', 'NO-0125 Oslo'] as const;
export const UDI_POSTAL_ADDRESS_LINE = UDI_POSTAL_ADDRESS.join(', ');

/**
 * How one message refers to the travel-reimbursement form that goes with an interview invitation: `attached` to
 * this e-mail, `enclosed` in this letter, or coming separately `by-email` / `by-post` (what an SMS says).
 */
export type ReimbursementFormMention = 'attached' | 'enclosed' | 'by-email' | 'by-post';

/** What a template may draw on, with the facts' ISO dates and codes already in the language's own words. */
export interface MessageContext {
  fullName: string;
  dufNumber: string;
  facts: NotificationFacts;
  /** Through whom the applicant gets the message: the reception centre's staff or directly (SMS, e-mail, post). */
  via: 'reception-centre' | 'private';
  /** Set when `via` is the reception centre. */
  centreName?: string;
  /** Set when the travel-reimbursement form goes with this invitation (rules version 2); unset, the older wording. */
  reimbursementForm?: ReimbursementFormMention;
  /**
   * "by the end of 16 December 2026": a time limit, read as its last day in Oslo (the domain's `osloDeadlineText`),
   * the same day the admin UI and the PDF case file show; "by 16 December 2026 at 09:00" for any other instant.
   */
  deadline(iso: string): string;
  /** "16 December 2026 at 09:00": an appointment, in Norwegian time. */
  dateTime(iso: string): string;
  /** "Sweden" for "SE". */
  country(alpha2: string): string;
  /** "Ukrainian" for "uk"; anything that is not a language code is shown as given. */
  languageName(code: string): string;
}

/** Falsy lines are left out, so a template can write `facts.x && \`…\`` for a sentence that needs a fact. */
export type Line = string | false | undefined;

export interface NotificationText {
  subject: string;
  lines: Line[];
}

export type Template = (m: MessageContext) => NotificationText;

/** Every template, in one language. A mapped type: a template missing from any language is a compile error. */
export type TemplateSet = { readonly [T in NotificationTemplate]: Template };

export interface LanguagePack {
  /** For Intl: date, country and language names. */
  locale: string;
  greeting(fullName: string): string;
  dufNumberLine(dufNumber: string): string;
  closing: string;
  templates: TemplateSet;
}

/** The domain's reasons are codes; each language words every one (a new code is a compile error until it does). */
export type ReasonWording = Readonly<Record<WorkPermitIneligibility, string>>;

/** The reasons in words, joined; a reason that is not a known code is shown as given. */
export function worded(reasons: readonly string[], wording: ReasonWording): string {
  return reasons
    .map((reason) => (Object.hasOwn(wording, reason) ? wording[reason as WorkPermitIneligibility] : reason))
    .join('; ');
}
