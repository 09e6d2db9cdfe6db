import { Inject, Injectable } from '@nestjs/common';
import { type CaseArchive, limiter, OPEN_CASES_QUERY as OPEN_CASES } from '@saksflyt/audit';
import {
  AGE_BANDS,
  ageBandLodgedRange,
  type AgeBand,
  type CaseMilestones,
  CaseTrack,
  type OpenCaseCounts,
  processingStats,
  processingWindow,
  type ProcessingStats,
} from '@saksflyt/domain';
import { SEARCH_ATTRIBUTES } from '@saksflyt/temporal';
import { ARCHIVE, TEMPORAL_CLIENT, type TemporalClient } from '../temporal-client.provider';

/**
 * How long a computed answer is served as fresh: the dashboard loads it on every visit, and a minute-old backlog is
 * as good as a fresh one. After that it is still served at once while a new one is computed in the background. A request with `Cache-Control: no-cache` computes afresh (the bench measures that).
 */
export const PROCESSING_STATS_CACHE_MS = 60_000;
/** Visibility queries in flight at once for one computation: enough to overlap, few enough to spare the store. */
const QUERIES_AT_ONCE = 8;

export interface ProcessingStatsAnswer extends ProcessingStats {
  sources: {
    open: 'visibility';
    closed: 'archive';
    /** Open cases started before the workflow set `LodgedAt`: their age and week count from the workflow's start. */
    openWithoutLodgedAt: number;
    /** Whether this answer was computed for an earlier request (at `asOf`) and served again from the cache. */
    cached: boolean;
  };
}

interface CachedAnswer {
  expires: number;
  answer: Promise<ProcessingStatsAnswer>;
  /** A newer answer is being computed to take this one's place. */
  refreshing?: boolean;
}

/**
 * Processing times and backlog from what the system already holds: open cases from Temporal's visibility (count
 * queries on `LodgedAt`, a listing only of those first decided within the window), closed cases from the archive
 * alone, so that none is counted twice and Temporal's retention loses none.
 */
