import { Pool } from 'pg';
import type { BlindSearch, PersonIndexEntry, PersonIndexStore, PersonSearchLogEntry } from './person-index';
import { schemaOnce } from './postgres-schema';

interface EntryRow {
  duf_number: string;
  lodged_at: Date;
  key_id: string;
  name_tokens: string[];
  date_of_birth: string;
  sealed_name: string;
}

interface LogRow {
  at: Date;
  username: string;
  role: string;
  key_id: string;
  name_tokens: string[];
  date_of_birth: string | null;
  sealed_criteria: string;
  results: number;
}

const entryOf = (row: EntryRow): PersonIndexEntry => ({
  dufNumber: row.duf_number,
  lodgedAt: row.lodged_at.toISOString(),
  keyId: row.key_id,
  nameTokens: row.name_tokens,
  dateOfBirth: row.date_of_birth,
  sealedName: row.sealed_name,
});

/** The store's tables and indexes (`CREATE … IF NOT EXISTS`: run by whichever process uses the store first). */
const PERSON_INDEX_SCHEMA = `CREATE TABLE IF NOT EXISTS saksflyt_person_index (
    duf_number text PRIMARY KEY,
    lodged_at timestamptz NOT NULL,
    key_id text NOT NULL,
    name_tokens text[] NOT NULL,
    date_of_birth text NOT NULL,
    sealed_name text NOT NULL
  );
  CREATE INDEX IF NOT EXISTS saksflyt_person_index_name
    ON saksflyt_person_index USING gin (name_tokens);
  CREATE INDEX IF NOT EXISTS saksflyt_person_index_birth ON saksflyt_person_index (date_of_birth);
  CREATE TABLE IF NOT EXISTS saksflyt_person_searches (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    username text NOT NULL,
    role text NOT NULL,
    key_id text NOT NULL,
    name_tokens text[] NOT NULL,
    date_of_birth text,
    sealed_criteria text NOT NULL,
    results integer NOT NULL
  );`;

/**
 * The person index in production: `saksflyt_person_index` (one row per case, the name's blind tokens in a GIN-indexed
 * array) and the search log `saksflyt_person_searches`, in the archive's database (`SAKSFLYT_ARCHIVE_URL`). Derived
 * data, not evidence: `saksflyt cases reindex` fills the index again. The application needs INSERT, UPDATE and SELECT
 * on the index and INSERT and SELECT on the log.
 */
export class PostgresPersonIndexStore implements PersonIndexStore {
  private readonly pool: Pool;
  private readonly schema: () => Promise<void>;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 4 });
    this.schema = schemaOnce(this.pool, PERSON_INDEX_SCHEMA);
  }

  async put(entry: PersonIndexEntry): Promise<void> {
    await this.schema();
    await this.pool.query(
      `INSERT INTO saksflyt_person_index (duf_number, lodged_at, key_id, name_tokens, date_of_birth, sealed_name)
         VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (duf_number) DO UPDATE SET lodged_at = $2, key_id = $3, name_tokens = $4, date_of_birth = $5,
         sealed_name = $6`,
      [entry.dufNumber, entry.lodgedAt, entry.keyId, entry.nameTokens, entry.dateOfBirth, entry.sealedName],
    );
  }

  async find(search: BlindSearch, limit: number): Promise<PersonIndexEntry[]> {
    await this.schema();
    const values: unknown[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    // One clause per key of the ring: an entry matches under the key it was blinded with.
    const clauses = search.underKeys.map((under) => {
      const parts = [`key_id = ${bind(under.keyId)}`, `name_tokens @> ${bind(under.nameTokens)}::text[]`];
      if (under.dateOfBirth !== undefined) parts.push(`date_of_birth = ${bind(under.dateOfBirth)}`);
      return `(${parts.join(' AND ')})`;
    });
    if (clauses.length === 0) return [];
    const { rows } = await this.pool.query<EntryRow>(
      `SELECT * FROM saksflyt_person_index WHERE ${clauses.join(' OR ')}
       ORDER BY lodged_at DESC, duf_number LIMIT ${bind(limit)}`,
      values,
    );
    return rows.map(entryOf);
  }

  async entriesOf(dufNumbers: readonly string[]): Promise<PersonIndexEntry[]> {
    await this.schema();
    const { rows } = await this.pool.query<EntryRow>(
      'SELECT * FROM saksflyt_person_index WHERE duf_number = ANY($1::text[])',
      [dufNumbers],
    );
    return rows.map(entryOf);
  }

  async logSearch(entry: PersonSearchLogEntry): Promise<void> {
    await this.schema();
    await this.pool.query(
      `INSERT INTO saksflyt_person_searches
         (at, username, role, key_id, name_tokens, date_of_birth, sealed_criteria, results)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.at,
        entry.actor.username,
        entry.actor.role,
        entry.keyId,
        entry.nameTokens,
        entry.dateOfBirth ?? null,
        entry.sealedCriteria,
        entry.results,
      ],
    );
  }

  async searchLog(): Promise<PersonSearchLogEntry[]> {
    await this.schema();
    const { rows } = await this.pool.query<LogRow>('SELECT * FROM saksflyt_person_searches ORDER BY id');
    return rows.map((row) => ({
      at: row.at.toISOString(),
      actor: { username: row.username, role: row.role },
      keyId: row.key_id,
      nameTokens: row.name_tokens,
      ...(row.date_of_birth === null ? {} : { dateOfBirth: row.date_of_birth }),
      sealedCriteria: row.sealed_criteria,
      results: row.results,
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
