import { dayNumberOf, formatDay, isDateOnly, lastDayOfMonth, MS_PER_DAY, weekdayOf } from './calendar-date';

// Norway's clock is computed here rather than read from Intl: workflow code must give the same answer on every
// replay, and the time-zone database of whatever Node runs the worker is not under our control.

const HOUR = 3_600_000;
const WINTER_OFFSET = 1 * HOUR;
const SUMMER_OFFSET = 2 * HOUR;

// An instant must say which zone it is in: a date-time without an offset would be read in the host's local time.
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function lastSundayAt0100Utc(year: number, monthIndex: number): number {
  const last = lastDayOfMonth(year, monthIndex);
  return (last - weekdayOf(last)) * MS_PER_DAY + 1 * HOUR;
}

/**
 * Summer time (UTC+2) under the EU rule Norway has followed since 1996: from the last Sunday of March to the last
 * Sunday of October, switching at 01:00 UTC. Instants before 1996 are not Oslo-correct.
 */
function isSummerTime(epochMs: number): boolean {
  const year = new Date(epochMs).getUTCFullYear();
  return lastSundayAt0100Utc(year, 2) <= epochMs && epochMs < lastSundayAt0100Utc(year, 9);
}

function osloOffsetAt(epochMs: number): number {
  return isSummerTime(epochMs) ? SUMMER_OFFSET : WINTER_OFFSET;
}

function toEpochMs(instant: Date | string): number {
  const epochMs =
    typeof instant === 'string'
      ? DATE_TIME_WITH_OFFSET.test(instant)
        ? Date.parse(instant)
        : NaN
      : instant.getTime();
  if (Number.isNaN(epochMs)) {
    throw new RangeError(
      `Expected a valid Date, a YYYY-MM-DD date or an ISO date-time with Z or an offset, got '${String(instant)}'`,
    );
  }
  return epochMs;
}

/**
 * The calendar date (YYYY-MM-DD) in Europe/Oslo at `instant`. A `YYYY-MM-DD` string already is a calendar date and is
 * returned as it is.
 */
export function osloCalendarDate(instant: Date | string): string {
  if (typeof instant === 'string' && isDateOnly(instant)) return formatDay(dayNumberOf(instant));
  const epochMs = toEpochMs(instant);
  return formatDay(Math.floor((epochMs + osloOffsetAt(epochMs)) / MS_PER_DAY));
}

/**
 * The instant a time limit whose last day is `date` runs out: midnight at the start of the next day in Oslo. A Date
 * stands for its Oslo calendar date, so the 00:00Z dates returned by `legalDeadline` can be passed straight in.
 */
export function endOfOsloDay(date: Date | string): Date {
  const nextMidnightAsUtc = (dayNumberOf(osloCalendarDate(date)) + 1) * MS_PER_DAY;
  // The clocks change at 02:00/03:00 local time, never at midnight, so midnight has exactly one offset: summer time
  // if the summer-time instant for it lies inside summer time.
  const inSummer = nextMidnightAsUtc - SUMMER_OFFSET;
  return new Date(isSummerTime(inSummer) ? inSummer : nextMidnightAsUtc - WINTER_OFFSET);
}
