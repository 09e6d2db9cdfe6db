// The pure parts of the processing-times panel: a chart's text for screen readers, and the weeks' labels.
import { formatDate, isIsoDateTime, isoToOsloLocal } from './oslo-time';

/**
 * What a chart of several series says to a screen reader: each series with its value per label, e.g.
 * "Median: Individual 41 d, Dublin 12 d; 90th percentile: …". Labels without a value are left out.
 */
export function seriesSummary(
  labels: readonly string[],
  series: readonly { label: string; values: readonly (number | null)[] }[],
  formatValue: (value: number) => string,
): string {
  return series
    .map((one) => {
      const parts = labels.flatMap((label, index) => {
        const value = one.values[index];
        return value === null || value === undefined ? [] : [`${label} ${formatValue(value)}`];
      });
      return `${one.label}: ${parts.length > 0 ? parts.join(', ') : '–'}`;
    })
    .join('; ');
}

/** A week's label on the chart: the date its Monday falls on, short, in the user's language. */
export function weekLabel(weekStart: string, locale: string): string {
  // The API sends the Monday as a date, or as the instant it starts in Oslo (the day before in UTC).
  const date = isIsoDateTime(weekStart) ? isoToOsloLocal(weekStart).slice(0, 10) : weekStart;
  return formatDate(date, locale);
}
