import { createHash, createHmac } from 'node:crypto';
import type { CaseEvent, CaseMilestones, CaseState } from '@saksflyt/domain';

/** One run of a case's workflow (continue-as-new makes several), as `temporal workflow show --output json` gives it. */
export interface ArchivedRun {
  runId: string;
  history: unknown;
}

export interface ArchiveEntry {
  /**
   * Why it was archived: the case closed, someone asked, or a note was added to a closed case (whose workflow has
   * completed, so the note joins the archived record: `closed-case-note.ts`).
   */
  reason: 'case-closed' | 'on-demand' | 'note-added';
  workflowId: string;
  dufNumber: string;
  /** Appending the same key again changes nothing: the activity that archives may be retried. */
  key: string;
  runs: ArchivedRun[];
  events: CaseEvent[];
  state: CaseState;
}

export interface ArchiveRecord extends ArchiveEntry {
  index: number;
  archivedAt: string;
  /**
   * The archive key whose HMAC-SHA-256 is this record's `hash`. Absent only on records written before the archive
   * was keyed: their `hash` is plain SHA-256, which anyone who can write the archive can recompute.
   */
  keyId?: string;
  prevHash: string;
  hash: string;
}

/** A key the chain is keyed with: 32 bytes, named so that a record says which key it needs. */
export interface ArchiveKey {
  id: string;
  key: Buffer;
}

/**
 * The archive keys: the newest (`current`) keys new records; the others still check what they keyed. The key ring
 * of `@saksflyt/temporal` (`openArchiveKeys`) is one. Never kept in the archive folder or the archive database:
 * whoever administers the storage must not hold it.
 */
export interface ArchiveKeys {
  readonly current: ArchiveKey;
  find(id: string): ArchiveKey | undefined;
}