@Injectable()
export class ProcessingStatsService {
  private readonly cache = new Map<number, CachedAnswer>();

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: TemporalClient,
    @Inject(ARCHIVE) private readonly archive: CaseArchive,
  ) {}

  async stats(weeks: number, { fresh = false } = {}): Promise<ProcessingStatsAnswer> {
    const now = Date.now();
    const cached = this.cache.get(weeks);
    if (cached && !fresh) {
      // Stale while revalidating: past its minute, the last answer is still served at once (its `asOf` says when
      // it was computed) while a new one is computed for the next request; only the first request waits.
      if (cached.expires <= now && !cached.refreshing) this.refresh(weeks, now, cached);
      const answer = await cached.answer;
      return { ...answer, sources: { ...answer.sources, cached: true } };
    }
    return this.refresh(weeks, now).answer;
  }

  private refresh(weeks: number, now: number, stale?: CachedAnswer): CachedAnswer {
    const answer = this.compute(weeks, new Date(now));
    const entry: CachedAnswer = { expires: now + PROCESSING_STATS_CACHE_MS, answer };
    if (stale) {
      stale.refreshing = true;
      // The stale answer stays until the new one is in; a failed refresh leaves it for the next request to retry.
      answer.then(
        () => this.cache.set(weeks, entry),
        () => (stale.refreshing = false),
      );
      return entry;
    }
    this.cache.set(weeks, entry);
    // A failure is not kept: the next request tries again.
    answer.catch(() => this.cache.get(weeks) === entry && this.cache.delete(weeks));
    return entry;
  }

  private async compute(weeks: number, asOf: Date): Promise<ProcessingStatsAnswer> {
    const window = processingWindow(asOf, weeks);
    const limit = limiter(QUERIES_AT_ONCE);
    const count = (query: string) => limit(async () => (await this.client.workflow.count(query)).count);
    // Without cases from before LodgedAt (the usual case once they have closed), the count queries need not ask
    // for the StartTime fallback, whose OR is dearer to the visibility store.
    const openWithoutLodgedAt = await count(`${OPEN_CASES} AND LodgedAt IS NULL`);
    const fallback = openWithoutLodgedAt > 0;
    const [closed, openDecided, byAgeBand, lodgedPerWeek] = await Promise.all([
      this.archive.closedCaseMilestones(window.start),
      limit(() => this.openDecidedSince(window.start)),
      Promise.all(
        AGE_BANDS.map(async (band) => {
          const { lodgedAfter, lodgedAtOrBefore } = ageBandLodgedRange(band, asOf);
          const lodged = lodgedBetween(lodgedAfter, lodgedAtOrBefore, fallback);
          return [band.band, await count(`${OPEN_CASES} AND ${lodged}`)];
        }),
      ),
      Promise.all(
        window.weeks.map((week) =>
          count(`${OPEN_CASES} AND ${lodgedInWeek(week.start, week.end, fallback)}`),
        ),
      ),
    ]);
    const open: OpenCaseCounts = {
      byAgeBand: Object.fromEntries(byAgeBand) as Record<AgeBand, number>,
      lodgedPerWeek,
    };
    return {
      ...processingStats({ window, closed, openDecided, open }),
      sources: { open: 'visibility', closed: 'archive', openWithoutLodgedAt, cached: false },
    };
  }

  /**
   * The open cases first decided since `since`, with when they were lodged and decided: a listing, but only of
   * the decisions within the window, never of every open case.
   */
  private async openDecidedSince(since: Date): Promise<CaseMilestones[]> {
    const decided: CaseMilestones[] = [];
    const query = `${OPEN_CASES} AND DecidedAt >= '${since.toISOString()}'`;
    for await (const execution of this.client.workflow.list({ query, pageSize: 1000 })) {
      const attributes = execution.typedSearchAttributes;
      const decidedAt = attributes.get(SEARCH_ATTRIBUTES.DecidedAt);
      if (!decidedAt) continue;
      decided.push({
        track: CaseTrack.safeParse(attributes.get(SEARCH_ATTRIBUTES.CaseTrack)).data ?? 'undetermined',
        lodgedAt: (attributes.get(SEARCH_ATTRIBUTES.LodgedAt) ?? execution.startTime).toISOString(),
        firstDecisionAt: decidedAt.toISOString(),
      });
    }
    return decided;
  }
}

/**
 * Lodged in a range, by `LodgedAt`, or for a case started before the workflow set it, by the workflow's start
 * (the case opens when the application is lodged, so they differ only for applications registered late).
 */
function lodgedWithin(lower: string | undefined, upper: string | undefined, fallback: boolean): string {
  const on = (attribute: string) =>
    [lower && `${attribute} ${lower}`, upper && `${attribute} ${upper}`].filter(Boolean).join(' AND ');
  const byLodgedAt = on('LodgedAt') || 'LodgedAt IS NOT NULL';
  if (!fallback) return `(${byLodgedAt})`;
  const byStart = on('StartTime');
  return `((${byLodgedAt}) OR (LodgedAt IS NULL${byStart ? ` AND ${byStart}` : ''}))`;
}

/** An age band's range: lodged after one instant (exclusive) and at or before another (inclusive). */
function lodgedBetween(after: Date | undefined, atOrBefore: Date | undefined, fallback: boolean): string {
  return lodgedWithin(
    after && `> '${after.toISOString()}'`,
    atOrBefore && `<= '${atOrBefore.toISOString()}'`,
    fallback,
  );
}

/** A week's range: from its Monday 00:00 (inclusive) to the next (exclusive). */
function lodgedInWeek(start: Date, end: Date, fallback: boolean): string {
  return lodgedWithin(`>= '${start.toISOString()}'`, `< '${end.toISOString()}'`, fallback);
}
