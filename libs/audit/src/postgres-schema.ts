import type { Pool } from 'pg';

/**
 * PostgreSQL's answers to a `CREATE … IF NOT EXISTS` that lost a race with another process creating the same table
 * or index at the same moment (two workers starting together): `IF NOT EXISTS` checks the catalog before it
 * inserts, so the second one meets a unique violation (23505) or a duplicate table (42P07) or object (42710).
 */
const LOST_A_RACE = new Set(['23505', '42P07', '42710']);

/**
 * A store's tables, created once per process: the statements run on first use, again when a concurrent creator won
 * the race (then the tables exist, and `IF NOT EXISTS` passes), and again on the next use after any other failure (a
 * database that was down), never cached as failed.
 */
export function schemaOnce(pool: Pool, ddl: string, after: () => Promise<void> = async () => undefined) {
  let ready: Promise<void> | undefined;
  const create = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await pool.query(ddl);
        break;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || !LOST_A_RACE.has(code) || attempt >= 3) throw error;
      }
    }
    await after();
  };
  return (): Promise<void> => {
    ready ??= create().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
}