/** Where a chain ends: how many records, the last one's hash, and from which record on they are keyed. */
export interface ArchiveHead {
  count: number;
  hash: string;
  /** The index of the first keyed record; records before it were written before the archive was keyed. */
  keyedFrom?: number;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface AppendOptions {
  /**
   * Append only while the case's newest record is still the one at this index (-1: the case has none yet). A note on
   * a closed case is decided on its newest record's state and numbered after its last event: another note appended
   * in between would make two events with one seq.
   */
  caseLatestIndex?: number;
}

/** The case's newest record is no longer the one the entry was made from: read it again and decide again. */
export class ArchiveConflictError extends Error {
  constructor(dufNumber: string, expected: number, found: number | undefined) {
    super(
      `case ${dufNumber}'s newest archive record is ${found ?? 'none'}, not ${expected}: it was appended to meanwhile`,
    );
    this.name = 'ArchiveConflictError';
  }
}

/** Throws ArchiveConflictError unless the case's newest record is the one the options expect. */
export function assertCaseLatest(
  dufNumber: string,
  latestIndex: number | undefined,
  options: AppendOptions,
): void {
  const expected = options.caseLatestIndex;
  if (expected === undefined || (latestIndex ?? -1) === expected) return;
  throw new ArchiveConflictError(dufNumber, expected, latestIndex);
}

type RecordContent = Omit<ArchiveRecord, 'hash'>;

/** The hash of a record written before the archive was keyed: SHA-256 over the previous hash and the content. */
export function hashOf(record: RecordContent): string {
  return createHash('sha256')
    .update(record.prevHash)
    .update('\n')
    .update(JSON.stringify(record))
    .digest('hex');
}

/** The hash of a keyed record: HMAC-SHA-256 under the archive key, over the previous hash and the content. */
export function macOf(record: RecordContent, key: Buffer): string {
  return createHmac('sha256', key)
    .update(record.prevHash)
    .update('\n')
    .update(JSON.stringify(record))
    .digest('hex');
}

/** A new record after `previous` (the chain's head), keyed with the current archive key. */
export function sealRecord(
  entry: ArchiveEntry,
  previous: { count: number; hash: string },
  keys: ArchiveKeys,
  archivedAt = new Date(),
): ArchiveRecord {
  const content: RecordContent = {
    index: previous.count,
    archivedAt: archivedAt.toISOString(),
    ...entry,
    keyId: keys.current.id,
    prevHash: previous.hash,
  };
  return { ...content, hash: macOf(content, keys.current.key) };
}

/** What is wrong with a record's own hash (or MAC), if anything. */
export function contentProblem(record: ArchiveRecord, keys: ArchiveKeys): string | undefined {
  const { hash, ...content } = record;
  if (record.keyId === undefined) {
    return hashOf(content) === hash
      ? undefined
      : 'its content does not match its hash: the record was changed';
  }
  const key = keys.find(record.keyId);
  if (!key)
    return `is keyed with archive key "${record.keyId}", which is not among the archive keys given: it cannot be checked`;
  return macOf(content, key.key) === hash
    ? undefined
    : `its content does not match its hash (HMAC-SHA-256 under archive key "${record.keyId}"): the record was changed`;
}

export interface ChainProblem {
  index: number;
  problem: string;
}

/** What checking a chain found. */
export interface ChainReport {
  records: number;
  problems: ChainProblem[];
  /**
   * Records whose own hash is unkeyed SHA-256 (written before the archive was keyed): `count` of them, from
   * record 0. `sealedBy` is the first keyed record, whose MAC covers the hash of the last of them and so every one
   * of them as they stood when it was written; without it they are checked only as before (unkeyed).
   */
  unkeyed?: { count: number; sealedBy?: number };
  /** Things worth knowing that are not problems (a head.json one append behind after a crash). */
  notes: string[];
  /** The chain's own head: what it would publish. */
  head: ArchiveHead;
}

export interface ChainCheckOptions {
  /** The head the storage keeps beside the records (head.json, the head table). */
  head?: ArchiveHead;
  /** Whether records past the stored head are only an unfinished append (the file archive writes its head last). */
  headMayLag?: boolean;
}

/**
 * Checks a chain read from storage: every record matches its hash (its HMAC, once keyed), each points at the one
 * before, no unkeyed record follows a keyed one, and the chain reaches the head the storage keeps beside it.
 */
export function checkChain(
  records: readonly ArchiveRecord[],
  keys: ArchiveKeys,
  options: ChainCheckOptions = {},
): Omit<ChainReport, 'records'> {
  const problems: ChainProblem[] = [];
  const notes: string[] = [];
  let previous = GENESIS_HASH;
  let firstKeyed: number | undefined;
  records.forEach((record, position) => {
    if (record.index !== position)
      problems.push({
        index: position,
        problem: `record ${record.index} stands at position ${position}: a record was removed or inserted`,
      });
    if (record.prevHash !== previous)
      problems.push({ index: record.index, problem: 'does not follow the record before it' });
    const wrong = contentProblem(record, keys);
    if (wrong) problems.push({ index: record.index, problem: wrong });
    if (record.keyId !== undefined) firstKeyed ??= position;
    else if (firstKeyed !== undefined)
      problems.push({
        index: record.index,
        problem: `is not keyed, though record ${firstKeyed} before it is: it was written without the archive key`,
      });
    previous = record.hash;
  });
  const stored = options.head;
  if (stored) {
    if (stored.count > records.length) {
      problems.push({
        index: records.length,
        problem: `the archive ends after ${records.length} records, but its head says ${stored.count} were written: records were removed from the end`,
      });
    } else if (stored.count > 0 && records[stored.count - 1]?.hash !== stored.hash) {
      problems.push({
        index: stored.count - 1,
        problem: `its hash is not the one the archive's head holds for it: the chain was rewritten`,
      });
    } else if (stored.count < records.length) {
      const past = records.length - stored.count;
      if (options.headMayLag)
        notes.push(
          `${past} record(s) follow the archive's stored head (${stored.count}): an append did not finish writing the head; the next append brings it up to date`,
        );
      else
        problems.push({
          index: stored.count,
          problem: `${past} record(s) follow the archive's head (${stored.count} records): they were added past it`,
        });
    }
    if (stored.keyedFrom !== undefined && stored.keyedFrom !== firstKeyed)
      problems.push({
        index: stored.keyedFrom,
        problem: `the archive's head says records are keyed from ${stored.keyedFrom}, but the first keyed record is ${firstKeyed ?? 'none'}`,
      });
  }
  const unkeyedCount = firstKeyed ?? records.length;
  return {
    problems,
    notes,
    ...(unkeyedCount > 0
      ? { unkeyed: { count: unkeyedCount, ...(firstKeyed !== undefined ? { sealedBy: firstKeyed } : {}) } }
      : {}),
    head: {
      count: records.length,
      hash: previous,
      ...(firstKeyed !== undefined ? { keyedFrom: firstKeyed } : {}),
    },
  };
}

/** A record that fails its check where it is read: it is not served. */
export class ArchiveRecordError extends Error {
  constructor(
    readonly index: number,
    readonly dufNumber: string | undefined,
    readonly problem: string,
  ) {
    super(
      `archive record ${index}${dufNumber ? ` (case ${dufNumber})` : ''} ${problem}; it is not served (saksflyt audit verify checks the whole archive)`,
    );
    this.name = 'ArchiveRecordError';
  }
}

/** The archive refuses to append onto a chain that does not reach its own head: that would bury the evidence. */
export class ArchiveIntegrityError extends Error {
  constructor(problem: string) {
    super(`the archive refuses to append: ${problem}; run "saksflyt audit verify" and see docs/audit.md`);
    this.name = 'ArchiveIntegrityError';
  }
}

/** What a record's last bytes say of it: its JSON ends with its `keyId` (once keyed), `prevHash` and `hash`. */
const TAIL = /(?:"keyId":"([^"]{1,80})",)?"prevHash":"([0-9a-f]{64})","hash":"([0-9a-f]{64})"\}\s*$/;
/** Enough of a record's end to hold its `keyId`, `prevHash` and `hash`. */
export const TAIL_BYTES = 320;

