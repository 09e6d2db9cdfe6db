import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs a TypeScript entry point of this repository as its own Node process, its output prefixed with its name.
 * It gets its own process group, so a Ctrl-C reaches only the supervisor, which stops the parts in order.
 */
export function startNodeProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ManagedProcess {
  // tsx reads the compiler options (decorators) from the tsconfig.json of the working directory: the repo root.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A part of the system that ended, and its exit code. */
export interface PartExit {
  part: string;
  code: number | null;
}

/** Waits for a Ctrl-C (or SIGTERM) or for one of the parts to end, whichever comes first. */
export function untilSignalOrExit(exits: Promise<PartExit>[]): Promise<{ signal: string } | PartExit> {
  const signalled = new Promise<{ signal: string }>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve({ signal }));
  });
  return Promise.race([signalled, ...exits]);
}
