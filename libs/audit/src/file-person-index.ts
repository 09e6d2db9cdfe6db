import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { withFileLock } from './file-lock';
import {
  type BlindSearch,
  matchesBlindSearch,
  type PersonIndexEntry,
  type PersonIndexStore,
  type PersonSearchLogEntry,
} from './person-index';

const OWNER_ONLY = 0o600;

/** Lines appended to a file, read incrementally: only what was appended since the last read. */
class AppendedLines {
  private offset = 0;
  private partial = '';

  constructor(readonly file: string) {}

  /** The complete lines appended since the last call (a line being written is left for the next). */
  read(): string[] {
    let size: number;
    try {
      size = statSync(this.file).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    if (size <= this.offset) return [];
    const bytes = Buffer.alloc(size - this.offset);
    const descriptor = openSync(this.file, 'r');
    try {
      readSync(descriptor, bytes, 0, bytes.length, this.offset);
    } finally {
      closeSync(descriptor);
    }
    this.offset = size;
    const text = this.partial + bytes.toString('utf8');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.filter((line) => line.length > 0);
  }
}

/**
 * The person index of the embedded default: two JSON-lines files in the data folder (mode 0600), appended under a
 * lock so that the API and the CLI's `cases reindex` can write at once. `person-index.jsonl` holds an entry per line,
 * the newest line of a DUF number winning; `person-searches.jsonl` is the search log. Neither holds a name or a
 * birth date in clear.
 */
export class FilePersonIndexStore implements PersonIndexStore {
  private readonly entries = new Map<string, PersonIndexEntry>();
  private readonly entryLines: AppendedLines;
  private readonly logLines: AppendedLines;

  constructor(private readonly folder: string) {
    this.entryLines = new AppendedLines(path.join(folder, 'person-index.jsonl'));
    this.logLines = new AppendedLines(path.join(folder, 'person-searches.jsonl'));
  }

  get indexFile(): string {
    return this.entryLines.file;
  }

  get searchLogFile(): string {
    return this.logLines.file;
  }

  async put(entry: PersonIndexEntry): Promise<void> {
    await this.append(this.entryLines.file, entry);
  }

  async find(search: BlindSearch, limit: number): Promise<PersonIndexEntry[]> {
    return [...this.refreshed().values()]
      .filter((entry) => matchesBlindSearch(entry, search))
      .sort((a, b) => Date.parse(b.lodgedAt) - Date.parse(a.lodgedAt))
      .slice(0, limit);
  }

  async entriesOf(dufNumbers: readonly string[]): Promise<PersonIndexEntry[]> {
    const entries = this.refreshed();
    return dufNumbers.flatMap((dufNumber) => {
      const entry = entries.get(dufNumber);
      return entry ? [entry] : [];
    });
  }

  async logSearch(entry: PersonSearchLogEntry): Promise<void> {
    await this.append(this.logLines.file, entry);
  }

  async searchLog(): Promise<PersonSearchLogEntry[]> {
    // The log is read whole: `AppendedLines` of its own, so the entries' reader keeps its place.
    return new AppendedLines(this.logLines.file)
      .read()
      .map((line) => JSON.parse(line) as PersonSearchLogEntry);
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }

  private refreshed(): Map<string, PersonIndexEntry> {
    for (const line of this.entryLines.read()) {
      const entry = JSON.parse(line) as PersonIndexEntry;
      this.entries.set(entry.dufNumber, entry);
    }
    return this.entries;
  }

  private async append(file: string, value: object): Promise<void> {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    await withFileLock(`${file}.lock`, () =>
      appendFile(file, `${JSON.stringify(value)}\n`, { mode: OWNER_ONLY }),
    );
  }
}
