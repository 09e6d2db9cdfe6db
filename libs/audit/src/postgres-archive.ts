import { Pool, type PoolClient } from 'pg';
import type { CaseMilestones, CaseTrack } from '@saksflyt/domain';
import {
  type AppendOptions,
  assertCaseLatest,
  type ArchiveEntry,
  type ArchiveHead,
  ArchiveIntegrityError,
  type ArchiveKeys,
  type ArchiveRecord,
  ArchiveRecordError,
  assertIntact,
  type CaseArchive,
  type ChainProblem,
  type ChainReport,
  checkChain,
  GENESIS_HASH,
  linksOf,
  sealRecord,
  TAIL_BYTES,
} from './archive';
import { milestonesOfRecord } from './archive-milestones';
import { schemaOnce } from './postgres-schema';

interface HeadRow {
  count: number;
  hash: string;
  keyed_from: number | null;
}

interface MilestoneRow {
  track: string;
  lodged_at: Date;
  first_decision_at: Date | null;
  closed_at: Date | null;
}

/** Records read at a time when milestones are filled in for records archived before the milestone table. */
const BACKFILL_BATCH = 200;

const upsertMilestones = `INSERT INTO saksflyt_archive_milestones
     (duf_number, position, track, lodged_at, first_decision_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6)
   ON CONFLICT (duf_number) DO UPDATE SET position = $2, track = $3, lodged_at = $4, first_decision_at = $5,
     closed_at = $6
   WHERE saksflyt_archive_milestones.position < $2`;

function milestoneValues(record: ArchiveRecord): unknown[] | undefined {
  const milestones = milestonesOfRecord(record);
  if (!milestones) return undefined;
  return [
    record.dufNumber,
    record.index,
    milestones.track,
    milestones.lodgedAt,
    milestones.firstDecisionAt ?? null,
    milestones.closedAt ?? null,
  ];
}

const headOf = (row: HeadRow): ArchiveHead => ({
  count: row.count,
  hash: row.hash,
  ...(row.keyed_from === null ? {} : { keyedFrom: row.keyed_from }),
});

/** The store's tables and indexes (`CREATE … IF NOT EXISTS`: run by whichever process uses the store first). */
const ARCHIVE_SCHEMA = `CREATE TABLE IF NOT EXISTS saksflyt_archive (
    position integer PRIMARY KEY,
    duf_number text NOT NULL,
    key text NOT NULL UNIQUE,
    record text NOT NULL
  );
  CREATE INDEX IF NOT EXISTS saksflyt_archive_duf ON saksflyt_archive (duf_number, position);
  CREATE TABLE IF NOT EXISTS saksflyt_archive_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    count integer NOT NULL,
    hash text NOT NULL,
    keyed_from integer
  );
  CREATE TABLE IF NOT EXISTS saksflyt_archive_milestones (
    duf_number text PRIMARY KEY,
    position integer NOT NULL,
    track text NOT NULL,
    lodged_at timestamptz NOT NULL,
    first_decision_at timestamptz,
    closed_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS saksflyt_archive_milestones_closed
    ON saksflyt_archive_milestones (closed_at);`;

/**
 * The production archive: the same keyed, hash-chained records in PostgreSQL. Each record is kept as the exact JSON
 * text that was hashed (jsonb would reorder keys). Beside the records, `saksflyt_archive_head` holds the chain's
 * head (count, last hash, where keying began), written in the same transaction as every append: deleting the newest
 * rows leaves the head pointing past them, which `verify` reports and `append` refuses to build on. Grant the
 * application INSERT and SELECT on the records (and UPDATE on the head row) only, so that even it cannot change or
 * delete a record; the chain detects whoever does, and the published head (`head-anchor.ts`) whoever also rewrites
 * the head row.
 *
 * `saksflyt_archive_milestones` holds each case's processing milestones by its newest record (when it was lodged,
 * first decided and closed), written in the same transaction as the record, so that `GET /api/stats/processing`
 * reads four columns instead of whole histories. It is derived from the records, not evidence: the application needs
 * INSERT, UPDATE and SELECT on it, and dropping it only makes the next start fill it again from the records.
 */
export class PostgresCaseArchive implements CaseArchive {
  private readonly pool: Pool;
  private readonly schema: () => Promise<void>;

  constructor(
    connectionString: string,
    private readonly keys: ArchiveKeys,
  ) {
    this.pool = new Pool({ connectionString, max: 4 });
    this.schema = schemaOnce(this.pool, ARCHIVE_SCHEMA, () => this.fillMilestones());
  }

