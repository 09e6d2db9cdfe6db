import { endOfOsloDay, osloCalendarDate } from './deadlines';

// The one way Saksflyt shows a time to people: the admin UI, the applicant's letters and the PDF case file all read
// instants in Oslo time through these functions, so one deadline reads as the same last day everywhere (issue 15,
// point 4). Pure: Intl only, no Node imports, so the browser bundle and the workflow bundle can both hold it.

const OSLO = 'Europe/Oslo';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `medium` ("21. des. 2026") for tables and the UI; `long` ("21. desember 2026") for the prose of a letter. */
export type TimeTextStyle = 'medium' | 'long';

export interface TimeTextOptions {
  style?: TimeTextStyle;
}

/** The languages a deadline has words in: the UI's and the letters'. Any other locale reads as English. */
export type DeadlineLanguage = 'nb' | 'en' | 'uk' | 'ru';

/** "By the end of <last day>" and "by <instant>", in each language, as a phrase a sentence can end with. */
const DEADLINE_WORDS: Readonly<
  Record<DeadlineLanguage, { endOf: (lastDay: string) => string; by: (at: string) => string }>
> = {
  nb: { endOf: (day) => `innen utgangen av ${day}`, by: (at) => `innen ${at}` },
  en: { endOf: (day) => `by the end of ${day}`, by: (at) => `by ${at}` },
  uk: { endOf: (day) => `до кінця дня ${day}`, by: (at) => `до ${at}` },
  ru: { endOf: (day) => `до конца дня ${day}`, by: (at) => `до ${at}` },
};

/** The deadline language of a BCP 47 locale: Norwegian (nb, nn, no), English, Ukrainian or Russian. */
export function deadlineLanguageOf(locale: string): DeadlineLanguage {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  if (language === 'nb' || language === 'nn' || language === 'no') return 'nb';
  return language === 'uk' || language === 'ru' ? language : 'en';
}

const isDateOnly = (value: string) => DATE_ONLY.test(value);

function epochMsOf(instant: string | Date): number {
  return typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
}

/**
 * A calendar date (YYYY-MM-DD) as people write it, e.g. `21. des. 2026` (nb) or `21 Dec 2026` (en-GB). It is
 * formatted at noon UTC in UTC, so no zone, browser or DST switch can move it a day. Anything else is shown as given.
 */
export function calendarDateText(date: string, locale: string, options: TimeTextOptions = {}): string {
  if (!isDateOnly(date)) return date;
  const noon = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(noon.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: options.style ?? 'medium' }).format(
    noon,
  );
}

/**
 * An instant in Oslo time, e.g. `22. des. 2026, 10:00` (nb, medium) or `22 December 2026 at 10:00` (en-GB, long),
 * whatever zone the reader's browser or the server is in. A bare calendar date is shown as that date; anything that
 * is not a date is shown as given.
 */
export function osloDateTimeText(
  instant: string | Date,
  locale: string,
  options: TimeTextOptions = {},
): string {
  if (typeof instant === 'string' && isDateOnly(instant)) return calendarDateText(instant, locale, options);
  const epochMs = epochMsOf(instant);
  if (Number.isNaN(epochMs)) return String(instant);
  return new Intl.DateTimeFormat(locale, {
    timeZone: OSLO,
    dateStyle: options.style ?? 'medium',
    timeStyle: 'short',
  }).format(new Date(epochMs));
}

export type DeadlineDescription =
  /** A time limit that runs out at the end of `lastDay` (YYYY-MM-DD, Oslo), and that in words. */
  | { kind: 'endOfDay'; lastDay: string; text: string }
  /** A time limit that runs out at another instant, and that in words. */
  | { kind: 'at'; text: string };

/**
 * A deadline in words. The domain stores a time limit as the instant it runs out: midnight at the start of the day
 * after its last day in Oslo (`endOfOsloDay`), so 2026-12-21T23:00:00Z is "by the end of 21 Dec 2026", never
 * "22 Dec, 00:00". A bare calendar date is a last day as it stands. Any other instant reads "by <date, time>".
 */
export function describeOsloDeadline(
  dueAt: string,
  locale: string,
  options: TimeTextOptions = {},
): DeadlineDescription {
  const words = DEADLINE_WORDS[deadlineLanguageOf(locale)];
  const endOfDay = (lastDay: string): DeadlineDescription => ({
    kind: 'endOfDay',
    lastDay,
    text: words.endOf(calendarDateText(lastDay, locale, options)),
  });
  if (isDateOnly(dueAt)) return endOfDay(dueAt);
  const epochMs = epochMsOf(dueAt);
  if (Number.isNaN(epochMs)) return { kind: 'at', text: dueAt };
  const lastDay = osloCalendarDate(new Date(epochMs - 1));
  if (endOfOsloDay(lastDay).getTime() === epochMs) return endOfDay(lastDay);
  return { kind: 'at', text: words.by(osloDateTimeText(dueAt, locale, options)) };
}

/** `describeOsloDeadline`'s words alone: "innen utgangen av 21. des. 2026", "by the end of 21 Dec 2026", … */
export function osloDeadlineText(dueAt: string, locale: string, options: TimeTextOptions = {}): string {
  return describeOsloDeadline(dueAt, locale, options).text;
}
