import { expect, it } from '@jest/globals';
import { seriesSummary, weekLabel } from './stats';

it('says each series of a chart in words, leaving out labels without a value', () => {
  expect(
    seriesSummary(
      ['Individual', 'Dublin'],
      [
        { label: 'Median', values: [41, null] },
        { label: '90th percentile', values: [null, null] },
      ],
      (days) => `${days} d`,
    ),
  ).toBe('Median: Individual 41 d; 90th percentile: –');
});

it('labels a week by its Monday in Oslo, whether sent as a date or as the instant it starts', () => {
  expect(weekLabel('2025-06-02', 'en-GB')).toBe('2 Jun 2025');
  // Monday 00:00 in Oslo (summer time) is Sunday 22:00 UTC.
  expect(weekLabel('2025-06-01T22:00:00Z', 'en-GB')).toBe('2 Jun 2025');
  expect(weekLabel('2025-06-02', 'nb-NO')).toBe('2. juni 2025');
});
