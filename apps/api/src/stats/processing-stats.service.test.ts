import type { CaseArchive } from '@saksflyt/audit';
import type { TemporalClient } from '../temporal-client.provider';
import { PROCESSING_STATS_CACHE_MS, ProcessingStatsService } from './processing-stats.service';

/**
 * A visibility store whose every count answers with the number of computations begun: `openWithoutLodgedAt` (the
 * first count of each) tells which computation an answer came from.
 */
function fakes() {
  let computations = 0;
  let release: (() => void) | undefined;
  let holding = false;
  const client = {
    workflow: {
      count: async (query: string) => {
        if (query.endsWith('LodgedAt IS NULL')) {
          computations++;
          if (holding) await new Promise<void>((resolve) => (release = resolve));
        }
        return { count: computations };
      },
      // No open case decided within the window.
      list: async function* () {
        yield* [];
      },
    },
  } as unknown as TemporalClient;
  const archive = { closedCaseMilestones: async () => [] } as unknown as CaseArchive;
  return {
    service: new ProcessingStatsService(client, archive),
    computations: () => computations,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      release?.();
    },
  };
}

describe('the processing figures’ cache', () => {
  let now = Date.parse('2026-11-30T09:00:00Z');
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  it('serves a repeat within the minute from the cache, and computes afresh on no-cache', async () => {
    const { service, computations } = fakes();
    const first = await service.stats(26);
    expect(first.sources).toMatchObject({ cached: false, openWithoutLodgedAt: 1 });
    expect((await service.stats(26)).sources).toMatchObject({ cached: true, openWithoutLodgedAt: 1 });
    expect((await service.stats(26, { fresh: true })).sources.cached).toBe(false);
    expect(computations()).toBe(2);
  });

  it('serves a stale answer at once past the minute while the next is computed, then the new one', async () => {
    const { service, computations, hold, release } = fakes();
    await service.stats(26);
    now += PROCESSING_STATS_CACHE_MS + 1;
    hold();
    const stale = await service.stats(26);
    expect(stale.sources).toMatchObject({ cached: true, openWithoutLodgedAt: 1 });
    // One refresh at a time, however many ask meanwhile.
    await service.stats(26);
    expect(computations()).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await service.stats(26)).sources).toMatchObject({ cached: true, openWithoutLodgedAt: 2 });
  });
});
