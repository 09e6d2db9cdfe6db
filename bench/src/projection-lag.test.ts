import { CaseProjection, type EmbeddedProjectionStore, startEmbeddedProjectionStore } from '@saksflyt/audit';
import { anApplication, interviewed, Scenario } from '@saksflyt/domain/testing';
import { freePort } from '@saksflyt/temporal';
import { ProjectionLagWatch, type ProjectionReach, projectionReach, summarizeLag } from './projection-lag';

/** A projection whose reach the test sets, and a clock the test moves. */
function fakes() {
  const reach = new Map<string, number>();
  let now = 0;
  const reads: string[][] = [];
  const projection: Pick<ProjectionReach, 'lastEventSeqs'> = {
    async lastEventSeqs(dufNumbers) {
      reads.push([...dufNumbers]);
      // The look takes 3 ms: the lag runs to its answer.
      now += 3;
      return new Map([...reach].filter(([duf]) => dufNumbers.includes(duf)));
    },
  };
  return {
    reach,
    reads,
    clock: { advance: (ms: number) => (now += ms), now: () => now },
    projection,
  };
}

describe('ProjectionLagWatch', () => {
  it("takes the lag from an Update's answer to the end of the first look that shows its events", async () => {
    const { reach, clock, projection, reads } = fakes();
    const watch = new ProjectionLagWatch(projection, 10, clock.now);
    watch.answered('A', 5);
    watch.answered('B', 7);
    reach.set('A', 5);
    clock.advance(4);
    await watch.look();
    // One look for both cases; A is there (answered at 0, seen at 4 + 3), B not yet.
    expect(reads).toEqual([['A', 'B']]);
    expect(watch.pending).toBe(1);
    clock.advance(10);
    reach.set('B', 8);
    await watch.look();
    expect(reads[1]).toEqual(['B']);
    expect(watch.pending).toBe(0);
    const lag = await watch.stop(0);
    expect(lag).toEqual({
      p50: 7,
      p95: 20,
      p99: 20,
      samples: 2,
      unseen: 0,
      seenAtFirstLook: 0.5,
      intervalMs: 10,
      // Each look took the fake's 3 ms.
      lookMs: { p50: 3, p95: 3, p99: 3, looks: 2 },
    });
  });

  it("waits for each of a case's commands in turn: a later one is seen only once the projection reaches it", async () => {
    const { reach, clock, projection } = fakes();
    const watch = new ProjectionLagWatch(projection, 10, clock.now);
    watch.answered('A', 3);
    clock.advance(5);
    watch.answered('A', 6);
    reach.set('A', 4);
    await watch.look();
    expect(watch.pending).toBe(1);
    reach.set('A', 6);
    await watch.look();
    // The first: answered at 0, seen at 8. The second: answered at 5, not at the first look, seen at the second's end (11).
    expect(await watch.stop(0)).toMatchObject({ samples: 2, p50: 6, p99: 8, seenAtFirstLook: 0.5 });
  });

  it('counts what the projection never showed as unseen, and starts each round afresh', async () => {
    const { clock, projection } = fakes();
    const watch = new ProjectionLagWatch(projection, 10, clock.now);
    watch.answered('A', 1);
    await watch.look();
    expect(await watch.stop(0)).toMatchObject({ samples: 0, unseen: 1 });
    expect(await watch.stop(0)).toMatchObject({ samples: 0, unseen: 0 });
  });

  it('looks on its own every interval once started, until stopped', async () => {
    const { reach, projection } = fakes();
    const watch = new ProjectionLagWatch(projection, 1);
    watch.start();
    watch.answered('A', 2);
    setTimeout(() => reach.set('A', 2), 20);
    const lag = await watch.stop(5_000);
    expect(lag).toMatchObject({ samples: 1, unseen: 0 });
    expect(lag.p50).toBeGreaterThanOrEqual(10);
  });
});

describe('summarizeLag', () => {
  it('has no share at the first look when nothing was seen', () => {
    expect(summarizeLag([], 0, 0, 10).seenAtFirstLook).toBeNaN();
  });
});

// The bench reads the projection's table itself (one query for many cases): it must agree with CaseProjection.
describe('projectionReach, on the embedded projection store', () => {
  let store: EmbeddedProjectionStore;
  beforeAll(async () => {
    store = await startEmbeddedProjectionStore({ port: await freePort() });
  }, 60_000);
  afterAll(() => store?.stop());

  it('reads how far each case reaches as CaseProjection does, and leaves out a case it does not have', async () => {
    const projection = new CaseProjection(store.url);
    const reach = projectionReach(store.url);
    try {
      const { events } = interviewed(new Scenario(anApplication({ dufNumber: '202440000001' })));
      await projection.append('202440000001', events);
      // Another case, of which the projection has the first two events.
      await projection.append('202440000002', events.slice(0, 2));
      const reached = await reach.lastEventSeqs(['202440000001', '202440000002', '202440000003']);
      expect(reached).toEqual(
        new Map([
          ['202440000001', await projection.lastEventSeq('202440000001')],
          ['202440000002', 2],
        ]),
      );
      expect(reached.get('202440000001')).toBe(events.length);
      expect(await reach.lastEventSeqs([])).toEqual(new Map());
    } finally {
      await reach.close();
      await projection.close();
    }
  });
});
