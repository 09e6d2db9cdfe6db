import { createHash } from 'node:crypto';
import type { CaseEvent, CaseState } from '@saksflyt/domain';

/** One run of a case's workflow (continue-as-new makes several), as `temporal workflow show --output json` gives it. */
export interface ArchivedRun {
  runId: string;
  history: unknown;
}

export interface ArchiveEntry {
  /** Why it was archived: the case closed, or someone asked. */
  reason: 'case-closed' | 'on-demand';
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
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash that chains a record to the one before it: SHA-256 over the previous hash and the record's content. */
export function hashOf(record: Omit<ArchiveRecord, 'hash'>): string {
  return createHash('sha256')
    .update(record.prevHash)
    .update('\n')
    .update(JSON.stringify(record))
    .digest('hex');
}

export interface ChainProblem {
  index: number;
  problem: string;
}

/** Checks a chain read from storage: every hash matches its content, and each record points at the one before. */
export function checkChain(
  records: readonly ArchiveRecord[],
  head?: { count: number; hash: string },
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let previous = GENESIS_HASH;
  records.forEach((record, position) => {
    const { hash, ...content } = record;
    if (record.index !== position)
      problems.push({
        index: position,
        problem: `record ${record.index} stands at position ${position}: a record was removed or inserted`,
      });
    if (record.prevHash !== previous)
      problems.push({ index: record.index, problem: 'does not follow the record before it' });
    if (hashOf(content) !== hash)
      problems.push({
        index: record.index,
        problem: 'its content does not match its hash: the record was changed',
      });
    previous = hash;
  });
  if (head && (head.count !== records.length || head.hash !== previous)) {
    problems.push({
      index: records.length,
      problem: `the archive ends after ${records.length} records, but ${head.count} were written: records were removed from the end`,
    });
  }
  return problems;
}

/**
 * Where closed cases go to outlive Temporal's retention: append-only and hash-chained, so that a changed or removed
 * record is detected. The embedded default is a file under `data/archive/`; production uses PostgreSQL.
 */
export interface CaseArchive {
  append(entry: ArchiveEntry): Promise<ArchiveRecord>;
  /** The newest record of a case, if it was ever archived. */
  latest(dufNumber: string): Promise<ArchiveRecord | undefined>;
  dufNumbers(): Promise<string[]>;
  verify(): Promise<{ records: number; problems: ChainProblem[] }>;
  close(): Promise<void>;
}
