import { closeSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Past this a lock file is taken for one a crashed process left behind: every holder is done in milliseconds. */
const STALE_MS = 10_000;
const WAIT_MS = 5_000;
const RETRY_MS = 5;

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);

/**
 * Runs `change` while holding `<file>.lock`, made with O_EXCL: one process at a time, across every API instance
 * and CLI that share the data folder (a local disk or a shared volume). Synchronous, as the store's reads and
 * writes are: the lock is held for one read and one write of a small file.
 */
export function withFileLock<T>(file: string, change: () => T): T {
  const lock = `${file}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let descriptor: number;
    try {
      descriptor = openSync(lock, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lock)) {
        try {
          unlinkSync(lock);
        } catch {
          // Another process broke it first.
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held by another process for too long`);
      sleep(RETRY_MS);
      continue;
    }
    try {
      writeSync(descriptor, `${process.pid}\n`);
      return change();
    } finally {
      closeSync(descriptor);
      unlinkSync(lock);
    }
  }
}

function isStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}
