/** Nearest-rank percentile of a sample (`p` from 0 to 100). */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

export function median(sample: readonly number[]): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function mean(sample: readonly number[]): number {
  return sample.length === 0 ? NaN : sample.reduce((sum, value) => sum + value, 0) / sample.length;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

export function latency(sample: readonly number[]): LatencySummary {
  return { p50: percentile(sample, 50), p95: percentile(sample, 95), p99: percentile(sample, 99) };
}

/** Rounded for the results file: enough digits to compare, no float noise. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
