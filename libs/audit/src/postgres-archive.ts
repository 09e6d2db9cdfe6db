import { Pool } from 'pg';
import {
  type ArchiveEntry,
  type ArchiveRecord,
  type CaseArchive,
  checkChain,
  GENESIS_HASH,
  hashOf,
} from './archive';

/**
 * The production archive: the same hash-chained records in PostgreSQL. Each record is kept as the exact JSON text
 * that was hashed (jsonb would reorder keys). Grant the application INSERT and SELECT only, so that even it cannot
 * change or delete a record; the chain detects whoever does.
 */
export class PostgresCaseArchive implements CaseArchive {
  private readonly pool: Pool;
  private ready?: Promise<void>;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 4 });
  }

  private schema(): Promise<void> {
    this.ready ??= this.pool
      .query(
        `CREATE TABLE IF NOT EXISTS saksflyt_archive (
           position integer PRIMARY KEY,
           duf_number text NOT NULL,
           key text NOT NULL UNIQUE,
           record text NOT NULL
         );
         CREATE INDEX IF NOT EXISTS saksflyt_archive_duf ON saksflyt_archive (duf_number, position);`,
      )
      .then(() => undefined);
    return this.ready;
  }

  async append(entry: ArchiveEntry): Promise<ArchiveRecord> {
    await this.schema();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One appender at a time, so that every record follows the one before it.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('saksflyt_archive'))");
      const existing = await client.query<{ record: string }>(
        'SELECT record FROM saksflyt_archive WHERE key = $1',
        [entry.key],
      );
      if (existing.rows[0]) {
        await client.query('COMMIT');
        return JSON.parse(existing.rows[0].record) as ArchiveRecord;
      }
      const last = await client.query<{ position: number; record: string }>(
        'SELECT position, record FROM saksflyt_archive ORDER BY position DESC LIMIT 1',
      );
      const previous = last.rows[0] ? (JSON.parse(last.rows[0].record) as ArchiveRecord) : undefined;
      const content = {
        index: previous ? previous.index + 1 : 0,
        archivedAt: new Date().toISOString(),
        ...entry,
        prevHash: previous?.hash ?? GENESIS_HASH,
      };
      const record: ArchiveRecord = { ...content, hash: hashOf(content) };
      await client.query(
        'INSERT INTO saksflyt_archive (position, duf_number, key, record) VALUES ($1, $2, $3, $4)',
        [record.index, record.dufNumber, record.key, JSON.stringify(record)],
      );
      await client.query('COMMIT');
      return record;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async latest(dufNumber: string): Promise<ArchiveRecord | undefined> {
    await this.schema();
    const { rows } = await this.pool.query<{ record: string }>(
      'SELECT record FROM saksflyt_archive WHERE duf_number = $1 ORDER BY position DESC LIMIT 1',
      [dufNumber],
    );
    return rows[0] ? (JSON.parse(rows[0].record) as ArchiveRecord) : undefined;
  }

  async dufNumbers(): Promise<string[]> {
    await this.schema();
    const { rows } = await this.pool.query<{ duf_number: string }>(
      'SELECT DISTINCT duf_number FROM saksflyt_archive',
    );
    return rows.map((row) => row.duf_number);
  }

  async verify() {
    await this.schema();
    const { rows } = await this.pool.query<{ record: string }>(
      'SELECT record FROM saksflyt_archive ORDER BY position',
    );
    const problems: { index: number; problem: string }[] = [];
    const records = rows.flatMap((row, position) => {
      try {
        return [JSON.parse(row.record) as ArchiveRecord];
      } catch {
        problems.push({ index: position, problem: 'is not a readable record: the table was changed' });
        return [];
      }
    });
    return { records: rows.length, problems: [...problems, ...checkChain(records)] };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
