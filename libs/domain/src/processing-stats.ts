import { z } from 'zod';
import { CaseTrack } from './case-state';
import { dayNumberOf, formatDay, MS_PER_DAY, weekdayOf } from './deadlines/calendar-date';
import { endOfOsloDay, osloCalendarDate } from './deadlines/oslo-time';

// Processing times and backlog (`GET /api/stats/processing`, issue 14): what applicants keep asking, "when will I
// get an answer?". Pure: the API gathers the inputs (visibility for open cases, the archive for closed ones) and
// this turns them into figures, the same way whichever archive or visibility store they came from.

export const PROCESSING_STATS_DEFAULT_WEEKS = 26;
export const PROCESSING_STATS_MAX_WEEKS = 104;

/** When a case was lodged, first decided at first instance and closed; the track it was on last. */
export interface CaseMilestones {
  track: CaseTrack;
  lodgedAt: string;
  firstDecisionAt?: string;
  closedAt?: string;
}

/**
 * How long open cases have waited, in whole days since lodging (24-hour days, so a band never depends on the
 * clock change): each band from `minDays` through `maxDays`.
 */
export const AGE_BANDS = [
  { band: '0-30', minDays: 0, maxDays: 30 },
  { band: '31-90', minDays: 31, maxDays: 90 },
  { band: '91-180', minDays: 91, maxDays: 180 },
  { band: '181-365', minDays: 181, maxDays: 365 },
  { band: 'over-365', minDays: 366, maxDays: undefined },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['band'];

/**
 * The lodging instants of a band's cases at `asOf`: lodged after `lodgedAfter` (when there is a bound) and at or
 * before `lodgedAtOrBefore`. A visibility count query asks exactly this.
 */
export function ageBandLodgedRange(
  band: (typeof AGE_BANDS)[number],
  asOf: Date,
): { lodgedAfter?: Date; lodgedAtOrBefore?: Date } {
  return {
    ...(band.maxDays !== undefined
      ? { lodgedAfter: new Date(asOf.getTime() - (band.maxDays + 1) * MS_PER_DAY) }
      : {}),
    ...(band.minDays > 0 ? { lodgedAtOrBefore: new Date(asOf.getTime() - band.minDays * MS_PER_DAY) } : {}),
  };
}

export function ageBandOf(lodgedAt: string | Date, asOf: Date): AgeBand {
  const days = Math.floor((asOf.getTime() - new Date(lodgedAt).getTime()) / MS_PER_DAY);
  const found = AGE_BANDS.find((band) => band.maxDays === undefined || days <= band.maxDays);
  return (found ?? AGE_BANDS[4]).band;
}

/** One calendar week of the window, Monday 00:00 to the next Monday 00:00 in Oslo. */
export interface ProcessingWeek {
  /** The Monday, as an Oslo calendar date. */
  weekStart: string;
  start: Date;
  end: Date;
}

/** The weeks the figures cover: the current (partial) Oslo week and the `weeks - 1` before it. */
export interface ProcessingWindow {
  asOf: Date;
  weeks: ProcessingWeek[];
  /** Monday 00:00 Oslo of the first week: percentiles are over cases first decided (or closed) from then on. */
  start: Date;
}

/** Midnight at the start of an Oslo calendar day. */
function startOfOsloDay(day: number): Date {
  return endOfOsloDay(formatDay(day - 1));
}

export function processingWindow(asOf: Date, weeks: number): ProcessingWindow {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > PROCESSING_STATS_MAX_WEEKS)
    throw new RangeError(`weeks must be a whole number from 1 to ${PROCESSING_STATS_MAX_WEEKS}`);
  const today = dayNumberOf(osloCalendarDate(asOf));
  // getUTCDay's Sunday = 0: Monday is 0 days back, Sunday 6.
  const thisMonday = today - ((weekdayOf(today) + 6) % 7);
  const mondays = Array.from({ length: weeks }, (_, index) => thisMonday - 7 * (weeks - 1 - index));
  const list = mondays.map((monday) => ({
    weekStart: formatDay(monday),
    start: startOfOsloDay(monday),
    end: startOfOsloDay(monday + 7),
  }));
  return { asOf, weeks: list, start: startOfOsloDay(mondays[0] ?? thisMonday) };
}

/** What visibility counts of the open cases (count queries, never a listing of them all). */
export interface OpenCaseCounts {
  byAgeBand: Record<AgeBand, number>;
  /** Open cases lodged in each week of the window, in the window's order. */
  lodgedPerWeek: number[];
}

export interface ProcessingInputs {
  window: ProcessingWindow;
  /** Closed cases, from the archive; those whose milestones all lie before the window are left out here anyway. */
  closed: readonly CaseMilestones[];
  /** Open cases first decided within the window, from visibility (`DecidedAt`). */
  openDecided: readonly CaseMilestones[];
  open: OpenCaseCounts;
}

