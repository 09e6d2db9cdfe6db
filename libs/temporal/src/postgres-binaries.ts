import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from './startup-error';

/** Debian's PostgreSQL server binaries, the newest version installed (`.ci/run` installs the package when missing). */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  if (!version)
    throw new StartupError('PostgreSQL is not installed', 'install it (Debian: apt-get install postgresql)');
  return path.join(root, version, 'bin');
}

/** initdb and postgres refuse to run as root: as root, they run as the postgres user the package created. */
export function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}
