import { dayNumberOf, SATURDAY, SUNDAY, weekdayOf, yearOf } from './calendar-date';
import {
  NORWEGIAN_PUBLIC_HOLIDAYS,
  NORWEGIAN_PUBLIC_HOLIDAYS_FIRST_YEAR,
  NORWEGIAN_PUBLIC_HOLIDAYS_LAST_YEAR,
  NORWEGIAN_PUBLIC_HOLIDAYS_SOURCE,
} from './norwegian-public-holidays.generated';

// Outside the generated years every day would look like a working day, and a deadline would silently end on
// Christmas Day; refusing is the only safe answer.
function assertCovered(date: string): void {
  const year = yearOf(dayNumberOf(date));
  if (year < NORWEGIAN_PUBLIC_HOLIDAYS_FIRST_YEAR || year > NORWEGIAN_PUBLIC_HOLIDAYS_LAST_YEAR) {
    throw new RangeError(
      `Norwegian public holidays are known only for ${NORWEGIAN_PUBLIC_HOLIDAYS_FIRST_YEAR}–` +
        `${NORWEGIAN_PUBLIC_HOLIDAYS_LAST_YEAR} (${NORWEGIAN_PUBLIC_HOLIDAYS_SOURCE}), not for ${date}; ` +
        'widen the range in tools/src/generate-norwegian-holidays.ts and regenerate',
    );
  }
}

/** A statutory public holiday ("høytidsdag"); Christmas Eve and New Year's Eve are not. Throws outside the table. */
export function isNorwegianPublicHoliday(date: string): boolean {
  assertCovered(date);
  return NORWEGIAN_PUBLIC_HOLIDAYS.has(date);
}

/** Neither a Saturday, a Sunday nor a public holiday: a day on which a time limit may end (dl. § 149). */
export function isWorkingDay(date: string): boolean {
  const weekday = weekdayOf(dayNumberOf(date));
  return !isNorwegianPublicHoliday(date) && weekday !== SATURDAY && weekday !== SUNDAY;
}
