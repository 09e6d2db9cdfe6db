import { addMonths, dayNumberOf, formatDay, MS_PER_DAY } from './calendar-date';
import { osloCalendarDate } from './oslo-time';
import { isWorkingDay } from './public-holidays';

export interface LegalPeriod {
  days?: number;
  weeks?: number;
  months?: number;
}

function count(period: LegalPeriod, unit: keyof LegalPeriod): number {
  const value = period[unit] ?? 0;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`A legal time limit counts whole ${unit} forward, got ${unit}: ${value}`);
  }
  return value;
}

/**
 * The last day of a time limit counted under domstolloven §§ 148–149, the rules also applied to administrative limits
 * such as the three-week appeal limit of forvaltningsloven § 29.
 *
 * Counting starts from the Oslo calendar date of `from` (the day of notification), because that is the date the
 * parties see, whatever the server's clock says. The day itself is not counted (§ 148 first paragraph): days are
 * added; weeks and months end on the day with the same weekday or day number, or the month's last day when it has
 * no such number (§ 148 second paragraph). A last day on a Saturday, Sunday or public holiday moves to the next
 * working day (§ 149). With several units, months are applied first, then weeks, then days.
 *
 * Returns the calendar date as 00:00:00.000Z; `endOfOsloDay` gives the instant it runs out. Throws if a day to be
 * checked lies outside the years the holiday table covers.
 */
export function legalDeadline(from: Date | string, period: LegalPeriod): Date {
  if (period.days === undefined && period.weeks === undefined && period.months === undefined) {
    throw new RangeError('A legal time limit needs days, weeks or months');
  }
  const months = count(period, 'months');
  const weeks = count(period, 'weeks');
  const days = count(period, 'days');

  let end = addMonths(dayNumberOf(osloCalendarDate(from)), months) + 7 * weeks + days;
  while (!isWorkingDay(formatDay(end))) end += 1;
  return new Date(end * MS_PER_DAY);
}
