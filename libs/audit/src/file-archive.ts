import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/**
 * The embedded archive: one JSON line per record in `chain.jsonl`, and `head.json` with the count and last hash, so
 * that records cut from the end are detected too. One writer at a time (the worker's archive activity).
 */
export class FileCaseArchive implements CaseArchive {
  private readonly chainFile: string;
  private readonly headFile: string;

  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
    this.chainFile = path.join(directory, 'chain.jsonl');
    this.headFile = path.join(directory, 'head.json');
  }

  async append(entry: ArchiveEntry): Promise<ArchiveRecord> {
    const records = this.read();
    const existing = records.find((record) => record.key === entry.key);
    if (existing) return existing;
    const last = records.at(-1);
    const content = {
      index: records.length,
      archivedAt: new Date().toISOString(),
      ...entry,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const record: ArchiveRecord = { ...content, hash: hashOf(content) };
    appendFileSync(this.chainFile, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    const partial = `${this.headFile}.tmp`;
    writeFileSync(partial, JSON.stringify({ count: records.length + 1, hash: record.hash }), { mode: 0o600 });
    renameSync(partial, this.headFile);
    return record;
  }

  async latest(dufNumber: string): Promise<ArchiveRecord | undefined> {
    return this.read()
      .filter((record) => record.dufNumber === dufNumber)
      .at(-1);
  }

  async dufNumbers(): Promise<string[]> {
    return [...new Set(this.read().map((record) => record.dufNumber))];
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

  private read(): ArchiveRecord[] {
    if (!existsSync(this.chainFile)) return [];
    return readFileSync(this.chainFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ArchiveRecord);
  }
}
