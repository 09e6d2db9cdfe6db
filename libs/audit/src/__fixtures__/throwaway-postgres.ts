import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Debian's PostgreSQL server binaries (`.ci/run` installs the package when they are missing). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  if (!version) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
  return path.join(root, version, 'bin');
}

/** initdb refuses to run as root; as root, run the server as the postgres user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A real PostgreSQL server of a test's own, in a temporary folder: a fresh database per test, stopped at the end. */
export interface ThrowawayPostgres {
  /** `postgres://saksflyt@127.0.0.1:<port>`, without a database. */
  serverUrl: string;
  /** The URL of a new, empty database. */
  freshDatabase(prefix: string): Promise<string>;
  /** SQL as the database's administrator: what whoever administers the storage can do. */
  asAdmin(url: string, sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  stop(): void;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-pg-'));
  chmodSync(dataDir, 0o777);
  const cluster = path.join(dataDir, 'cluster');
  const [initdb, initArgs] = asServerUser(path.join(postgresBin(), 'initdb'), [
    '-D',
    cluster,
    '-U',
    'saksflyt',
    '--auth=trust',
    '-E',
    'UTF8',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [postgres, serverArgs] = asServerUser(path.join(postgresBin(), 'postgres'), [
    '-D',
    cluster,
    '-p',
    String(port),
    '-k',
    dataDir,
    '-c',
    'listen_addresses=127.0.0.1',
  ]);
  const server: ChildProcess = spawn(postgres, serverArgs, { stdio: 'ignore' });
  const serverUrl = `postgres://saksflyt@127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    const probe = new Client({ connectionString: `${serverUrl}/postgres` });
    try {
      await probe.connect();
      await probe.end();
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  async function asAdmin(url: string, sql: string, values: unknown[] = []) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query(sql, values);
    } finally {
      await client.end();
    }
  }
  let databases = 0;
  return {
    serverUrl,
    asAdmin,
    async freshDatabase(prefix) {
      databases += 1;
      const name = `${prefix}_${databases}`;
      await asAdmin(`${serverUrl}/postgres`, `CREATE DATABASE ${name}`);
      return `${serverUrl}/${name}`;
    },
    stop: () => server.kill('SIGTERM'),
  };
}
