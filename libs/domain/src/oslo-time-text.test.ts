import * as fc from 'fast-check';
import { endOfOsloDay } from './deadlines';
import {
  calendarDateText,
  deadlineLanguageOf,
  describeOsloDeadline,
  osloDateTimeText,
  osloDeadlineText,
} from './oslo-time-text';

/** The deadline of issue 15: its last day is 21 December 2026, so it runs out at midnight starting 22 December. */
const DUE_AT = '2026-12-21T23:00:00.000Z';

describe('one way to show a time (issue 15, point 4)', () => {
  it('reads an end-of-day deadline as its last day, in nb, en, uk and ru, never as the next midnight', () => {
    expect(osloDeadlineText(DUE_AT, 'nb-NO')).toBe('innen utgangen av 21. des. 2026');
    expect(osloDeadlineText(DUE_AT, 'en-GB')).toBe('by the end of 21 Dec 2026');
    expect(osloDeadlineText(DUE_AT, 'uk', { style: 'long' })).toBe('до кінця дня 21 грудня 2026 р.');
    expect(osloDeadlineText(DUE_AT, 'ru', { style: 'long' })).toBe('до конца дня 21 декабря 2026 г.');
    expect(describeOsloDeadline(DUE_AT, 'nb-NO')).toMatchObject({ kind: 'endOfDay', lastDay: '2026-12-21' });
  });

  it('reads a deadline at another instant as "by" its Oslo date and time', () => {
    expect(describeOsloDeadline('2026-12-21T09:00:00Z', 'nb-NO')).toEqual({
      kind: 'at',
      text: 'innen 21. des. 2026, 10:00',
    });
    expect(osloDeadlineText('2026-12-21T09:00:00Z', 'en-GB')).toBe('by 21 Dec 2026, 10:00');
  });

  it('shows an instant in Oslo time, winter and summer', () => {
    expect(osloDateTimeText('2026-12-21T09:00:00Z', 'nb-NO')).toBe('21. des. 2026, 10:00');
    expect(osloDateTimeText('2026-07-01T09:00:00Z', 'nb-NO')).toBe('1. juli 2026, 11:00');
    expect(osloDateTimeText(new Date('2026-07-01T09:00:00Z'), 'en-GB', { style: 'long' })).toBe(
      '1 July 2026 at 11:00',
    );
  });

  it.each([
    // Summer time starts at 01:00 UTC on the last Sunday of March (29 March 2026) and ends on the last Sunday of
    // October (25 October 2026): the day a limit ends on decides its offset, and its last day reads the same.
    ['2026-03-28', '2026-03-28T23:00:00.000Z', '28 Mar 2026'],
    ['2026-03-29', '2026-03-29T22:00:00.000Z', '29 Mar 2026'],
    ['2026-10-24', '2026-10-24T22:00:00.000Z', '24 Oct 2026'],
    ['2026-10-25', '2026-10-25T23:00:00.000Z', '25 Oct 2026'],
  ])('reads a deadline whose last day is %s (a DST edge) as that day', (lastDay, dueAt, text) => {
    expect(endOfOsloDay(lastDay).toISOString()).toBe(dueAt);
    expect(describeOsloDeadline(dueAt, 'en-GB')).toEqual({
      kind: 'endOfDay',
      lastDay,
      text: `by the end of ${text}`,
    });
  });

  it('reads the hour that repeats when summer time ends in Oslo time, once each', () => {
    expect(osloDateTimeText('2026-10-25T00:30:00Z', 'en-GB')).toBe('25 Oct 2026, 02:30');
    expect(osloDateTimeText('2026-10-25T01:30:00Z', 'en-GB')).toBe('25 Oct 2026, 02:30');
    expect(osloDateTimeText('2026-10-25T02:30:00Z', 'en-GB')).toBe('25 Oct 2026, 03:30');
  });

  it.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'])(
    'never slips a date-only value a day, with the host zone %s',
    (zone) => {
      const hostZone = process.env['TZ'];
      process.env['TZ'] = zone;
      try {
        expect(calendarDateText('2026-12-21', 'nb-NO')).toBe('21. des. 2026');
        expect(osloDateTimeText('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
        expect(describeOsloDeadline('2027-02-05', 'nb-NO', { style: 'long' })).toEqual({
          kind: 'endOfDay',
          lastDay: '2027-02-05',
          text: 'innen utgangen av 5. februar 2027',
        });
        fc.assert(
          fc.property(
            fc.date({ min: new Date('1970-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
            (day) => {
              const date = day.toISOString().slice(0, 10);
              const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
              const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
                new Date(Date.UTC(2000, month - 1, 15)),
              );
              expect(calendarDateText(date, 'en-GB', { style: 'long' })).toBe(
                `${dayOfMonth} ${monthName} ${year}`,
              );
              expect(describeOsloDeadline(date, 'en-GB')).toMatchObject({ lastDay: date });
            },
          ),
        );
      } finally {
        if (hostZone === undefined) delete process.env['TZ'];
        else process.env['TZ'] = hostZone;
      }
    },
  );

  it('reads every end-of-day instant the domain makes as the day it ends', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2080-12-30'), noInvalidDate: true }),
        (day) => {
          const lastDay = day.toISOString().slice(0, 10);
          expect(describeOsloDeadline(endOfOsloDay(lastDay).toISOString(), 'nb-NO')).toMatchObject({
            kind: 'endOfDay',
            lastDay,
          });
        },
      ),
    );
  });

  it('shows what is not a date as given', () => {
    expect(osloDateTimeText('soon', 'nb-NO')).toBe('soon');
    expect(calendarDateText('2026-13-45x', 'nb-NO')).toBe('2026-13-45x');
    expect(describeOsloDeadline('never', 'en-GB')).toEqual({ kind: 'at', text: 'never' });
  });

  it('words a deadline in Norwegian for every Norwegian locale and in English for a language it has no words in', () => {
    expect(['nb-NO', 'nb', 'no', 'nn-NO', 'uk', 'ru-RU', 'en-GB', 'de-DE'].map(deadlineLanguageOf)).toEqual([
      'nb',
      'nb',
      'nb',
      'nb',
      'uk',
      'ru',
      'en',
      'en',
    ]);
  });
});
