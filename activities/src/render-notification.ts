import { osloDateTimeText, osloDeadlineText } from '@saksflyt/domain';
import type { NotifyApplicantInput } from './activity-input';
import { en } from './templates/en';
import type {
  Language,
  LanguagePack,
  Line,
  MessageContext,
  ReimbursementFormMention,
} from './templates/language-pack';
import { nb, staffCover } from './templates/nb';
import { ru } from './templates/ru';
import { uk } from './templates/uk';

export const LANGUAGE_PACKS: Readonly<Record<Language, LanguagePack>> = { uk, ru, en, nb };

export interface RenderedNotification {
  subject: string;
  /** The whole message, greeting to signature: e-mail, a letter, the reception centre. */
  text: string;
  /** The message without greeting and signature, for SMS where every character counts. */
  brief: string;
  /** BCP 47 tag of the language the applicant reads it in. */
  locale: string;
}

/** Letters are prose: full month names ("16 December 2026"), where the UI's tables abbreviate them. */
const LETTER_STYLE = { style: 'long' } as const;

function contextFor(
  input: NotifyApplicantInput,
  locale: string,
  reimbursementForm?: ReimbursementFormMention,
): MessageContext {
  const regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' });
  const languages = new Intl.DisplayNames(locale, { type: 'language', fallback: 'none' });
  return {
    fullName: input.fullName,
    dufNumber: input.dufNumber,
    facts: input.facts,
    via: input.recipient.channel,
    centreName: input.recipient.channel === 'reception-centre' ? input.recipient.centreName : undefined,
    reimbursementForm,
    // UDI's appointments and deadlines are Norwegian times, wherever the worker's clock is set.
    deadline: (iso) => osloDeadlineText(iso, locale, LETTER_STYLE),
    dateTime: (iso) => osloDateTimeText(iso, locale, LETTER_STYLE),
    country: (alpha2) => regions.of(alpha2) ?? alpha2,
    languageName: (code) => {
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code)) return code;
      try {
        return languages.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}

/**
 * Drops the lines a template left out. Intl's Ukrainian and Russian dates end in an abbreviation ("2027 р.",
 * "2027 г."), so a sentence ending in a date would otherwise end in two full stops.
 */
const present = (lines: Line[]): string[] =>
  lines
    .filter((line): line is string => Boolean(line))
    .map((line) => line.replace(/(?<!\.)([^\s.])\.\.(?!\.)/g, '$1.'));

/**
 * The message for the applicant, in the applicant's preferred language. `reimbursementForm` says how this copy
 * refers to the travel-reimbursement form going with an invitation (attached, enclosed, or coming by e-mail/post).
 */
export function renderForApplicant(
  input: NotifyApplicantInput,
  reimbursementForm?: ReimbursementFormMention,
): RenderedNotification {
  const pack = LANGUAGE_PACKS[input.language];
  const { subject, lines } = pack.templates[input.template](
    contextFor(input, pack.locale, reimbursementForm),
  );
  const body = present(lines);
  const dufNumber = pack.dufNumberLine(input.dufNumber);
  return {
    subject,
    text: [pack.greeting(input.fullName), ...body, dufNumber, pack.closing].join('\n\n'),
    brief: [`UDI: ${subject}`, ...body, dufNumber].join('\n'),
    locale: pack.locale,
  };
}

/**
 * The message for the staff of the applicant's reception centre: a Norwegian cover note asking them to pass it
 * on (and, for an interview, to help with the journey), then the applicant's message in the applicant's language.
 */
export function renderForReceptionCentre(input: NotifyApplicantInput): RenderedNotification {
  const forApplicant = renderForApplicant(input);
  const staff = contextFor(input, nb.locale);
  const nbSubject = nb.templates[input.template](staff).subject;
  const languageName = input.language === 'nb' ? undefined : staff.languageName(input.language);
  const cover = present(staffCover(staff, input.template, languageName));
  return {
    subject: `Beskjed til ${input.fullName}: ${nbSubject}`,
    text: [...cover, '————————', forApplicant.text].join('\n\n'),
    brief: [...cover, forApplicant.brief].join('\n'),
    locale: nb.locale,
  };
}
