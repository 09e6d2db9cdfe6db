import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings } from '../settings';
import { StartupError } from '../startup-error';
import { KeyFileSchema } from './key-ring';
import { openKeyRing, rotateKeyFile } from './key-source';

describe('the key ring: from SAKSFLYT_ENCRYPTION_KEYS or the key file', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-keys-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const keyFile = () => path.join(dataDir, 'encryption-keys.json');
  const aKey = (fill: number) => Buffer.alloc(32, fill).toString('base64');

  it('the embedded default creates a key file (mode 0600) on first start; racing processes get one ring', async () => {
    const settings = loadSettings({ SAKSFLYT_DATA_DIR: dataDir });
    const rings = await Promise.all([1, 2, 3, 4].map(() => openKeyRing(settings.encryption)));
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(new Set(rings.map((ring) => ring.current.id)).size).toBe(1);
    const [ring] = rings;
    expect(ring?.current.key.length).toBe(32);
    const again = await openKeyRing(settings.encryption);
    expect(ring && again.current.key.equals(ring.current.key)).toBe(true);
  });

  it('never creates a key when Temporal is elsewhere: every process there must share one ring', async () => {
    const settings = loadSettings({ SAKSFLYT_DATA_DIR: dataDir, TEMPORAL_ADDRESS: 'temporal.example:7233' });
    await expect(openKeyRing(settings.encryption)).rejects.toThrow(StartupError);
    await expect(openKeyRing(settings.encryption)).rejects.toThrow(/SAKSFLYT_ENCRYPTION_KEYS/);
  });

  it('takes SAKSFLYT_ENCRYPTION_KEYS (newest last) over any key file', async () => {
    const settings = loadSettings({
      SAKSFLYT_DATA_DIR: dataDir,
      SAKSFLYT_ENCRYPTION_KEYS: `2026-a:${aKey(1)}, 2026-b:${aKey(2)}`,
    });
    const ring = await openKeyRing(settings.encryption);
    expect(ring.current.id).toBe('2026-b');
    expect(ring.find('2026-a')?.key.equals(Buffer.alloc(32, 1))).toBe(true);
  });

  it('rejects a bad SAKSFLYT_ENCRYPTION_KEYS in one line that does not show the secret', () => {
    const secret = Buffer.alloc(16, 9).toString('base64');
    expect(() => loadSettings({ SAKSFLYT_ENCRYPTION_KEYS: `short:${secret}` })).toThrow(
      /^SAKSFLYT_ENCRYPTION_KEYS at 0\.key: a key is 32 bytes in base64 \(value not shown: it is a secret\)/,
    );
    try {
      loadSettings({ SAKSFLYT_ENCRYPTION_KEYS: `short:${secret}` });
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });

  it('names a key file that is not a key ring, and tightens a loose mode to 0600', async () => {
    writeFileSync(keyFile(), JSON.stringify({ keys: [{ id: 'k', createdAt: 'yesterday', key: aKey(1) }] }));
    const settings = loadSettings({ SAKSFLYT_DATA_DIR: dataDir });
    await expect(openKeyRing(settings.encryption)).rejects.toThrow(
      /key file .* is invalid at keys\.0\.createdAt/,
    );
    writeFileSync(
      keyFile(),
      JSON.stringify({ keys: [{ id: 'k', createdAt: '2026-01-01T00:00:00Z', key: aKey(1) }] }),
      { mode: 0o644 },
    );
    await openKeyRing(settings.encryption);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
  });

  it('rotates: a new newest key is appended, the old ones stay', async () => {
    const settings = loadSettings({ SAKSFLYT_DATA_DIR: dataDir });
    const before = await openKeyRing(settings.encryption);
    await rotateKeyFile(keyFile());
    const after = await openKeyRing(settings.encryption);
    expect(after.current.id).not.toBe(before.current.id);
    expect(after.find(before.current.id)?.key.equals(before.current.key)).toBe(true);
    expect(KeyFileSchema.parse(JSON.parse(readFileSync(keyFile(), 'utf8'))).keys).toHaveLength(2);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
  });
});
