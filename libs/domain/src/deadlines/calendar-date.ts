// Calendar dates as whole days since 1970-01-01, so that counting a time limit is integer arithmetic that no time
// zone or daylight-saving switch can disturb. Internal to the deadlines module.

export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01; day 0 was a Thursday. */
export type DayNumber = number;

export const SUNDAY = 0;
export const SATURDAY = 6;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text);
}

function fromParts(year: number, monthIndex: number, day: number): DayNumber {
  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
  return new Date(0).setUTCFullYear(year, monthIndex, day) / MS_PER_DAY;
}

/** Parses `YYYY-MM-DD`, rejecting dates that do not exist (2026-02-30) rather than rolling them over. */
export function dayNumberOf(date: string): DayNumber {
  const match = DATE_ONLY.exec(date);
  if (match) {
    const day = fromParts(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (formatDay(day) === date) return day;
  }
  throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got '${date}'`);
}

export function formatDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function weekdayOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

export function lastDayOfMonth(year: number, monthIndex: number): DayNumber {
  return fromParts(year, monthIndex + 1, 0);
}

/**
 * The same day number `months` later; if that month is too short, its last day (dl. § 148 second paragraph:
 * 31 January + 1 month is 28 or 29 February, never 3 March).
 */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const monthIndex = date.getUTCMonth() + months;
  const last = lastDayOfMonth(year, monthIndex);
  return Math.min(fromParts(year, monthIndex, date.getUTCDate()), last);
}
