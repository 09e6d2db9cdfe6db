import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { withFileLock } from './file-lock';

const Counter = z.object({
  /** When each attempt still counted stops counting (ms since the epoch). */
  hits: z.array(z.number()),
  /** Until when the key is refused (ms since the epoch); 0 when it is not. */
  blockedUntil: z.number(),
});
const CounterFile = z.record(z.string(), Counter);
type CounterFile = z.infer<typeof CounterFile>;

export interface AttemptRecord {
  /** Attempts within the window, this one included. */
  totalHits: number;
  /** Seconds until the oldest attempt in the window stops counting. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds until the key may try again; 0 when it is not blocked. */
  timeToBlockExpire: number;
}

/**
 * Sign-in attempts counted per key in `login-attempts.json` beside the user store (mode 0600), under the store's
 * file lock: every API instance that shares the data folder shares the counts, so a limit cannot be multiplied by
 * spreading attempts over instances. Keys are opaque (the API passes hashes), so the file names no one. Only
 * counters still running are kept.
 */
export class LoginAttempts {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'login-attempts.json');
  }

  /**
   * Counts an attempt for `key` in a sliding window of `windowMs`: more than `limit` blocks the key for
   * `blockMs`, and attempts while blocked are refused without counting.
   */
  hit(key: string, windowMs: number, limit: number, blockMs: number, now = Date.now()): AttemptRecord {
    return withFileLock(this.file, () => {
      const counters = this.read();
      for (const [name, counter] of Object.entries(counters)) {
        counter.hits = counter.hits.filter((expiry) => expiry > now);
        if (counter.hits.length === 0 && counter.blockedUntil <= now) delete counters[name];
      }
      const counter = counters[key] ?? { hits: [], blockedUntil: 0 };
      let isBlocked = counter.blockedUntil > now;
      if (!isBlocked) {
        counter.hits.push(now + windowMs);
        if (counter.hits.length > limit) {
          counter.blockedUntil = now + blockMs;
          isBlocked = true;
        }
      }
      counters[key] = counter;
      this.write(counters);
      const oldest = counter.hits.length > 0 ? Math.min(...counter.hits) : now;
      return {
        totalHits: counter.hits.length,
        timeToExpire: Math.max(0, Math.ceil((oldest - now) / 1000)),
        isBlocked,
        timeToBlockExpire: isBlocked ? Math.ceil((counter.blockedUntil - now) / 1000) : 0,
      };
    });
  }

  private read(): CounterFile {
    if (!existsSync(this.file)) return {};
    try {
      return CounterFile.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged counter file costs at most a window's counts; it must not stop every sign-in.
      return {};
    }
  }

  private write(counters: CounterFile): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const partial = `${this.file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(counters)}\n`, { mode: 0o600 });
    renameSync(partial, this.file);
  }
}
