import net from 'node:net';
import { fold } from '@saksflyt/domain';
import { anApplication, interviewed, Scenario } from '@saksflyt/domain/testing';
import { CaseProjection } from './case-projection';
import { startEmbeddedProjectionStore, type EmbeddedProjectionStore } from './embedded-projection';
import { startThrowawayPostgres, type ThrowawayPostgres } from './__fixtures__/throwaway-postgres';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = (probe.address() as net.AddressInfo) ?? { port: 0 };
      probe.close(() => resolve(port));
    });
  });
}

/** A decided case's events, as its workflow records them. */
function decidedCase(dufNumber: string) {
  return interviewed(new Scenario(anApplication({ dufNumber }))).send('decide', {
    outcome: 'rejected',
    grounds: 'no risk on return',
  });
}

/** The same behaviour on both stores: one SQL dialect for production and for the embedded default (issue 17). */
function projectionContract(open: () => Promise<CaseProjection>) {
  let projection: CaseProjection;
  beforeEach(async () => {
    projection = await open();
  });
  afterEach(async () => {
    await projection.close();
  });

  it('projection-folds-events-with-evolve: the state it keeps is the fold of the events it keeps', async () => {
    const { events } = decidedCase('202431000001');
    const write = await projection.append('202431000001', events);
    expect(write).toEqual({ lastEventSeq: events.length, added: events.length });
    const record = await projection.record('202431000001');
    expect(record?.events).toEqual(events);
    expect(record?.state).toEqual(JSON.parse(JSON.stringify(fold(events))));
    expect(await projection.lastEventSeq('202431000001')).toBe(events.length);
    expect(await projection.record('202431000999')).toBeUndefined();
  });

  it('projection-idempotent-by-case-and-seq: writing the same events again changes nothing', async () => {
    const { events } = decidedCase('202431000002');
    await projection.append('202431000002', events);
    const again = await projection.append('202431000002', events.slice(1, 3));
    expect(again).toEqual({ lastEventSeq: events.length, added: 0 });
    expect((await projection.record('202431000002'))?.events).toEqual(events);
  });

  it('projection-waits-for-a-gap: an event that arrives before the one it follows waits for it', async () => {
    const { events } = decidedCase('202431000003');
    const [first, second, ...rest] = events;
    if (!first || !second) throw new Error('a decided case has events');
    expect(await projection.append('202431000003', rest)).toEqual({ lastEventSeq: 0, added: rest.length });
    expect(await projection.record('202431000003')).toBeUndefined();
    expect((await projection.status()).waiting).toBe(rest.length);
    expect((await projection.append('202431000003', [first])).lastEventSeq).toBe(1);
    expect((await projection.append('202431000003', [second])).lastEventSeq).toBe(events.length);
    expect((await projection.status()).waiting).toBe(0);
  });

  it('projection-writers-race: writers of one case in parallel leave the fold of all its events', async () => {
    const { events } = decidedCase('202431000004');
    const batches = events.map((_, index) => events.slice(index, index + 2)).reverse();
    await Promise.all(batches.map((batch) => projection.append('202431000004', batch)));
    const record = await projection.record('202431000004');
    expect(record?.events).toEqual(events);
    expect(record?.state).toEqual(JSON.parse(JSON.stringify(fold(events))));
  });

  it('projection-read-your-writes: waitFor returns once the fold reaches the seq, or how far it got', async () => {
    const { events } = decidedCase('202431000005');
    const waiting = projection.waitFor('202431000005', 2, 5_000);
    await projection.append('202431000005', events.slice(0, 2));
    expect(await waiting).toBe(2);
    expect(await projection.waitFor('202431000005', 99, 50)).toBe(2);
  });
}

describe('the case projection on the embedded PGlite store (npm start)', () => {
  let store: EmbeddedProjectionStore;
  beforeAll(async () => {
    store = await startEmbeddedProjectionStore({ port: await freePort() });
  }, 60_000);
  afterAll(async () => {
    await store?.stop();
  });
  projectionContract(async () => {
    // One database for every test here: each test's cases have DUF numbers of their own.
    return new CaseProjection(store.url);
  });
});

describe('the case projection on a real throwaway PostgreSQL server (production)', () => {
  let postgres: ThrowawayPostgres;
  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
  }, 60_000);
  afterAll(() => postgres?.stop());
  projectionContract(async () => new CaseProjection(await postgres.freshDatabase('projection')));
});