  /**
   * Milestones for every case whose newest record has none yet: all of them the first time this version opens an
   * archive written before the milestone table, and any a writer of an older version appended since. Read in
   * batches, so that an archive of whole histories is never held in memory at once.
   */
  private async fillMilestones(): Promise<void> {
    for (let after = -1; ;) {
      const { rows } = await this.pool.query<{ position: number; record: string }>(
        `SELECT a.position, a.record FROM saksflyt_archive a
           JOIN (SELECT duf_number, max(position) AS position FROM saksflyt_archive GROUP BY duf_number) newest
             ON newest.duf_number = a.duf_number AND newest.position = a.position
           LEFT JOIN saksflyt_archive_milestones m ON m.duf_number = a.duf_number
         WHERE (m.duf_number IS NULL OR m.position < a.position) AND a.position > $1
         ORDER BY a.position LIMIT ${BACKFILL_BATCH}`,
        [after],
      );
      for (const row of rows) {
        let values: unknown[] | undefined;
        try {
          values = milestoneValues(JSON.parse(row.record) as ArchiveRecord);
        } catch {
          values = undefined; // an unreadable record is verify's to report, not the statistics'
        }
        if (values) await this.pool.query(upsertMilestones, values);
      }
      const last = rows.at(-1);
      if (!last || rows.length < BACKFILL_BATCH) return;
      after = last.position;
    }
  }

  async closedCaseMilestones(since: Date): Promise<CaseMilestones[]> {
    await this.schema();
    const { rows } = await this.pool.query<MilestoneRow>(
      `SELECT track, lodged_at, first_decision_at, closed_at FROM saksflyt_archive_milestones
       WHERE closed_at >= $1 ORDER BY closed_at`,
      [since],
    );
    return rows.map((row) => ({
      track: row.track as CaseTrack,
      lodgedAt: row.lodged_at.toISOString(),
      ...(row.first_decision_at ? { firstDecisionAt: row.first_decision_at.toISOString() } : {}),
      ...(row.closed_at ? { closedAt: row.closed_at.toISOString() } : {}),
    }));
  }

