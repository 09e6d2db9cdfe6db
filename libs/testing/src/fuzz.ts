import { appendFileSync } from 'node:fs';

/**
 * How many inputs each fuzz property tries: `SAKSFLYT_FUZZ_RUNS` (the default size of `npm run test:fuzz` when
 * unset), scaled per property by `weight` for the ones whose inputs cost more (a workflow started, a 300 kB body).
 */
export function fuzzRuns(weight = 1): number {
  const configured = Number(process.env.SAKSFLYT_FUZZ_RUNS ?? 200);
  const runs = Number.isInteger(configured) && configured > 0 ? configured : 200;
  return Math.max(1, Math.round(runs * weight));
}

/** Counts of what a fuzz suite sent and how it was answered, for its one summary line. */
export class FuzzTally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly suite: string) {}

  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Counts an HTTP answer: `inputs`, and its class (`2xx`, `4xx`, `5xx`). */
  status(status: number): void {
    this.add('inputs');
    this.add(`${Math.floor(status / 100)}xx`);
  }

  line(order: string[], seconds: number): string {
    const shown = [...order, ...[...this.counts.keys()].filter((key) => !order.includes(key)).sort()];
    return `fuzz: ${this.suite} ${shown.map((key) => `${key}=${this.get(key)}`).join(' ')} time=${seconds.toFixed(1)}s`;
  }
}

/**
 * Prints a suite's summary line, and adds it to the file `npm run test:fuzz` names in SAKSFLYT_FUZZ_FIGURES, so the
 * run ends with every suite's figures together.
 */
export function reportFuzzFigures(line: string): void {
  console.log(line);
  const file = process.env.SAKSFLYT_FUZZ_FIGURES;
  if (file) appendFileSync(file, `${line}\n`);
}
