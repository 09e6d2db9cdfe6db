import { execFile } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@saksflyt/temporal';
import { TEST_ENCRYPTION_KEYS } from '@saksflyt/testing';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * `saksflyt <args>` in a child process against a test dev server, asynchronously: a worker in the test's own process
 * must stay free to answer what the CLI sends. `server` is read at each run, so a suite may start it in `beforeAll`.
 */
export function cliOn(
  server: () => { address: string; dataDir: string; env?: Record<string, string> },
  ...leading: string[]
) {
  return (args: string[]) =>
    new Promise<CliRun>((resolve) => {
      execFile(
        process.execPath,
        [path.join(repoRoot(), 'apps/cli/bin/saksflyt.js'), ...leading, ...args],
        {
          env: {
            ...process.env,
            TEMPORAL_ADDRESS: server().address,
            SAKSFLYT_DATA_DIR: server().dataDir,
            SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
            ...server().env,
          },
        },
        (error, stdout, stderr) =>
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
}