export const DurationFigures = z.object({
  cases: z.number().int().nonnegative(),
  medianDays: z
    .number()
    .nullable()
    .meta({ description: 'Days, to one decimal; null when there are no cases' }),
  p90Days: z
    .number()
    .nullable()
    .meta({ description: '90th percentile in days, to one decimal; null when there are no cases' }),
});
export type DurationFigures = z.infer<typeof DurationFigures>;

const AgeBandName = z.enum(AGE_BANDS.map((band) => band.band) as [AgeBand, ...AgeBand[]]);

export const ProcessingStats = z.object({
  asOf: z.iso.datetime(),
  weeks: z.number().int(),
  windowStart: z.iso
    .datetime()
    .meta({ description: "Monday 00:00 in Oslo of the window's first week, as an instant" }),
  tracks: z.array(
    z.object({
      track: CaseTrack,
      toDecision: DurationFigures.meta({
        description:
          'Days from lodging to the first-instance decision, over cases first decided in the window',
      }),
      toClosing: DurationFigures.meta({
        description: 'Days from lodging to closing, over cases closed in the window',
      }),
    }),
  ),
  overall: z.object({ toDecision: DurationFigures, toClosing: DurationFigures }).meta({
    description: 'Every track together',
  }),
  openByAge: z.array(z.object({ band: AgeBandName, cases: z.number().int().nonnegative() })),
  perWeek: z.array(
    z.object({
      weekStart: z.iso.date().meta({ description: 'The Monday, an Oslo calendar date' }),
      lodged: z.number().int().nonnegative(),
      decided: z.number().int().nonnegative(),
      closed: z.number().int().nonnegative(),
    }),
  ),
});
export type ProcessingStats = z.infer<typeof ProcessingStats>;

/**
 * The `p`-quantile (0–1) of sorted values by linear interpolation between the closest ranks: R's type 7, as
 * PostgreSQL's `percentile_cont`, NumPy's default and Excel's PERCENTILE.INC compute it. The median is `p = 0.5`,
 * the mean of the two middle values for an even count.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const lower = sorted[below] ?? NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? NaN;
  return lower + (rank - below) * (upper - lower);
}

const roundDays = (days: number | null) => (days === null ? null : Math.round(days * 10) / 10);

function figuresOf(days: number[]): DurationFigures {
  const sorted = [...days].sort((a, b) => a - b);
  return {
    cases: sorted.length,
    medianDays: roundDays(quantile(sorted, 0.5)),
    p90Days: roundDays(quantile(sorted, 0.9)),
  };
}

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / MS_PER_DAY;

export function processingStats({ window, closed, openDecided, open }: ProcessingInputs): ProcessingStats {
  const start = window.start.getTime();
  const end = window.asOf.getTime();
  const within = (at: string | undefined): at is string => {
    if (at === undefined) return false;
    const time = Date.parse(at);
    return time >= start && time <= end;
  };
  // Each case once: a closed case is the archive's, an open one visibility's, so none is counted twice.
  const decided = [...closed, ...openDecided].filter((m) => within(m.firstDecisionAt));
  const closedInWindow = closed.filter((m) => within(m.closedAt));
  const toDecision = (cases: readonly CaseMilestones[]) =>
    figuresOf(cases.map((m) => daysBetween(m.lodgedAt, m.firstDecisionAt ?? m.lodgedAt)));
  const toClosing = (cases: readonly CaseMilestones[]) =>
    figuresOf(cases.map((m) => daysBetween(m.lodgedAt, m.closedAt ?? m.lodgedAt)));

  const weekOf = (at: string | undefined): number => {
    if (!within(at)) return -1;
    const time = Date.parse(at);
    return window.weeks.findIndex((week) => time >= week.start.getTime() && time < week.end.getTime());
  };
  const perWeek = window.weeks.map((week, index) => ({
    weekStart: week.weekStart,
    lodged: open.lodgedPerWeek[index] ?? 0,
    decided: 0,
    closed: 0,
  }));
  for (const m of closed) {
    const lodgedIn = perWeek[weekOf(m.lodgedAt)];
    if (lodgedIn) lodgedIn.lodged++;
    const closedIn = perWeek[weekOf(m.closedAt)];
    if (closedIn) closedIn.closed++;
  }
  for (const m of decided) {
    const decidedIn = perWeek[weekOf(m.firstDecisionAt)];
    if (decidedIn) decidedIn.decided++;
  }

  return {
    asOf: window.asOf.toISOString(),
    weeks: window.weeks.length,
    windowStart: window.start.toISOString(),
    tracks: CaseTrack.options.map((track) => ({
      track,
      toDecision: toDecision(decided.filter((m) => m.track === track)),
      toClosing: toClosing(closedInWindow.filter((m) => m.track === track)),
    })),
    overall: { toDecision: toDecision(decided), toClosing: toClosing(closedInWindow) },
    openByAge: AGE_BANDS.map(({ band }) => ({ band, cases: open.byAgeBand[band] ?? 0 })),
    perWeek,
  };
}
