import { Pool } from 'pg';
import { startThrowawayPostgres, type ThrowawayPostgres } from './__fixtures__/throwaway-postgres';
import { CaseProjection } from './case-projection';
import { schemaOnce } from './postgres-schema';

describe('schemaOnce: a store’s tables, made by whichever process comes first', () => {
  let postgres: ThrowawayPostgres;
  const pools: Pool[] = [];
  const aPool = (url: string) => {
    const pool = new Pool({ connectionString: url, max: 2 });
    pools.push(pool);
    return pool;
  };
  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    postgres?.stop();
  });

  it('makes them once when many processes start at the same moment (two workers of a cluster did not)', async () => {
    for (let round = 0; round < 5; round++) {
      const url = await postgres.freshDatabase('race');
      // Each its own store with its own pool, as separate processes would be.
      const projections = Array.from({ length: 8 }, () => new CaseProjection(url, 1));
      try {
        await expect(
          Promise.all(projections.map((projection) => projection.schema())),
        ).resolves.toBeDefined();
        expect(await projections[0]?.status()).toMatchObject({ cases: 0 });
      } finally {
        await Promise.all(projections.map((projection) => projection.close()));
      }
    }
  }, 60_000);

  it('tries again on the next use after a failure, rather than keep the failure', async () => {
    const url = await postgres.freshDatabase('later');
    const schema = schemaOnce(
      aPool(url),
      'CREATE TABLE IF NOT EXISTS saksflyt_child (parent integer REFERENCES saksflyt_parent (id))',
    );
    await expect(schema()).rejects.toThrow(/saksflyt_parent/);
    await postgres.asAdmin(url, 'CREATE TABLE saksflyt_parent (id integer PRIMARY KEY)');
    await expect(schema()).resolves.toBeUndefined();
  });
});
