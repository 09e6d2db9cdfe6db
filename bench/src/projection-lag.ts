import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { type LatencySummary, latency, round } from './stats';

/** How far the projection's fold of each case reaches (its `lastEventSeq`), read for many cases at once. */
export interface ProjectionReach {
  /** Each case the projection has, with how far its fold reaches; a case it does not have is missing. */
  lastEventSeqs(dufNumbers: readonly string[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/**
 * The projection's reach, read straight from its table (`CaseProjection` in @saksflyt/audit keeps it in
 * `saksflyt_projection_cases`) in one query for every case waited on: `CaseProjection.lastEventSeq` asks one case
 * at a time, and a query per case every few milliseconds would load the store the cases write to, which runs one
 * statement at a time. One connection: the looks are made one after another.
 */
export function projectionReach(url: string): ProjectionReach {
  const pool = new Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
  // An idle connection the store dropped (it stops at the end of the run) must not crash the bench.
  pool.on('error', () => undefined);
  return {
    async lastEventSeqs(dufNumbers) {
      if (dufNumbers.length === 0) return new Map();
      const { rows } = await pool.query<{ duf_number: string; last_event_seq: number }>(
        `SELECT duf_number, last_event_seq FROM saksflyt_projection_cases WHERE duf_number = ANY($1::text[])`,
        [dufNumbers],
      );
      return new Map(rows.map((row) => [row.duf_number, row.last_event_seq]));
    },
    close: () => pool.end(),
  };
}

/** The lag of a round: from each command's Update answering the client to the projection showing its events. */
export interface ProjectionLag extends LatencySummary {
  /** Commands whose events were seen in the projection. */
  samples: number;
  /** Commands whose events the projection had not shown when the watch stopped: lost, or later than its grace. */
  unseen: number;
  /** Of those seen, the share already there at the first look after the Update answered. */
  seenAtFirstLook: number;
  /** How often the projection was looked at: the figures are upper bounds by up to this and one look's time. */
  intervalMs: number;
  /** How long the looks took (each is one query for every case waited on), and how many there were. */
  lookMs: LatencySummary & { looks: number };
}

interface Waiting {
  seq: number;
  answeredAt: number;
  /** Looks begun after the Update answered. */
  looks: number;
}

/**
 * Watches the projection show what the lifecycle's commands did (`npm run bench`, issue 17): each Update's answer
 * (client side) names the case's last event; the watch looks at the projection every `intervalMs` for every case with
 * an answer not yet shown, and takes the lag as the time from the answer to the end of the first look that showed
 * it. A look that takes long delays the next: the lag it reports is then longer, never shorter, than the truth.
 */
export class ProjectionLagWatch {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly lags: number[] = [];
  private readonly looks: number[] = [];
  private atFirstLook = 0;
  private looking?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly reach: Pick<ProjectionReach, 'lastEventSeqs'>,
    readonly intervalMs = 10,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A command's Update answered, its case then at `seq`: the lag runs from now until the projection shows it. */
  answered(dufNumber: string, seq: number): void {
    const list = this.waiting.get(dufNumber) ?? [];
    list.push({ seq, answeredAt: this.now(), looks: 0 });
    this.waiting.set(dufNumber, list);
  }

  /** Commands answered and not yet seen in the projection. */
  get pending(): number {
    let count = 0;
    for (const list of this.waiting.values()) count += list.length;
    return count;
  }

  /** Looks again and again, every `intervalMs`, until {@link stop}. */
  start(): void {
    this.stopped = false;
    this.looking ??= (async () => {
      while (!this.stopped) {
        if (this.waiting.size > 0) await this.look();
        await sleep(this.intervalMs);
      }
    })();
  }

  /**
   * One look at every case waited on: what it shows is taken as seen when its answer arrives. Only what was waited
   * on when the look began counts it: an Update answered during the look may have been written before or after.
   */
  async look(): Promise<void> {
    const looked = [...this.waiting.entries()].map(([dufNumber, list]) => {
      for (const waiting of list) waiting.looks += 1;
      return { dufNumber, count: list.length };
    });
    if (looked.length === 0) return;
    const lookedAt = this.now();
    const reached = await this.reach.lastEventSeqs(looked.map(({ dufNumber }) => dufNumber));
    const seenAt = this.now();
    this.looks.push(seenAt - lookedAt);
    for (const { dufNumber, count } of looked) {
      const list = this.waiting.get(dufNumber) ?? [];
      const reach = reached.get(dufNumber) ?? 0;
      const kept = list.filter((waiting, index) => {
        if (index >= count || waiting.seq > reach) return true;
        this.lags.push(seenAt - waiting.answeredAt);
        if (waiting.looks === 1) this.atFirstLook += 1;
        return false;
      });
      if (kept.length > 0) this.waiting.set(dufNumber, kept);
      else this.waiting.delete(dufNumber);
    }
  }

  /**
   * Waits up to `graceMs` for what is still waited on, then stops looking and sums up the lags seen since the last
   * summary: each round has its own.
   */
  async stop(graceMs = 10_000): Promise<ProjectionLag> {
    const deadline = this.now() + graceMs;
    while (this.pending > 0 && this.now() < deadline && this.looking) await sleep(this.intervalMs);
    this.stopped = true;
    await this.looking;
    this.looking = undefined;
    const summary = summarizeLag(this.lags, this.pending, this.atFirstLook, this.intervalMs, this.looks);
    this.lags.length = 0;
    this.looks.length = 0;
    this.atFirstLook = 0;
    this.waiting.clear();
    return summary;
  }
}

export function summarizeLag(
  lags: readonly number[],
  unseen: number,
  atFirstLook: number,
  intervalMs: number,
  looks: readonly number[] = [],
): ProjectionLag {
  const rounded = (sample: readonly number[]): LatencySummary => {
    const { p50, p95, p99 } = latency(sample);
    return { p50: round(p50, 1), p95: round(p95, 1), p99: round(p99, 1) };
  };
  return {
    ...rounded(lags),
    samples: lags.length,
    unseen,
    seenAtFirstLook: lags.length === 0 ? NaN : round(atFirstLook / lags.length, 3),
    intervalMs,
    lookMs: { ...rounded(looks), looks: looks.length },
  };
}
