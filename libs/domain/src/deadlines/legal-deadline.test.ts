import * as fc from 'fast-check';
import { endOfOsloDay, isWorkingDay, legalDeadline } from './index';

const DAY = 86_400_000;

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function deadline(from: Date | string, period: Parameters<typeof legalDeadline>[1]): string {
  return day(legalDeadline(from, period));
}

/** An independent reading of dl. § 148, without the § 149 move: the nominal last day. */
function nominalEnd(from: string, months: number, weeks: number, days: number): Date {
  const start = new Date(`${from}T00:00:00Z`);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const monthEnd = Date.UTC(year, month, Math.min(start.getUTCDate(), daysInMonth));
  return new Date(monthEnd + (7 * weeks + days) * DAY);
}

// Starts late enough in the table that the longest generated period (1 year + 12 weeks + 60 days) stays inside it.
const startDates = fc
  .integer({ min: Date.UTC(2020, 0, 1) / DAY, max: Date.UTC(2078, 11, 31) / DAY })
  .map((dayNumber) => day(new Date(dayNumber * DAY)));

describe('legalDeadline (domstolloven §§ 148–149)', () => {
  it('ends the appeal limit of a decision notified 4 December 2026 on Monday 28 December (Christmas and a weekend in between)', () => {
    expect(deadline('2026-12-04', { weeks: 3 })).toBe('2026-12-28');
  });

  it('ends a limit in weeks on the same weekday as it started (dl. § 148)', () => {
    expect(deadline('2026-09-02', { weeks: 3 })).toBe('2026-09-23');
  });

  it('moves a limit that ends on a Saturday to the next working day (dl. § 149)', () => {
    expect(deadline('2026-09-12', { weeks: 3 })).toBe('2026-10-05');
  });

  it('moves a limit that ends on a Sunday to the next working day (dl. § 149)', () => {
    expect(deadline('2026-09-24', { days: 10 })).toBe('2026-10-05');
  });

  it('moves a limit that ends on Maundy Thursday past Good Friday, the weekend and Easter Monday (dl. § 149)', () => {
    expect(deadline('2027-03-04', { weeks: 3 })).toBe('2027-03-30');
  });

  it('moves a limit that ends on Constitution Day, 17 May, to the next working day (dl. § 149)', () => {
    expect(deadline('2028-04-26', { weeks: 3 })).toBe('2028-05-18');
  });

  it('lets a limit end on Christmas Eve, which is a working day', () => {
    expect(deadline('2026-12-03', { weeks: 3 })).toBe('2026-12-24');
  });

  it('ends a limit in months on the same day number (dl. § 148)', () => {
    expect(deadline('2026-03-15', { months: 2 })).toBe('2026-05-15');
  });

  it('ends a limit in months on the last day of a month that lacks the day number (dl. § 148)', () => {
    expect(deadline('2027-03-31', { months: 1 })).toBe('2027-04-30');
    expect(deadline('2028-01-31', { months: 1 })).toBe('2028-02-29');
  });

  it('moves a month limit ending on Saturday 28 February 2026 (no 31 February) to Monday 2 March (dl. §§ 148–149)', () => {
    expect(deadline('2026-01-31', { months: 1 })).toBe('2026-03-02');
  });

  it('does not count the starting day of a limit in days (dl. § 148)', () => {
    expect(deadline('2026-09-01', { days: 1 })).toBe('2026-09-02');
  });

  it('applies months before weeks and days when a period combines them', () => {
    // 30 Jan 2027 + 1 month = 28 Feb, + 2 days = Tue 2 Mar; days first would give Mon 1 Mar.
    expect(deadline('2027-01-30', { months: 1, days: 2 })).toBe('2027-03-02');
    expect(deadline('2026-01-31', { months: 1, weeks: 1, days: 1 })).toBe('2026-03-09');
  });

  it('counts from the Oslo date of an instant that is already the next day in Oslo', () => {
    expect(deadline('2026-06-30T23:30:00Z', { weeks: 3 })).toBe('2026-07-22');
    expect(deadline(new Date('2026-06-30T23:30:00Z'), { weeks: 3 })).toBe('2026-07-22');
    expect(deadline('2026-06-30T21:30:00Z', { weeks: 3 })).toBe('2026-07-21');
  });

  it('returns the last day at 00:00Z, whose endOfOsloDay is midnight in Oslo', () => {
    const last = legalDeadline('2026-12-04', { weeks: 3 });
    expect(last.toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(endOfOsloDay(last).toISOString()).toBe('2026-12-28T23:00:00.000Z');
  });

  it('throws when a day to check lies outside the 2020–2080 holiday table', () => {
    expect(() => legalDeadline('2080-12-20', { weeks: 3 })).toThrow(/2020–2080/);
    expect(() => legalDeadline('2019-11-01', { weeks: 3 })).toThrow(/2020–2080/);
  });

  it('rejects a period that is empty, negative or not a whole number', () => {
    expect(() => legalDeadline('2026-09-02', {})).toThrow(RangeError);
    expect(() => legalDeadline('2026-09-02', { weeks: -1 })).toThrow(RangeError);
    expect(() => legalDeadline('2026-09-02', { days: 1.5 })).toThrow(RangeError);
    expect(() => legalDeadline('2026-09-02', { months: Number.NaN })).toThrow(RangeError);
  });

  describe('for any start 2020–2078 and period', () => {
    const periods = fc.record({
      months: fc.integer({ min: 0, max: 12 }),
      weeks: fc.integer({ min: 0, max: 12 }),
      days: fc.integer({ min: 0, max: 60 }),
    });

    it('ends on a working day, no earlier than the nominal end and at most 5 days after it, skipping only non-working days', () => {
      fc.assert(
        fc.property(startDates, periods, (from, { months, weeks, days }) => {
          const nominal = nominalEnd(from, months, weeks, days);
          const result = legalDeadline(from, { months, weeks, days });
          expect(isWorkingDay(day(result))).toBe(true);
          expect(result.getTime()).toBeGreaterThanOrEqual(nominal.getTime());
          expect(result.getTime() - nominal.getTime()).toBeLessThanOrEqual(5 * DAY);
          for (let skipped = nominal.getTime(); skipped < result.getTime(); skipped += DAY) {
            expect(isWorkingDay(day(new Date(skipped)))).toBe(false);
          }
        }),
        { numRuns: 2000 },
      );
    });

    it('ends a limit in weeks on the starting weekday unless § 149 moved it', () => {
      fc.assert(
        fc.property(startDates, fc.integer({ min: 1, max: 52 }), (from, weeks) => {
          const result = legalDeadline(from, { weeks });
          const nominal = nominalEnd(from, 0, weeks, 0);
          if (result.getTime() === nominal.getTime()) {
            expect(result.getUTCDay()).toBe(new Date(`${from}T00:00:00Z`).getUTCDay());
          } else {
            expect(isWorkingDay(day(nominal))).toBe(false);
          }
        }),
        { numRuns: 2000 },
      );
    });

    it('is always a date at 00:00:00.000Z', () => {
      fc.assert(
        fc.property(startDates, periods, (from, period) => {
          expect(legalDeadline(from, period).getTime() % DAY).toBe(0);
        }),
      );
    });
  });
});
