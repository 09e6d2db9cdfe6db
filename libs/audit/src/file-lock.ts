import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export interface FileLockOptions {
  /** How long to wait for the lock before giving up. */
  timeoutMs?: number;
  /**
   * A lock held by a process on another host (a shared volume: its process cannot be asked) counts as abandoned
   * after this long. On this host a lock is abandoned only when its process is gone.
   */
  foreignStaleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): { text: string; holder?: Holder } | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    try {
      return { text, holder: JSON.parse(text) as Holder };
    } catch {
      return { text };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * An exclusive lock between processes: a file created with O_EXCL (`wx`), holding the holder's pid and host. A lock
 * whose process died (a crash while appending) is taken over; so that two waiters cannot both take over one dead
 * lock (the second would remove the first's fresh lock), taking over is itself done under a second O_EXCL file.
 */
export async function withFileLock<T>(
  lockFile: string,
  use: () => Promise<T> | T,
  options: FileLockOptions = {},
): Promise<T> {
  const { timeoutMs = 60_000, foreignStaleMs = 120_000 } = options;
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const deadline = Date.now() + timeoutMs;
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    takeOverIfAbandoned(lockFile, foreignStaleMs);
    if (Date.now() > deadline) {
      const held = readHolder(lockFile)?.holder;
      throw new Error(
        `the archive is locked by ${held ? `process ${held.pid} on ${held.host} since ${held.since}` : 'another process'} (${lockFile}); waited ${timeoutMs / 1000}s`,
      );
    }
    await sleep(wait + Math.floor(Math.random() * wait));
  }
  try {
    return await use();
  } finally {
    // Only our own lock: should it have been taken over (we were paused for minutes), leave the new holder's.
    const current = readHolder(lockFile);
    if (
      current?.holder?.pid === me.pid &&
      current.holder.host === me.host &&
      current.holder.since === me.since
    )
      unlinkSync(lockFile);
  }
}

function abandoned(holder: Holder | undefined, lockFile: string, foreignStaleMs: number): boolean {
  // A lock file being written (empty or half) is not abandoned unless it stays so.
  if (!holder) return ageMs(lockFile) > 10_000;
  if (holder.host === os.hostname()) return !alive(holder.pid);
  return ageMs(lockFile) > foreignStaleMs;
}

function takeOverIfAbandoned(lockFile: string, foreignStaleMs: number): void {
  const seen = readHolder(lockFile);
  if (!seen || !abandoned(seen.holder, lockFile, foreignStaleMs)) return;
  const breaker = `${lockFile}.takeover`;
  try {
    writeFileSync(breaker, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is taking it over; a take-over left behind by a crash is itself abandoned after a while.
    if (ageMs(breaker) > 10_000) unlinkIfPresent(breaker);
    return;
  }
  try {
    // Still the same abandoned lock, not a fresh one taken since we looked.
    if (readHolder(lockFile)?.text === seen.text) unlinkIfPresent(lockFile);
  } finally {
    unlinkIfPresent(breaker);
  }
}

function unlinkIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
