import {
  appendFileSync,
  closeSync,
  existsSync,
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
  type ArchiveEntry,
  type ArchiveRecord,
  type CaseArchive,
  type ChainProblem,
  checkChain,
  GENESIS_HASH,
  hashOf,
} from './archive';

/** Where one record's line lies in the chain file. */
interface Line {
  offset: number;
  length: number;
}

/** What appending and looking up need of the chain, kept up to date by reading only what was added since. */
interface ChainIndex {
  /** Bytes of the file read so far (whole lines only). */
  bytes: number;
  count: number;
  last?: { hash: string; line: Line };
  byKey: Map<string, Line>;
  latestByDufNumber: Map<string, Line>;
}

const emptyIndex = (): ChainIndex => ({
  bytes: 0,
  count: 0,
  byKey: new Map(),
  latestByDufNumber: new Map(),
});

/**
 * The embedded archive: one JSON line per record in `chain.jsonl`, and `head.json` with the count and last hash, so
 * that records cut from the end are detected too. One writer at a time (the worker's archive activity).
 *
 * Appending and looking up read only the lines added since the last call, not the whole chain: every closed case
 * is archived with its full history, so reading it all on every append made archiving slower with every case
 * (`npm run bench` found it the worker's largest cost after a few thousand cases). A file changed otherwise than by
 * appending is read again from the start.
 */
export class FileCaseArchive implements CaseArchive {
  private readonly chainFile: string;
  private readonly headFile: string;
  private index: ChainIndex = emptyIndex();

  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
    this.chainFile = path.join(directory, 'chain.jsonl');
    this.headFile = path.join(directory, 'head.json');
  }

  async append(entry: ArchiveEntry): Promise<ArchiveRecord> {
    const index = this.refreshed();
    const existing = index.byKey.get(entry.key);
    if (existing) return this.recordAt(existing);
    const content = {
      index: index.count,
      archivedAt: new Date().toISOString(),
      ...entry,
      prevHash: index.last?.hash ?? GENESIS_HASH,
    };
    const record: ArchiveRecord = { ...content, hash: hashOf(content) };
    appendFileSync(this.chainFile, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    const partial = `${this.headFile}.tmp`;
    writeFileSync(partial, JSON.stringify({ count: index.count + 1, hash: record.hash }), { mode: 0o600 });
    renameSync(partial, this.headFile);
    return record;
  }

  async latest(dufNumber: string): Promise<ArchiveRecord | undefined> {
    const line = this.refreshed().latestByDufNumber.get(dufNumber);
    return line ? this.recordAt(line) : undefined;
  }

  async dufNumbers(): Promise<string[]> {
    return [...this.refreshed().latestByDufNumber.keys()];
  }

  async verify() {
    const lines = existsSync(this.chainFile)
      ? readFileSync(this.chainFile, 'utf8').split('\n').filter(Boolean)
      : [];
    const unreadable: ChainProblem[] = [];
    const records = lines.flatMap((line, position) => {
      try {
        return [JSON.parse(line) as ArchiveRecord];
      } catch {
        unreadable.push({ index: position, problem: 'is not a readable record: the file was changed' });
        return [];
      }
    });
    const head = existsSync(this.headFile)
      ? (JSON.parse(readFileSync(this.headFile, 'utf8')) as { count: number; hash: string })
      : undefined;
    return { records: lines.length, problems: [...unreadable, ...checkChain(records, head)] };
  }

  async close(): Promise<void> {
    // Every write is flushed as it happens: nothing is held open.
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
        const record = JSON.parse(added.toString('utf8', start, end)) as ArchiveRecord;
        const line = { offset, length };
        this.index.count += 1;
        this.index.last = { hash: record.hash, line };
        this.index.byKey.set(record.key, line);
        this.index.latestByDufNumber.set(record.dufNumber, line);
      }
      offset += length + 1;
      start = end + 1;
    }
    this.index.bytes = offset;
    return this.index;
  }

  /** Whether the last record read is still where it was, unchanged: then the file was only appended to. */
  private lastLineIntact(): boolean {
    const last = this.index.last;
    if (!last) return true;
    try {
      const record = JSON.parse(
        this.readBytes(last.line.offset, last.line.length).toString('utf8'),
      ) as ArchiveRecord;
      return record.hash === last.hash;
    } catch {
      return false;
    }
  }

  private recordAt(line: Line): ArchiveRecord {
    return JSON.parse(this.readBytes(line.offset, line.length).toString('utf8')) as ArchiveRecord;
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
