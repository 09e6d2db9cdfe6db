import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { anApplication } from '@saksflyt/domain/testing';
import { ensureTool, SCHEMATHESIS } from '@saksflyt/temporal';
import { FuzzTally, fuzzRuns, reportFuzzFigures, testWorkflowBundleFile } from '@saksflyt/testing';
import { startTestSystem, TEST_PASSWORD, type TestSystem } from '../__fixtures__/test-system';

/**
 * Schemathesis reads the OpenAPI document at /api/docs and fuzzes every operation against a real system: schema-valid
 * and schema-invalid requests, undeclared methods, missing credentials. Every check it has must pass: no 5xx, every
 * status and response documented and matching its schema, invalid data refused, valid data accepted.
 */

const DUF = '202499300001';
/** The account `POST /api/users/{username}/revoke-tokens` is run against (see schemathesis.toml). */
const SPARE_USER = 'leaver';

interface HarLog {
  log: { entries: { response: { status: number } }[] };
}

interface JsonReport {
  seed: number;
  test_cases: { generated: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: { title: string; count: number }[];
}

function run(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // In a scratch folder: schemathesis leaves a `.schemathesis/` cache in its working folder.
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

describe('schemathesis against the OpenAPI document', () => {
  let system: TestSystem;
  let reports: string;

  beforeAll(async () => {
    reports = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-schemathesis-'));
    system = await startTestSystem({
      SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      // Replay bundles the workflow code once per process; the tests' cached bundle saves those seconds.
      SAKSFLYT_WORKFLOW_BUNDLE: await testWorkflowBundleFile(require.resolve('@saksflyt/workflows')),
    });
    const opened = await fetch(`${system.baseUrl}/api/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await system.tokenOf('admin')}`,
      },
      body: JSON.stringify(anApplication({ dufNumber: DUF })),
    });
    expect(opened.status).toBe(201);
    await system.users.add(SPARE_USER, 'caseworker', TEST_PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    if (reports) rmSync(reports, { recursive: true, force: true });
  });

  it('finds no failure in any operation with every check', async () => {
    const started = Date.now();
    const tool = await ensureTool(SCHEMATHESIS, (line) => console.log(line));
    const seed = process.env.SAKSFLYT_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
    const har = path.join(reports, 'run.har');
    const json = path.join(reports, 'run.json');
    const { code, output } = await run(
      tool.path,
      [
        '--config-file',
        path.join(__dirname, 'schemathesis.toml'),
        'run',
        `${system.baseUrl}/api/docs`,
        '--url',
        system.baseUrl,
        '--header',
        `Authorization: Bearer ${await system.tokenOf('admin')}`,
        // Signing out everywhere would end the very token the run sends (the least-privilege matrix covers it).
        '--exclude-path',
        '/api/auth/logout-all',
        '--checks',
        'all',
        // A fifth of the fast-check runs per operation: 30 operations, and each example is several requests.
        '--max-examples',
        String(fuzzRuns(0.2)),
        '--seed',
        seed,
        // One worker: with two, Hypothesis's threads crashed in CPython's ast module (SystemError, a run error).
        '--workers',
        '1',
        '--request-timeout',
        '30',
        '--generation-database',
        'none',
        '--no-color',
        '--report',
        'har,json',
        '--report-har-path',
        har,
        '--report-json-path',
        json,
      ],
      {
        env: { ...process.env, ...tool.env, SAKSFLYT_FUZZ_DUF: DUF, SAKSFLYT_FUZZ_SPARE_USER: SPARE_USER },
        cwd: reports,
      },
    );
    const report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
    const statuses = (JSON.parse(readFileSync(har, 'utf8')) as HarLog).log.entries.map(
      (entry) => entry.response.status,
    );
    const tally = new FuzzTally('schemathesis');
    statuses.forEach((status) => tally.status(status));
    tally.add('cases', report.test_cases.generated);
    tally.add(
      'failures',
      report.failures.reduce((sum, failure) => sum + failure.count, 0),
    );
    tally.add(
      'errors',
      report.errors.reduce((sum, error) => sum + error.count, 0),
    );
    tally.add('seed', report.seed);
    reportFuzzFigures(
      tally.line(
        ['inputs', '2xx', '4xx', '5xx', 'cases', 'failures', 'errors'],
        (Date.now() - started) / 1000,
      ),
    );
    if (code !== 0)
      throw new Error(`schemathesis found failures (seed ${report.seed}):\n${output.slice(-20_000)}`);
    expect(report.failures).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(tally.get('5xx')).toBe(0);
    // It reached the operations: a run that tried next to nothing would prove nothing.
    expect(report.test_cases.generated).toBeGreaterThan(30);
  }, 600_000);
});
