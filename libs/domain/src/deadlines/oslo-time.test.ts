import * as fc from 'fast-check';
import { endOfOsloDay, osloCalendarDate } from './oslo-time';

const osloDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const instants2020To2080 = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2080-12-30T00:00:00Z'),
  noInvalidDate: true,
});

describe('osloCalendarDate', () => {
  it('is the next day in Oslo once UTC passes 22:00 in summer and 23:00 in winter', () => {
    expect(osloCalendarDate('2026-06-30T21:59:59Z')).toBe('2026-06-30');
    expect(osloCalendarDate('2026-06-30T22:00:00Z')).toBe('2026-07-01');
    expect(osloCalendarDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(osloCalendarDate('2026-01-15T22:59:59Z')).toBe('2026-01-15');
    expect(osloCalendarDate('2026-01-15T23:00:00Z')).toBe('2026-01-16');
  });

  it('switches to summer time at 01:00 UTC on the last Sunday of March and back on the last Sunday of October', () => {
    expect(osloCalendarDate('2026-03-28T22:59:59Z')).toBe('2026-03-28');
    expect(osloCalendarDate('2026-03-28T23:00:00Z')).toBe('2026-03-29');
    expect(osloCalendarDate('2026-10-24T21:59:59Z')).toBe('2026-10-24');
    expect(osloCalendarDate('2026-10-24T22:00:00Z')).toBe('2026-10-25');
  });

  it('honours an explicit offset in the date-time', () => {
    expect(osloCalendarDate('2026-07-01T00:30:00+02:00')).toBe('2026-07-01');
    expect(osloCalendarDate('2026-06-30T19:30:00-04:00')).toBe('2026-07-01');
  });

  it('takes a YYYY-MM-DD string as the Oslo date it names', () => {
    expect(osloCalendarDate('2026-07-01')).toBe('2026-07-01');
  });

  it('rejects a date-time without an offset, which would be read in the host’s own time zone', () => {
    expect(() => osloCalendarDate('2026-06-30T23:30:00')).toThrow(RangeError);
    expect(() => osloCalendarDate(new Date(NaN))).toThrow(RangeError);
    expect(() => osloCalendarDate('2026-02-30')).toThrow(RangeError);
  });

  it('agrees with the Europe/Oslo time-zone database for any instant 2020–2080', () => {
    fc.assert(
      fc.property(instants2020To2080, (instant) => {
        expect(osloCalendarDate(instant)).toBe(osloDateFormat.format(instant));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('endOfOsloDay', () => {
  it('ends a day at 23:00 UTC in winter and 22:00 UTC in summer, across both daylight-saving switches', () => {
    expect(endOfOsloDay('2026-03-28').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(endOfOsloDay('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(endOfOsloDay('2026-10-24').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(endOfOsloDay('2026-10-25').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('ends the year at 23:00 UTC on 31 December', () => {
    expect(endOfOsloDay('2026-12-31').toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('reads a Date as its Oslo calendar date, so a legalDeadline result can be passed in', () => {
    expect(endOfOsloDay(new Date('2026-12-28T00:00:00.000Z')).toISOString()).toBe('2026-12-28T23:00:00.000Z');
    expect(endOfOsloDay(new Date('2026-06-30T23:30:00Z')).toISOString()).toBe('2026-07-01T22:00:00.000Z');
  });

  it('is the first instant of the next Oslo day, for any day 2020–2080', () => {
    fc.assert(
      fc.property(instants2020To2080, (instant) => {
        const date = osloCalendarDate(instant);
        const end = endOfOsloDay(date);
        expect(osloDateFormat.format(new Date(end.getTime() - 1))).toBe(date);
        expect(osloDateFormat.format(end)).not.toBe(date);
        expect(end.getTime() - instant.getTime()).toBeGreaterThan(0);
        expect(end.getTime() - instant.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
      }),
      { numRuns: 2000 },
    );
  });
});
