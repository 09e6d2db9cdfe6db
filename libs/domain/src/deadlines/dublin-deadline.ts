import { addMonths, dayNumberOf, MS_PER_DAY } from './calendar-date';
import type { LegalPeriod } from './legal-deadline';
import { osloCalendarDate } from './oslo-time';

/**
 * The last day of a Dublin III time limit (Art. 42): (a) the day of the event that starts it does not count; (b) a
 * limit in weeks or months ends on the same weekday or date as the starting day, and on the last day of the month
 * when that month lacks the date; (c) Saturdays, Sundays and official holidays count, and the limit is never moved
 * to a working day (unlike a Norwegian limit, dl. § 149).
 */
export function dublinDeadline(from: Date | string, period: LegalPeriod): Date {
  const { days = 0, weeks = 0, months = 0 } = period;
  for (const [unit, value] of Object.entries({ days, weeks, months })) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`A Dublin time limit counts whole ${unit} forward, got ${unit}: ${value}`);
    }
  }
  if (days + weeks + months === 0) throw new RangeError('A Dublin time limit needs days, weeks or months');
  const end = addMonths(dayNumberOf(osloCalendarDate(from)), months) + 7 * weeks + days;
  return new Date(end * MS_PER_DAY);
}