export interface RecordLinks {
  keyId?: string;
  prevHash: string;
  hash: string;
}

/** A record's links read from its last bytes alone: records hold whole histories, and a neighbour needs only these. */
export function linksOf(tail: string): RecordLinks | undefined {
  const match = TAIL.exec(tail);
  if (!match?.[2] || !match[3]) return undefined;
  return { ...(match[1] ? { keyId: match[1] } : {}), prevHash: match[2], hash: match[3] };
}

/**
 * Checks a record as it is read: it stands where it is asked for, matches its hash (its MAC, once keyed), follows
 * the record before it, is followed by the one after it, and is keyed where the archive is. Throws rather than serve
 * a record that fails.
 */
export function assertIntact(
  record: ArchiveRecord,
  at: {
    index: number;
    /** The stored hash of the record before (GENESIS_HASH for record 0); undefined when it cannot be read. */
    before: string | undefined;
    /** The links of the record after, if there is one. */
    after?: RecordLinks | 'unreadable';
    keyedFrom?: number;
  },
  keys: ArchiveKeys,
): ArchiveRecord {
  const fail: (problem: string) => never = (problem) => {
    throw new ArchiveRecordError(at.index, record.dufNumber, problem);
  };
  if (record.index !== at.index) fail(`claims to be record ${record.index}: records were moved`);
  const wrong = contentProblem(record, keys);
  if (wrong) fail(wrong);
  if (at.before === undefined) fail('follows a record that cannot be read: the archive was changed');
  if (record.prevHash !== at.before) fail('does not follow the record before it: the archive was changed');
  if (at.after === 'unreadable') fail('is followed by a record that cannot be read: the archive was changed');
  if (at.after && at.after.prevHash !== record.hash)
    fail('is not followed by the record after it: the archive was changed');
  if (record.keyId === undefined && at.keyedFrom !== undefined && record.index >= at.keyedFrom)
    fail(`is not keyed, though the archive is keyed from record ${at.keyedFrom}: it was rewritten`);
  return record;
}

/**
 * Where closed cases go to outlive Temporal's retention: append-only and hash-chained under a key (HMAC-SHA-256), so
 * that a changed or removed record is detected, and its head published outside it (`head-anchor.ts`), so that a
 * chain cut short or rewritten is too. The embedded default is a file under `data/archive/`; production uses
 * PostgreSQL.
 */
export interface CaseArchive {
  /** Appends a record; an entry whose key is already archived is not appended again: that record is returned. */
  append(entry: ArchiveEntry, options?: AppendOptions): Promise<ArchiveRecord>;
  /** The newest record of a case, if it was ever archived; checked as it is read (`assertIntact`). */
  latest(dufNumber: string): Promise<ArchiveRecord | undefined>;
  dufNumbers(): Promise<string[]>;
  /**
   * When each closed case was lodged, first decided and closed, by its newest record, for those closed at or after
   * `since` (`GET /api/stats/processing`). Read from an index the archive keeps beside the chain: statistics, not
   * evidence, so unlike `latest` its records are not checked as they are read (`verify` checks the chain).
   */
  closedCaseMilestones(since: Date): Promise<CaseMilestones[]>;
  /** The chain's head as its records say, its last record checked; throws if that record fails. */
  head(): Promise<ArchiveHead>;
  /** The stored hashes of the records at these indexes (unchecked; absent where there is no record). */
  hashesAt(indexes: readonly number[]): Promise<Map<number, string>>;
  verify(): Promise<ChainReport>;
  close(): Promise<void>;
}
