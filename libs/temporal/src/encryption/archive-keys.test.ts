import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings } from '../settings';
import { StartupError } from '../startup-error';
import { archiveKeysFrom, openArchiveKeys } from './archive-keys';
import { KeyRing } from './key-ring';

describe('the archive key: SAKSFLYT_ARCHIVE_KEYS, its own key file, or derived from the encryption key ring', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-archive-keys-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const ring = new KeyRing([{ id: 'enc-1', key: Buffer.alloc(32, 1) }]);
  const aKey = (fill: number) => Buffer.alloc(32, fill).toString('base64');

  it('the embedded default makes data/archive-keys.json (0600) beside the key ring, outside the archive folder', () => {
    const settings = loadSettings({ SAKSFLYT_DATA_DIR: dataDir });
    expect(settings.archiveKeys).toEqual({
      keyFile: path.join(dataDir, 'archive-keys.json'),
      createIfMissing: true,
    });
    const keys = openArchiveKeys(settings.archiveKeys, ring);
    expect(statSync(path.join(dataDir, 'archive-keys.json')).mode & 0o777).toBe(0o600);
    expect(keys.current.id).not.toMatch(/^ring:/);
    const again = openArchiveKeys(settings.archiveKeys, ring);
    expect(again.current.key.equals(keys.current.key)).toBe(true);
    // The key derived from the encryption ring stays, for a chain begun without an own key.
    expect(keys.find('ring:enc-1')).toBeDefined();
  });

  it('with Temporal elsewhere and no archive key, derives it from the encryption ring (never the ring key itself)', () => {
    const settings = loadSettings({ SAKSFLYT_DATA_DIR: dataDir, TEMPORAL_ADDRESS: 'temporal.example:7233' });
    expect(settings.archiveKeys).toEqual({ createIfMissing: false });
    const keys = openArchiveKeys(settings.archiveKeys, ring);
    expect(keys.current.id).toBe('ring:enc-1');
    expect(keys.current.key.equals(Buffer.alloc(32, 1))).toBe(false);
    expect(keys.current.key.equals(archiveKeysFrom(ring).current.key)).toBe(true);
  });

  it('takes SAKSFLYT_ARCHIVE_KEYS (newest last) over any file, and refuses a named key file that is missing', () => {
    const settings = loadSettings({
      SAKSFLYT_DATA_DIR: dataDir,
      SAKSFLYT_ARCHIVE_KEYS: `a-1:${aKey(5)},a-2:${aKey(6)}`,
    });
    const keys = openArchiveKeys(settings.archiveKeys, ring);
    expect(keys.current).toEqual({ id: 'a-2', key: Buffer.alloc(32, 6) });
    expect(keys.find('a-1')).toBeDefined();
    const missing = loadSettings({
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      SAKSFLYT_ARCHIVE_KEY_FILE: path.join(dataDir, 'nowhere.json'),
    });
    expect(() => openArchiveKeys(missing.archiveKeys, ring)).toThrow(StartupError);
    expect(() => openArchiveKeys(missing.archiveKeys, ring)).toThrow(/no archive key: .*nowhere\.json/);
  });

  it('refuses an archive key or head file inside the archive folder, and never shows the key', () => {
    expect(() =>
      loadSettings({
        SAKSFLYT_DATA_DIR: dataDir,
        SAKSFLYT_ARCHIVE_KEY_FILE: path.join(dataDir, 'archive', 'key.json'),
      }),
    ).toThrow(/^SAKSFLYT_ARCHIVE_KEY_FILE must be outside the archive folder/);
    expect(() =>
      loadSettings({
        SAKSFLYT_ARCHIVE_URL: path.join(dataDir, 'vault'),
        SAKSFLYT_ARCHIVE_HEAD_FILE: path.join(dataDir, 'vault', 'heads.jsonl'),
      }),
    ).toThrow(/^SAKSFLYT_ARCHIVE_HEAD_FILE must be outside the archive folder/);
    // The archive folder being the data folder puts the embedded default's key file inside it.
    expect(() => loadSettings({ SAKSFLYT_DATA_DIR: dataDir, SAKSFLYT_ARCHIVE_URL: dataDir })).toThrow(
      /SAKSFLYT_ARCHIVE_KEY_FILE must be outside the archive folder/,
    );
    const short = Buffer.alloc(16, 9).toString('base64');
    expect(() => loadSettings({ SAKSFLYT_ARCHIVE_KEYS: `k:${short}` })).toThrow(
      /^SAKSFLYT_ARCHIVE_KEYS at 0\.key: a key is 32 bytes in base64 \(value not shown: it is a secret\)/,
    );
  });

  it('publishes every 10 minutes by default, to data/archive-heads.jsonl', () => {
    expect(loadSettings({ SAKSFLYT_DATA_DIR: dataDir }).archiveHead).toEqual({
      file: path.join(dataDir, 'archive-heads.jsonl'),
      publishSeconds: 600,
    });
    expect(loadSettings({ SAKSFLYT_ARCHIVE_PUBLISH_SECONDS: '0' }).archiveHead.publishSeconds).toBe(0);
    expect(() => loadSettings({ SAKSFLYT_ARCHIVE_PUBLISH_SECONDS: '-1' })).toThrow(StartupError);
  });
});
