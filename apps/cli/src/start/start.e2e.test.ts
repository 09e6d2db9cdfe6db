import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { anApplication } from '@saksflyt/domain/testing';
import { freePort, openDataConverter, repoRoot } from '@saksflyt/temporal';
import { TEST_ENCRYPTION_KEYS } from '@saksflyt/testing';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { caseWorkflowId, stateQuery } from '@saksflyt/workflows';

const BIN = path.join(repoRoot(), 'apps/cli/bin/saksflyt.js');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  waitFor: (text: string, timeoutMs?: number) => Promise<void>;
}

function saksflyt(args: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a terminal gives it: a Ctrl-C is a SIGINT to the whole group.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A first start bundles the workflows; on two busy cores (a newcomer's `npm test` beside other suites) that took
  // over two minutes once.
  const waitFor = async (text: string, timeoutMs = 180_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!output.includes(text)) {
      if (child.exitCode !== null) throw new Error(`saksflyt exited before "${text}":\n${output}`);
      if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, output: () => output, exited, waitFor };
}

async function freePorts() {
  return {
    SAKSFLYT_TEMPORAL_PORT: String(await freePort()),
    SAKSFLYT_TEMPORAL_UI_PORT: String(await freePort()),
    SAKSFLYT_API_PORT: String(await freePort()),
    SAKSFLYT_WORKER_METRICS_PORT: String(await freePort()),
    SAKSFLYT_API_METRICS_PORT: String(await freePort()),
  };
}

describe('saksflyt start (npm start)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts dev server, worker and API, becomes healthy, keeps a case across a restart, and stops cleanly on Ctrl-C and SIGTERM', async () => {
    const ports = await freePorts();
    const env = { ...ports, SAKSFLYT_DATA_DIR: dataDir };
    const application = anApplication({ dufNumber: '202477770001' });

    const first = saksflyt(['start'], env);
    await first.waitFor('Saksflyt is up');
    expect(first.output()).toContain(`API, admin UI http://localhost:${ports.SAKSFLYT_API_PORT}`);
    const health = await fetch(`http://127.0.0.1:${ports.SAKSFLYT_API_PORT}/api/health`);
    expect(health.status).toBe(200);

    // The first start made admin's password: in a 0600 file, never in the output that container logs keep.
    const passwordFile = path.join(dataDir, 'initial-admin-password');
    const initialPassword = readFileSync(passwordFile, 'utf8').trim();
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(first.output()).toContain(`First start: created user "admin"; its password is in ${passwordFile}`);
    expect(first.output()).not.toContain(initialPassword);

    // After a demo run the worker's metrics show our counters beside the SDK's, and the API's the open cases.
    await promisify(execFile)(process.execPath, [BIN, 'demo', '--count', '6', '--seed', '3'], {
      cwd: repoRoot(),
      env: { ...process.env, ...env },
    });
    const workerMetrics = async () =>
      (await fetch(`http://127.0.0.1:${ports.SAKSFLYT_WORKER_METRICS_PORT}/metrics`)).text();
    let scraped = await workerMetrics();
    for (let attempt = 0; attempt < 50 && !scraped.includes('saksflyt_activities_total'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      scraped = await workerMetrics();
    }
    expect(scraped).toMatch(
      /^saksflyt_commands_total\{.*command="registerWithPolice".*outcome="accepted".*\} [1-9]/m,
    );
    expect(scraped).toMatch(/^saksflyt_activities_total\{.*outcome="completed".*\} [1-9]/m);
    expect(scraped).toMatch(/^temporal_workflow_task_execution_latency/m);
    // The API's metrics are on a port of their own, not on the public one.
    expect((await fetch(`http://127.0.0.1:${ports.SAKSFLYT_API_PORT}/metrics`)).status).toBe(404);
    const apiMetrics = await (
      await fetch(`http://127.0.0.1:${ports.SAKSFLYT_API_METRICS_PORT}/metrics`)
    ).text();
    expect(apiMetrics).toMatch(/^saksflyt_open_cases\{status="[a-z-]+"\} [1-9]/m);
    expect(apiMetrics).toMatch(
      /^saksflyt_http_requests_total\{method="GET",route="\/api\/health",status="200"\} [1-9]/m,
    );

    // The first start made the key ring, readable by its owner only; whoever talks to these cases needs it.
    const keyFile = path.join(dataDir, 'encryption-keys.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // And the archive's own key beside it, outside the archive folder.
    expect(statSync(path.join(dataDir, 'archive-keys.json')).mode & 0o777).toBe(0o600);
    const dataConverter = await openDataConverter(
      { encryption: { keyFile, createIfMissing: false, plaintext: 'refuse' } },
      { reader: 'client' },
    );
    const address = `127.0.0.1:${ports.SAKSFLYT_TEMPORAL_PORT}`;
    let connection = await Connection.connect({ address });
    await startProtectionCase(new Client({ connection, dataConverter }), application, 'protection-cases');
    await connection.close();

    const group = first.child.pid;
    if (group === undefined) throw new Error('saksflyt start did not spawn');
    process.kill(-group, 'SIGINT'); // Ctrl-C in a terminal
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('SIGINT: stopping the API, the worker and the dev server');
    expect(first.output()).toContain('Saksflyt stopped.');
    // The dev server outlives the worker's shutdown, so the worker never loses its connection on the way out.
    expect(first.output()).not.toMatch(/errored|connection closed/);

    const second = saksflyt(['start'], env);
    try {
      await second.waitFor('Saksflyt is up');
      connection = await Connection.connect({ address });
      const handle = new Client({ connection, dataConverter }).workflow.getHandle(
        caseWorkflowId(application.dufNumber),
      );
      expect(await handle.query(stateQuery)).toMatchObject({
        dufNumber: application.dufNumber,
        status: 'lodged',
      });
      await connection.close();
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  }, 420_000);

  function expectOneLineError(output: string, message: RegExp) {
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  }

  it('stops with one line naming the variable when the environment is malformed', async () => {
    const run = saksflyt(['start'], { SAKSFLYT_API_PORT: 'three-thousand' });
    expect(await run.exited).toBe(1);
    expectOneLineError(run.output(), /^saksflyt: SAKSFLYT_API_PORT must be a port number.*set/);
  });

  it('stops with one line naming the port and the variable when the API port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = saksflyt(['start'], {
        ...(await freePorts()),
        SAKSFLYT_API_PORT: String(port),
        SAKSFLYT_DATA_DIR: dataDir,
      });
      expect(await run.exited).toBe(1);
      expectOneLineError(
        run.output(),
        new RegExp(`^saksflyt: port ${port} on 127.0.0.1 is already in use .* SAKSFLYT_API_PORT`),
      );
    } finally {
      blocker.close();
    }
  });

  it('stops with one line when TEMPORAL_ADDRESS does not answer, and starts no dev server', async () => {
    const run = saksflyt(['start'], {
      ...(await freePorts()),
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    });
    expect(await run.exited).toBe(1);
    expectOneLineError(
      run.output(),
      /^saksflyt: cannot reach Temporal at 127\.0\.0\.1:\d+ .* TEMPORAL_ADDRESS/,
    );
  });

  it('stops with one line when TEMPORAL_ADDRESS is set but no key ring is: it never makes a key only it would have', async () => {
    const emptyDataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-nokeys-'));
    try {
      const run = saksflyt(['start'], {
        ...(await freePorts()),
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
        SAKSFLYT_DATA_DIR: emptyDataDir,
      });
      expect(await run.exited).toBe(1);
      expectOneLineError(run.output(), /^saksflyt: no encryption key ring: .* SAKSFLYT_ENCRYPTION_KEYS/);
    } finally {
      rmSync(emptyDataDir, { recursive: true, force: true });
    }
  });
});

describe('saksflyt --help', () => {
  it('lists the commands', async () => {
    const run = saksflyt(['--help'], {});
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/Usage: saksflyt/);
    expect(run.output()).toMatch(/start\s+start the whole system/);
    expect(run.output()).toMatch(/setup/);
  });
});
