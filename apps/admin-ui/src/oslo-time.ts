// Dates and times as caseworkers see them: in Oslo, whatever zone the browser is in.
import { calendarDateText, osloDateTimeText, osloDeadlineText } from './domain';

const OSLO = 'Europe/Oslo';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: OSLO,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function osloWallTime(epochMs: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

/** Oslo's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function osloOffsetMinutes(epochMs: number): number {
  const wall = osloWallTime(epochMs);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An `<input type="datetime-local">` value, read as Oslo wall time, as an ISO date-time with Oslo's offset
 * (`2025-01-10T10:00` → `2025-01-10T10:00:00+01:00`). Undefined when the value is not such a date-time.
 */
export function osloLocalToIso(local: string): string | undefined {
  const match = LOCAL_DATE_TIME.exec(local.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(wallAsUtc)) return undefined;
  // Guess the offset at the wall time, then correct once: right on both sides of a DST switch.
  let offset = osloOffsetMinutes(wallAsUtc - osloOffsetMinutes(wallAsUtc) * 60_000);
  offset = osloOffsetMinutes(wallAsUtc - offset * 60_000);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(offset)}`;
}

/**
 * An instant as an `<input type="datetime-local">` value in Oslo wall time, to the minute, or to the second with
 * `seconds` (a "now" that must not fall before an event of the same minute, such as the decision just served).
 */
export function isoToOsloLocal(instant: string | number | Date, options: { seconds?: boolean } = {}): string {
  const wall = osloWallTime(new Date(instant).getTime());
  const minute = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
  return options.seconds ? `${minute}:${pad(wall.second)}` : minute;
}

/** The instant at which an Oslo calendar date ends (midnight at the start of the next day), as an ISO string. */
export function endOfOsloDateIso(date: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  const iso = osloLocalToIso(`${next.toISOString().slice(0, 10)}T00:00`);
  return iso === undefined ? undefined : new Date(iso).toISOString();
}

/** The Oslo calendar date whose end is the instant `endIso` (the inverse of `endOfOsloDateIso`), as YYYY-MM-DD. */
export function osloDateEndingAt(endIso: string): string | undefined {
  const epochMs = Date.parse(endIso);
  if (Number.isNaN(epochMs)) return undefined;
  return isoToOsloLocal(epochMs - 1).slice(0, 10);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isIsoDateTime = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE_TIME.test(value);
export const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE.test(value);

// The formatting is the domain's (`oslo-time-text.ts`): the UI, the applicant's letters and the PDF case file show a
// time one way, so a deadline reads as the same last day on every one of them.

/** An instant in Oslo time, e.g. `10. jan. 2025, 10:00` (nb) or `10 Jan 2025, 10:00` (en). */
export const formatDateTime = (instant: string, locale: string): string => osloDateTimeText(instant, locale);

/** A calendar date (YYYY-MM-DD), e.g. `10. jan. 2025`, never a day off whatever the browser's zone. */
export const formatDate = (date: string, locale: string): string => calendarDateText(date, locale);

/** A deadline in words: "innen utgangen av 21. des. 2026" for the usual end-of-day deadline, else "innen <instant>". */
export const formatDeadline = (dueAt: string, locale: string): string => osloDeadlineText(dueAt, locale);
