import {
  appendFileSync,
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
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
import type { CaseMilestones } from '@saksflyt/domain';
import { closedSince, milestonesOfRecord } from './archive-milestones';
import { type FileLockOptions, withFileLock } from './file-lock';

/** Where one record's line lies in the chain file. */
interface Line {
  offset: number;
  length: number;
}

/** What appending and looking up need of the chain, kept up to date by reading only what was added since. */
interface ChainIndex {
  /** Bytes of the file read so far (whole lines only). */
  bytes: number;
  lines: Line[];
  lastHash: string;
  /** The last line's final bytes as read: unchanged, the file was only appended to. */
  lastTail?: string;
  firstKeyed?: number;
  /** Positions of lines that are not a record at all. */
  unreadable: number[];
  byKey: Map<string, number>;
  latestByDufNumber: Map<string, number>;
  /** Each case's milestones by its newest record, taken as the line is read (`GET /api/stats/processing`). */
  milestonesByDufNumber: Map<string, CaseMilestones>;
}

const emptyIndex = (): ChainIndex => ({
  bytes: 0,
  lines: [],
  lastHash: GENESIS_HASH,
  unreadable: [],
  byKey: new Map(),
  latestByDufNumber: new Map(),
  milestonesByDufNumber: new Map(),
});

export interface FileCaseArchiveOptions {
  lock?: FileLockOptions;
}

/**
 * The embedded archive: one JSON line per record in `chain.jsonl`, and `head.json` with the count, the last hash and
 * where keying began, so that records cut from the end are detected too.
 *
 * Appending takes `chain.lock` (created with O_EXCL; one abandoned by a dead process is taken over), so any number of
 * processes on one host may append to one folder (workers, `saksflyt audit archive`) and the chain never forks. It
 * refuses to append onto a chain that does not reach `head.json`: records removed or rewritten are evidence, and an
 * append would bury it.
 *
 * Appending and looking up read only the lines added since the last call, not the whole chain: every closed case
 * is archived with its full history, so reading it all on every append made archiving slower with every case
 * (`npm run bench` found it the worker's largest cost after a few thousand cases). A file changed otherwise than by
 * appending is read again from the start.
 */
export class FileCaseArchive implements CaseArchive {
  private readonly chainFile: string;
  private readonly headFile: string;
  private readonly lockFile: string;
  private index: ChainIndex = emptyIndex();
  /** Appends of this process, one after another (the lock file orders them against other processes). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly directory: string,
    private readonly keys: ArchiveKeys,
    private readonly options: FileCaseArchiveOptions = {},
  ) {
    mkdirSync(directory, { recursive: true });
    this.chainFile = path.join(directory, 'chain.jsonl');
    this.headFile = path.join(directory, 'head.json');
    this.lockFile = path.join(directory, 'chain.lock');
  }

  append(entry: ArchiveEntry, options: AppendOptions = {}): Promise<ArchiveRecord> {
    const appended = this.queue.then(() =>
      withFileLock(this.lockFile, () => this.appendLocked(entry, options), this.options.lock),
    );
    this.queue = appended.catch(() => undefined);
    return appended;
  }

  private appendLocked(entry: ArchiveEntry, options: AppendOptions): ArchiveRecord {
    const existing = this.lookedUpNow((index) => index.byKey.get(entry.key));
    if (existing) return existing;
    const index = this.refreshed();
    assertCaseLatest(entry.dufNumber, index.latestByDufNumber.get(entry.dufNumber), options);
    this.dropUnfinishedLine(index);
    this.assertReachesHead(index);
    const record = sealRecord(entry, { count: index.lines.length, hash: index.lastHash }, this.keys);
    appendFileSync(this.chainFile, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    this.writeHead({
      count: record.index + 1,
      hash: record.hash,
      keyedFrom: index.firstKeyed ?? record.index,
    });
    return record;
  }

  async latest(dufNumber: string): Promise<ArchiveRecord | undefined> {
    return this.lookedUp((index) => index.latestByDufNumber.get(dufNumber));
  }

  async dufNumbers(): Promise<string[]> {
    return [...this.refreshed().latestByDufNumber.keys()];
  }

  /**
   * From the index, which reads only lines appended since it was last brought up to date: the first call reads the
   * whole chain once, every later one what was archived since (a cache keyed on the chain's end, rebuilt from the
   * start if the file changed otherwise than by appending).
   */
  async closedCaseMilestones(since: Date): Promise<CaseMilestones[]> {
    return closedSince(this.refreshed().milestonesByDufNumber.values(), since);
  }

  async head(): Promise<ArchiveHead> {
    await this.lookedUp((index) => (index.lines.length > 0 ? index.lines.length - 1 : undefined));
    const index = this.index;
    const count = index.lines.length;
    return {
      count,
      hash: index.lastHash,
      ...(index.firstKeyed !== undefined ? { keyedFrom: index.firstKeyed } : {}),
    };
  }

  async hashesAt(indexes: readonly number[]): Promise<Map<number, string>> {
    const index = this.refreshed();
    const hashes = new Map<number, string>();
    for (const position of indexes) {
      const line = index.lines[position];
      const hash = line ? this.linksAt(line)?.hash : undefined;
      if (hash) hashes.set(position, hash);
    }
    return hashes;
  }

  async verify(): Promise<ChainReport> {
    // The head first: an append between the two reads then shows as a head one behind, not as records removed.
    const head = this.readHead();
    const text = existsSync(this.chainFile) ? readFileSync(this.chainFile, 'utf8') : '';
    const unfinished = text.length > 0 && !text.endsWith('\n');
    const lines = text.split('\n').filter(Boolean);
    if (unfinished) lines.pop();
    const unreadable: ChainProblem[] = [];
    const records = lines.flatMap((line, position) => {
      try {
        return [JSON.parse(line) as ArchiveRecord];
      } catch {
        unreadable.push({ index: position, problem: 'is not a readable record: the file was changed' });
        return [];
      }
    });
    const checked = checkChain(records, this.keys, {
      ...(head && head !== 'unreadable' ? { head } : {}),
      headMayLag: true,
    });
    const problems = [...unreadable, ...checked.problems];
    if (head === 'unreadable')
      problems.push({ index: records.length, problem: `${this.headFile} is not readable: it was changed` });
    else if (!head && records.length > 0)
      problems.push({
        index: records.length,
        problem: `${this.headFile} is missing: the archive's own record of its end was removed`,
      });
    return {
      ...checked,
      records: lines.length,
      problems,
      notes: [
        ...checked.notes,
        ...(unfinished
          ? ['the chain file ends in an unfinished line (an append in progress, or one a crash interrupted)']
          : []),
      ],
    };
  }

  async close(): Promise<void> {
    // Every write is flushed as it happens: nothing is held open.
  }

  /** Refuses to append onto a chain that does not reach head.json; heals a head one append behind (a crash). */
  private assertReachesHead(index: ChainIndex): void {
    const first = index.unreadable[0];
    if (first !== undefined) throw new ArchiveIntegrityError(`record ${first} is not a readable record`);
    const head = this.readHead();
    const count = index.lines.length;
    if (head === 'unreadable') throw new ArchiveIntegrityError(`${this.headFile} is not readable`);
    if (!head) {
      if (count > 0) throw new ArchiveIntegrityError(`${this.headFile} is missing`);
      return;
    }
    if (head.count > count)
      throw new ArchiveIntegrityError(
        `the chain ends after ${count} records, but its head says ${head.count} were written: records were removed`,
      );
    const line = head.count > 0 ? index.lines[head.count - 1] : undefined;
    const reached = head.count === 0 ? GENESIS_HASH : line && this.linksAt(line)?.hash;
    if (reached !== head.hash)
      throw new ArchiveIntegrityError(
        `record ${head.count - 1} no longer has the hash its head holds: the chain was rewritten`,
      );
  }

  private readHead(): ArchiveHead | 'unreadable' | undefined {
    if (!existsSync(this.headFile)) return undefined;
    try {
      const head = JSON.parse(readFileSync(this.headFile, 'utf8')) as ArchiveHead;
      return typeof head?.count === 'number' && typeof head.hash === 'string' ? head : 'unreadable';
    } catch {
      return 'unreadable';
    }
  }

  private writeHead(head: ArchiveHead): void {
    const partial = `${this.headFile}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(head), { mode: 0o600 });
    renameSync(partial, this.headFile);
  }

  /** A line without its newline at the end was never acknowledged (a crash mid-append): under the lock, drop it. */
  private dropUnfinishedLine(index: ChainIndex): void {
    if (!existsSync(this.chainFile) || statSync(this.chainFile).size === index.bytes) return;
    const fd = openSync(this.chainFile, 'r+');
    try {
      ftruncateSync(fd, index.bytes);
    } finally {
      closeSync(fd);
    }
  }

  /** The record a lookup finds, checked as it is read. */
  private async lookedUp(
    lookup: (index: ChainIndex) => number | undefined,
  ): Promise<ArchiveRecord | undefined> {
    return this.lookedUpNow(lookup);
  }

  /**
   * The record a lookup finds, checked as it is read. Should its line no longer hold it (the file was changed
   * otherwise than by appending, keeping its last line), the chain is indexed again from the start, once.
   */
  private lookedUpNow(lookup: (index: ChainIndex) => number | undefined): ArchiveRecord | undefined {
    for (let attempt = 0; ; attempt++) {
      const index = this.refreshed();
      const position = lookup(index);
      if (position === undefined) return undefined;
      const record = this.recordAt(index.lines[position]);
      if (record?.index !== position && attempt === 0) {
        this.index = emptyIndex();
        continue;
      }
      if (!record)
        throw new ArchiveRecordError(position, undefined, 'is not a readable record: the file was changed');
      const before = index.lines[position - 1];
      const after = index.lines[position + 1];
      const head = this.readHead();
      const keyedFrom = (head === 'unreadable' ? undefined : head?.keyedFrom) ?? index.firstKeyed;
      return assertIntact(
        record,
        {
          index: position,
          before: position === 0 ? GENESIS_HASH : before && this.linksAt(before)?.hash,
          ...(after ? { after: this.linksAt(after) ?? 'unreadable' } : {}),
          ...(keyedFrom !== undefined ? { keyedFrom } : {}),
        },
        this.keys,
      );
    }
  }

  private recordAt(line: Line | undefined): ArchiveRecord | undefined {
    if (!line) return undefined;
    try {
      const record = JSON.parse(this.readBytes(line.offset, line.length).toString('utf8')) as unknown;
      return record && typeof record === 'object' ? (record as ArchiveRecord) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The index, after reading what was appended since; from the start if the file changed otherwise. */
  private refreshed(): ChainIndex {
    const size = existsSync(this.chainFile) ? statSync(this.chainFile).size : 0;
    if (size < this.index.bytes || !this.lastLineIntact()) this.index = emptyIndex();
    if (size === this.index.bytes) return this.index;
    const added = this.readBytes(this.index.bytes, size - this.index.bytes);
    let offset = this.index.bytes;
    for (let start = 0; ;) {
      const end = added.indexOf(0x0a, start);
      if (end < 0) break; // a line still being written is read next time
      const length = end - start;
      if (length > 0) {
        const position = this.index.lines.length;
        this.index.lines.push({ offset, length });
        try {
          const record = JSON.parse(added.toString('utf8', start, end)) as ArchiveRecord;
          this.index.lastHash = record.hash;
          if (record.keyId !== undefined) this.index.firstKeyed ??= position;
          this.index.byKey.set(record.key, position);
          this.index.latestByDufNumber.set(record.dufNumber, position);
          const milestones = milestonesOfRecord(record);
          if (milestones) this.index.milestonesByDufNumber.set(record.dufNumber, milestones);
          else this.index.milestonesByDufNumber.delete(record.dufNumber);
        } catch {
          this.index.unreadable.push(position);
          this.index.lastHash = 'unreadable';
        }
      }
      offset += length + 1;
      start = end + 1;
    }
    this.index.bytes = offset;
    const last = this.index.lines.at(-1);
    if (last) this.index.lastTail = this.tailOf(last);
    return this.index;
  }

  /** Whether the last record read is still where it was, unchanged: then the file was only appended to. */
  private lastLineIntact(): boolean {
    const last = this.index.lines.at(-1);
    if (!last) return true;
    return this.tailOf(last) === this.index.lastTail;
  }

  /** A line's `prevHash` and `hash`, from its last bytes alone (a record holds whole histories). */
  private linksAt(line: Line): { prevHash: string; hash: string } | undefined {
    return linksOf(this.tailOf(line));
  }

  private tailOf(line: Line): string {
    const length = Math.min(TAIL_BYTES, line.length);
    return this.readBytes(line.offset + line.length - length, length).toString('utf8');
  }

  private readBytes(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(length);
    const fd = openSync(this.chainFile, 'r');
    try {
      let read = 0;
      while (read < length) {
        const n = readSync(fd, buffer, read, length - read, position + read);
        if (n === 0) break;
        read += n;
      }
      return buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  }
}
