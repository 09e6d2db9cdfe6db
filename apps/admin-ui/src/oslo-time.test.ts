import { describe, expect, it } from '@jest/globals';
import {
  endOfOsloDateIso,
  isoToOsloLocal,
  osloDateEndingAt,
  osloLocalToIso,
  formatDate,
  formatDateTime,
  formatDeadline,
} from './oslo-time';

describe('Oslo time', () => {
  it('reads datetime-local values as Oslo wall time, winter and summer', () => {
    expect(osloLocalToIso('2025-01-10T10:00')).toBe('2025-01-10T10:00:00+01:00');
    expect(osloLocalToIso('2025-07-01T08:30')).toBe('2025-07-01T08:30:00+02:00');
    expect(osloLocalToIso('not a time')).toBeUndefined();
  });

  it('finds the Oslo date an end-of-day instant ends, the inverse of endOfOsloDateIso', () => {
    for (const date of ['2025-01-10', '2025-03-30', '2025-07-01', '2025-10-26', '2025-12-31']) {
      expect(osloDateEndingAt(endOfOsloDateIso(date) ?? '')).toBe(date);
    }
    expect(osloDateEndingAt('2025-02-13T23:00:00.000Z')).toBe('2025-02-13');
    expect(osloDateEndingAt('soon')).toBeUndefined();
  });

  it('shows instants as Oslo wall time', () => {
    expect(isoToOsloLocal('2025-01-10T09:00:00Z')).toBe('2025-01-10T10:00');
    expect(isoToOsloLocal('2025-07-01T06:30:00Z')).toBe('2025-07-01T08:30');
    expect(isoToOsloLocal('2025-07-01T06:30:42.500Z', { seconds: true })).toBe('2025-07-01T08:30:42');
    expect(osloLocalToIso(isoToOsloLocal('2025-07-01T06:30:42Z', { seconds: true }))).toBe(
      '2025-07-01T08:30:42+02:00',
    );
  });

  it('ends a calendar day at midnight in Oslo', () => {
    expect(endOfOsloDateIso('2025-03-03')).toBe('2025-03-03T23:00:00.000Z');
    expect(endOfOsloDateIso('2025-06-30')).toBe('2025-06-30T22:00:00.000Z');
  });

  it('shows an end-of-day deadline as its last day, in nb and en, the same day as the letters and the PDF', () => {
    // The deadline of issue 15, shown before as "utgangen av 21. des. 2026" and as "22. des. 2026, 00:00".
    expect(formatDeadline('2026-12-21T23:00:00.000Z', 'nb-NO')).toBe('innen utgangen av 21. des. 2026');
    expect(formatDeadline('2026-12-21T23:00:00.000Z', 'en-GB')).toBe('by the end of 21 Dec 2026');
    expect(formatDeadline('2025-03-03T10:00:00.000Z', 'en-GB')).toBe('by 3 Mar 2025, 11:00');
  });

  it('formats through the domain: an instant in Oslo time, a date as the day it names', () => {
    expect(formatDateTime('2025-01-10T09:00:00Z', 'nb-NO')).toBe('10. jan. 2025, 10:00');
    expect(formatDate('2025-01-10', 'en-GB')).toBe('10 Jan 2025');
  });
});