  async append(entry: ArchiveEntry, options: AppendOptions = {}): Promise<ArchiveRecord> {
    await this.schema();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One appender at a time, so that every record follows the one before it.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('saksflyt_archive'))");
      const existing = await client.query<{ position: number }>(
        'SELECT position FROM saksflyt_archive WHERE key = $1',
        [entry.key],
      );
      if (existing.rows[0]) {
        await client.query('COMMIT');
        const record = await this.checkedAt(this.pool, existing.rows[0].position);
        if (!record) throw new Error(`record ${existing.rows[0].position} vanished`);
        return record;
      }
      if (options.caseLatestIndex !== undefined) {
        const { rows: latest } = await client.query<{ position: number | null }>(
          'SELECT max(position) AS position FROM saksflyt_archive WHERE duf_number = $1',
          [entry.dufNumber],
        );
        assertCaseLatest(entry.dufNumber, latest[0]?.position ?? undefined, options);
      }
      const head = await this.headToAppendTo(client);
      const record = sealRecord(entry, head, this.keys);
      await client.query(
        'INSERT INTO saksflyt_archive (position, duf_number, key, record) VALUES ($1, $2, $3, $4)',
        [record.index, record.dufNumber, record.key, JSON.stringify(record)],
      );
      const milestones = milestoneValues(record);
      if (milestones) await client.query(upsertMilestones, milestones);
      await client.query(
        `INSERT INTO saksflyt_archive_head (singleton, count, hash, keyed_from) VALUES (true, $1, $2, $3)
         ON CONFLICT (singleton) DO UPDATE SET count = $1, hash = $2, keyed_from = $3`,
        [record.index + 1, record.hash, head.keyedFrom ?? record.index],
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

  /**
   * The head a new record follows, after checking the rows reach the head row. An archive from before the head
   * table has none: its head is taken from its rows, once, while they are all unkeyed (the first keyed record then
   * seals them); a keyed archive without its head row was tampered with.
   */
  private async headToAppendTo(client: PoolClient): Promise<ArchiveHead> {
    const [{ rows: heads }, { rows: last }] = await Promise.all([
      client.query<HeadRow>('SELECT count, hash, keyed_from FROM saksflyt_archive_head'),
      client.query<{ position: number; tail: string }>(
        `SELECT position, right(record, ${TAIL_BYTES}) AS tail FROM saksflyt_archive ORDER BY position DESC LIMIT 1`,
      ),
    ]);
    const stored = heads[0] ? headOf(heads[0]) : undefined;
    const lastRow = last[0];
    const count = lastRow ? lastRow.position + 1 : 0;
    const links = lastRow ? linksOf(lastRow.tail) : { prevHash: GENESIS_HASH, hash: GENESIS_HASH };
    if (!links) throw new ArchiveIntegrityError(`record ${count - 1} is not a readable record`);
    const lastHash = links.hash;
    if (!stored) {
      if (count === 0) return { count: 0, hash: GENESIS_HASH };
      // Once any record is keyed, the last one is (verify reports an unkeyed record after a keyed one).
      if (links.keyId !== undefined)
        throw new ArchiveIntegrityError('the head row saksflyt_archive_head is missing');
      return { count, hash: lastHash };
    }
    if (stored.count > count)
      throw new ArchiveIntegrityError(
        `the table ends after ${count} records, but its head says ${stored.count} were written: records were removed`,
      );
    if (stored.count < count)
      throw new ArchiveIntegrityError(
        `${count - stored.count} record(s) follow the head row (${stored.count}): they were added past it`,
      );
    if (stored.hash !== lastHash)
      throw new ArchiveIntegrityError(
        `record ${count - 1} does not have the hash the head row holds: the chain was rewritten`,
      );
    return stored;
  }

  async latest(dufNumber: string): Promise<ArchiveRecord | undefined> {
    await this.schema();
    const { rows } = await this.pool.query<{ position: number }>(
      'SELECT position FROM saksflyt_archive WHERE duf_number = $1 ORDER BY position DESC LIMIT 1',
      [dufNumber],
    );
    return rows[0] ? this.checkedAt(this.pool, rows[0].position) : undefined;
  }

  /** The record at a position, checked as it is read: its MAC, its neighbours' links, the head's keying. */
  private async checkedAt(db: Pool | PoolClient, position: number): Promise<ArchiveRecord | undefined> {
    const [{ rows }, { rows: neighbours }, { rows: heads }] = await Promise.all([
      db.query<{ record: string }>('SELECT record FROM saksflyt_archive WHERE position = $1', [position]),
      db.query<{ position: number; tail: string }>(
        `SELECT position, right(record, ${TAIL_BYTES}) AS tail FROM saksflyt_archive WHERE position = ANY($1)`,
        [[position - 1, position + 1]],
      ),
      db.query<HeadRow>('SELECT count, hash, keyed_from FROM saksflyt_archive_head'),
    ]);
    const text = rows[0]?.record;
    if (text === undefined) return undefined;
    let record: ArchiveRecord;
    try {
      record = JSON.parse(text) as ArchiveRecord;
    } catch {
      throw new ArchiveRecordError(position, undefined, 'is not a readable record: the table was changed');
    }
    const before = neighbours.find((row) => row.position === position - 1);
    const after = neighbours.find((row) => row.position === position + 1);
    const keyedFrom = heads[0]?.keyed_from ?? undefined;
    return assertIntact(
      record,
      {
        index: position,
        before: position === 0 ? GENESIS_HASH : before && linksOf(before.tail)?.hash,
        ...(after ? { after: linksOf(after.tail) ?? 'unreadable' } : {}),
        ...(keyedFrom !== undefined ? { keyedFrom } : {}),
      },
      this.keys,
    );
  }

  async dufNumbers(): Promise<string[]> {
    await this.schema();
    const { rows } = await this.pool.query<{ duf_number: string }>(
      'SELECT DISTINCT duf_number FROM saksflyt_archive',
    );
    return rows.map((row) => row.duf_number);
  }

  async head(): Promise<ArchiveHead> {
    await this.schema();
    const { rows } = await this.pool.query<{ position: number }>(
      'SELECT position FROM saksflyt_archive ORDER BY position DESC LIMIT 1',
    );
    const last = rows[0] ? await this.checkedAt(this.pool, rows[0].position) : undefined;
    if (!last) return { count: 0, hash: GENESIS_HASH };
    // Where keying began, as the head row says (verify checks it against the records).
    const { rows: heads } = await this.pool.query<HeadRow>(
      'SELECT count, hash, keyed_from FROM saksflyt_archive_head',
    );
    const keyedFrom = heads[0]?.keyed_from ?? (last.keyId !== undefined ? last.index : undefined);
    return {
      count: last.index + 1,
      hash: last.hash,
      ...(keyedFrom !== undefined ? { keyedFrom } : {}),
    };
  }

  async hashesAt(indexes: readonly number[]): Promise<Map<number, string>> {
    await this.schema();
    const { rows } = await this.pool.query<{ position: number; tail: string }>(
      `SELECT position, right(record, ${TAIL_BYTES}) AS tail FROM saksflyt_archive WHERE position = ANY($1)`,
      [[...indexes]],
    );
    const hashes = new Map<number, string>();
    for (const row of rows) {
      const hash = linksOf(row.tail)?.hash;
      if (hash) hashes.set(row.position, hash);
    }
    return hashes;
  }

  async verify(): Promise<ChainReport> {
    await this.schema();
    const client = await this.pool.connect();
    try {
      // One snapshot for the head and the rows, so that an append between two reads is no false alarm.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows: heads } = await client.query<HeadRow>(
        'SELECT count, hash, keyed_from FROM saksflyt_archive_head',
      );
      const { rows } = await client.query<{ record: string }>(
        'SELECT record FROM saksflyt_archive ORDER BY position',
      );
      await client.query('COMMIT');
      const problems: ChainProblem[] = [];
      const records = rows.flatMap((row, position) => {
        try {
          return [JSON.parse(row.record) as ArchiveRecord];
        } catch {
          problems.push({ index: position, problem: 'is not a readable record: the table was changed' });
          return [];
        }
      });
      const stored = heads[0] ? headOf(heads[0]) : undefined;
      const checked = checkChain(records, this.keys, stored ? { head: stored } : {});
      const notes = [...checked.notes];
      if (!stored && records.length > 0) {
        if (records.some((record) => record.keyId !== undefined))
          problems.push({
            index: records.length,
            problem: 'the head row saksflyt_archive_head is missing: it was deleted',
          });
        else notes.push('no head row yet: the first append with the archive key writes it');
      }
      return { ...checked, records: rows.length, problems: [...problems, ...checked.problems], notes };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
