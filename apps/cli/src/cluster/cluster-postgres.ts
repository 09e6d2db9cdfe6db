import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { assertPortFree, asServerUser, postgresBin, StartupError } from '@saksflyt/temporal';

/** The cluster's database user: the owner of every database, trusted on 127.0.0.1 only. */
export const CLUSTER_DB_USER = 'saksflyt';
/** Temporal's persistence and visibility, and Saksflyt's own (the archive, and the projection beside it). */
export const CLUSTER_DATABASES = ['temporal', 'temporal_visibility', 'saksflyt'] as const;

export interface ClusterPostgres {
  port: number;
  /** `postgres://saksflyt@127.0.0.1:<port>/<database>` */
  url(database: string): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
  kill(): void;
}

/**
 * A PostgreSQL server of the cluster's own in `data/cluster/postgres` (initdb on first start, as the postgres user
 * when run as root), listening on 127.0.0.1 only, its log in `data/cluster/postgres.log`; the three databases are
 * created when missing.
 */
export async function startClusterPostgres(clusterDir: string, port: number): Promise<ClusterPostgres> {
  await assertPortFree(port, '127.0.0.1', "the cluster's PostgreSQL").catch(() => {
    throw new StartupError(
      `port ${port} (the cluster's PostgreSQL) on 127.0.0.1 is already in use`,
      'stop whatever listens there (a PostgreSQL of a cluster from before?)',
    );
  });
  const bin = postgresBin();
  const dataDir = path.join(clusterDir, 'postgres');
  mkdirSync(clusterDir, { recursive: true });
  if (!existsSync(path.join(dataDir, 'PG_VERSION')) && existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new StartupError(
      `${dataDir} holds no PostgreSQL cluster, and is not empty (a set-up that stopped halfway?)`,
      'npm run cluster -- --reset removes data/cluster and starts afresh',
    );
  if (process.getuid?.() === 0) serverUserMayReach(dataDir, path.dirname(clusterDir));
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const [initdb, args] = asServerUser(path.join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      CLUSTER_DB_USER,
      '--auth=trust',
      '-E',
      'UTF8',
    ]);
    const made = spawnSync(initdb, args, { encoding: 'utf8' });
    if (made.status !== 0)
      throw new StartupError(
        `initdb could not make the cluster's PostgreSQL in ${dataDir}: ${(made.stderr || made.stdout || String(made.error)).trim().split('\n').slice(-2).join(' | ')}`,
        'as root, the postgres user must be able to reach that folder; npm run cluster -- --reset starts afresh',
      );
  }
  // Inside the server's own folder: as root the server runs as the postgres user, who must create it.
  const logFile = path.join(dataDir, 'server.log');
  const pgCtl = (args: string[]) => {
    const [command, commandArgs] = asServerUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, ...args]);
    return spawnSync(command, commandArgs, { encoding: 'utf8' });
  };
  // pg_ctl starts the server in the background and waits until it takes connections (or says why it did not).
  const started = pgCtl([
    'start',
    '-w',
    '-t',
    '60',
    '-l',
    logFile,
    '-o',
    // TCP on 127.0.0.1 only: no socket file to place, clean up or reach as another user.
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`,
  ]);
  if (started.status !== 0)
    throw new StartupError(
      `PostgreSQL did not start (pg_ctl exit code ${started.status}): ${lastLines(logFile)}`,
      `see ${logFile}; npm run cluster -- --reset starts afresh`,
    );
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const url = (database: string) => `postgres://${CLUSTER_DB_USER}@127.0.0.1:${port}/${database}`;
  const client = new Client({ connectionString: url('postgres') });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
  const present = new Set(rows.map((row) => row.datname));
  for (const database of CLUSTER_DATABASES)
    if (!present.has(database)) await client.query(`CREATE DATABASE ${database}`);
  await client.end();

  // The server is pg_ctl's child, not ours: it has ended when its process is gone.
  const running = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => {
    const watch = setInterval(() => {
      if (running()) return;
      clearInterval(watch);
      resolve(stopping ? 0 : null);
    }, 1_000);
    watch.unref();
  });

  return {
    port,
    url,
    exited,
    // SIGQUIT: PostgreSQL's immediate shutdown, for a supervisor that is itself exiting.
    kill: () => running() && process.kill(pid, 'SIGQUIT'),
    async stop() {
      if (!running()) return;
      stopping = true;
      // Fast shutdown: sessions ended, a checkpoint written.
      pgCtl(['stop', '-m', 'fast', '-w', '-t', '30']);
    },
  };
}

/**
 * As root, the server runs as the postgres user (it refuses root): its folder is made here and given to that user,
 * and the folders above it in the data folder may be passed through (not listed) by others, as a home folder is.
 * Every file in them keeps its own mode (the key files are 0600).
 */
function serverUserMayReach(folder: string, upTo: string): void {
  mkdirSync(folder, { recursive: true });
  const [uid, gid] = ['-u', '-g'].map((flag) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()),
  );
  chownSync(folder, uid ?? 0, gid ?? 0);
  for (let above = path.dirname(folder); above.startsWith(upTo); above = path.dirname(above)) {
    const mode = statSync(above).mode & 0o777;
    if ((mode & 0o001) === 0) chmodSync(above, mode | 0o011);
    if (above === upTo) break;
  }
}

/** The last lines of a log, on one line, for an error message. */
export function lastLines(file: string, count = 3): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-count).join(' | ');
}
