import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Scenario } from '@saksflyt/domain/testing';
import net from 'node:net';
import { PostgresCaseArchive } from './postgres-archive';

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

describe('the PostgreSQL archive, on a real throwaway PostgreSQL server', () => {
  let server: ChildProcess;
  let url: string;
  let archive: PostgresCaseArchive;

  beforeAll(async () => {
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
    server = spawn(postgres, serverArgs, { stdio: 'ignore' });
    url = `postgres://saksflyt@127.0.0.1:${port}/postgres`;
    for (let attempt = 0; ; attempt++) {
      const probe = new Client({ connectionString: url });
      try {
        await probe.connect();
        await probe.end();
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    archive = new PostgresCaseArchive(url);
  }, 60_000);

  afterAll(async () => {
    await archive?.close();
    server?.kill('SIGTERM');
  });

  const entry = (key: string) => {
    const { events, state } = new Scenario();
    return {
      reason: 'on-demand' as const,
      workflowId: 'case-202412345678',
      dufNumber: '202412345678',
      key,
      runs: [],
      events,
      state,
    };
  };

  it('chains records, appends a key once, and verifies clean', async () => {
    const first = await archive.append(entry('a'));
    const again = await archive.append(entry('a'));
    const second = await archive.append(entry('b'));
    expect(again.hash).toBe(first.hash);
    expect(second.prevHash).toBe(first.hash);
    expect(await archive.verify()).toEqual({ records: 2, problems: [] });
    expect((await archive.latest('202412345678'))?.key).toBe('b');
  });

  it('detects a record changed in the table', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(
      "UPDATE saksflyt_archive SET record = replace(record, 'Olena Kovalenko', 'Someone Else') WHERE position = 0",
    );
    await client.end();
    const { problems } = await archive.verify();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 0, problem: expect.stringContaining('was changed') }),
      ]),
    );
  });
});
