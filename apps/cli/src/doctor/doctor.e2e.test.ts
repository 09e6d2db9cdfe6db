import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, loadSettings, repoRoot } from '@saksflyt/temporal';
import { startTestDevServer, TEST_ENCRYPTION_KEYS, type TestDevServer } from '@saksflyt/testing';
import { checkCodec, checkTemporalTransport, diagnose, type Finding } from './checks';

const about = (findings: Finding[], subject: string) =>
  findings.find((finding) => finding.subject === subject);

describe('saksflyt doctor', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-doctor-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds a wrong Temporal address, with its fix, and exits 1', async () => {
    const env = {
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      SAKSFLYT_DATA_DIR: dataDir,
      SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      SAKSFLYT_API_PORT: String(await freePort()),
    };
    const temporal = about(await diagnose(env), 'Temporal');
    expect(temporal).toMatchObject({
      outcome: 'problem',
      detail: expect.stringMatching(/cannot reach Temporal/),
    });
    expect(temporal?.fix).toMatch(/TEMPORAL_ADDRESS/);

    const run = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot(), 'apps/cli/bin/saksflyt.js'), 'doctor'],
      {
        env: { ...process.env, ...env },
      },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ Temporal +cannot reach Temporal/);
    expect(run.stdout).toMatch(/fix: .*TEMPORAL_ADDRESS/);
    expect(run.stdout).toMatch(/problem\(s\) to fix/);
  });

  it('finds a bad key file, with its fix', async () => {
    const keyFile = path.join(dataDir, 'keys.json');
    writeFileSync(keyFile, '{"keys": [{"id": "k1", "key": "too short"}]}', { mode: 0o600 });
    const keys = about(
      await diagnose({ SAKSFLYT_DATA_DIR: dataDir, SAKSFLYT_ENCRYPTION_KEY_FILE: keyFile }),
      'Encryption keys',
    );
    expect(keys).toMatchObject({
      outcome: 'problem',
      detail: expect.stringMatching(/key file .*keys\.json is invalid/),
    });
    expect(keys?.fix).toMatch(/restore it from your backup/);
  });

  it('reports whether unencrypted payloads are refused, and warns of a Temporal reached without TLS', async () => {
    const findings = await diagnose({
      SAKSFLYT_DATA_DIR: dataDir,
      SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      SAKSFLYT_TEMPORAL_PORT: String(await freePort()),
      SAKSFLYT_API_PORT: String(await freePort()),
    });
    expect(about(findings, 'Payload codec')).toMatchObject({
      outcome: 'ok',
      detail: expect.stringContaining('refuses unencrypted payloads (SAKSFLYT_CODEC_PLAINTEXT=refuse)'),
    });
    expect(about(findings, 'Temporal connection')).toMatchObject({ outcome: 'ok' });

    expect(checkCodec(loadSettings({ SAKSFLYT_CODEC_PLAINTEXT: 'accept' }))).toMatchObject({
      outcome: 'warning',
      detail: expect.stringContaining('ACCEPTS unencrypted payloads'),
    });
    const cluster = { TEMPORAL_ADDRESS: 'temporal.internal:7233' };
    expect(checkTemporalTransport(loadSettings(cluster))).toMatchObject({
      outcome: 'warning',
      fix: expect.stringContaining('TEMPORAL_TLS_CERT'),
    });
    const mtls = {
      ...cluster,
      TEMPORAL_TLS_CERT: '/etc/saksflyt/client.pem',
      TEMPORAL_TLS_KEY: '/etc/saksflyt/client.key',
    };
    expect(checkTemporalTransport(loadSettings(mtls))).toMatchObject({
      outcome: 'ok',
      detail: expect.stringContaining('mTLS'),
    });
  });

  describe('against a real dev server', () => {
    let server: TestDevServer;
    afterEach(() => server?.stop());

    it('finds missing search attributes, naming each with the command that adds it', async () => {
      server = await startTestDevServer({ withoutSearchAttributes: true });
      const findings = await diagnose({
        TEMPORAL_ADDRESS: server.address,
        SAKSFLYT_DATA_DIR: dataDir,
        SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      });
      expect(about(findings, 'Temporal')).toMatchObject({ outcome: 'ok' });
      const attributes = about(findings, 'Search attributes');
      expect(attributes).toMatchObject({ outcome: 'problem', detail: expect.stringContaining('CaseStatus') });
      expect(attributes?.fix).toContain(
        'temporal operator search-attribute create --namespace default --name NextDeadline --type Datetime',
      );
    });

    it('passes a well-configured system, warning only that no worker polls yet', async () => {
      server = await startTestDevServer();
      const findings = await diagnose({
        TEMPORAL_ADDRESS: server.address,
        SAKSFLYT_DATA_DIR: dataDir,
        SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        SAKSFLYT_API_PORT: String(await freePort()),
      });
      expect(findings.filter((finding) => finding.outcome === 'problem')).toEqual([]);
      expect(about(findings, 'Search attributes')).toMatchObject({ outcome: 'ok' });
      expect(about(findings, 'Worker')).toMatchObject({ outcome: 'warning' });
    });
  });
});
