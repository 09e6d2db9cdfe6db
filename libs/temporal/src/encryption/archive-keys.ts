import { hkdfSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ArchiveKeySettings } from '../settings';
import { StartupError } from '../startup-error';
import { type EncryptionKey, generateKey, type KeyFile, KeyFileSchema, KeyRing } from './key-ring';

const OWNER_ONLY = 0o600;
/** The prefix of a key derived from the encryption key ring: own key ids cannot hold a colon, so none clashes. */
export const DERIVED_ARCHIVE_KEY_PREFIX = 'ring:';

/**
 * The archive key derived from an encryption key: HKDF-SHA-256 with its own label, so the MAC key is not the
 * encryption key, yet every process that holds the ring holds it too, with nothing more to configure.
 */
function derivedKey(key: EncryptionKey): EncryptionKey {
  return {
    id: `${DERIVED_ARCHIVE_KEY_PREFIX}${key.id}`,
    key: Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'saksflyt archive chain v1', 32)),
  };
}

/** Every archive key derived from a ring, newest last. */
export function archiveKeysFrom(encryption: KeyRing, own: readonly EncryptionKey[] = []): KeyRing {
  const derived = encryption.ids.flatMap((id) => {
    const key = encryption.find(id);
    return key ? [derivedKey(key)] : [];
  });
  return new KeyRing([...derived, ...own]);
}

/**
 * The keys that key the archive's chain (HMAC-SHA-256) and check it: `SAKSFLYT_ARCHIVE_KEYS`; else the archive's own
 * key file (`SAKSFLYT_ARCHIVE_KEY_FILE`, or `data/archive-keys.json`, which the embedded default makes, mode 0600,
 * beside the encryption key ring); else keys derived from the encryption key ring. New records are keyed with the
 * newest own key if there is one, else with the key derived from the current encryption key; the derived keys always
 * stay in the ring, so a chain begun without an own key still checks after one is given.
 *
 * Synchronous (a small file), so that the API's module can open the archive where it is built.
 */
export function openArchiveKeys(settings: ArchiveKeySettings, encryption: KeyRing): KeyRing {
  if (settings.keys)
    return archiveKeysFrom(
      encryption,
      settings.keys.map(({ id, key }) => ({ id, key: Buffer.from(key, 'base64') })),
    );
  if (!settings.keyFile) return archiveKeysFrom(encryption);
  const file =
    readArchiveKeyFile(settings.keyFile) ??
    (settings.createIfMissing ? createArchiveKeyFile(settings.keyFile) : undefined);
  if (!file)
    throw new StartupError(
      `no archive key: ${settings.keyFile} does not exist`,
      'give every worker, API and CLI the same archive key: SAKSFLYT_ARCHIVE_KEYS (see "saksflyt keys generate"), or a SAKSFLYT_ARCHIVE_KEY_FILE that exists; unset both to derive it from the encryption key ring',
    );
  return archiveKeysFrom(
    encryption,
    file.keys.map(({ id, key }) => ({ id, key: Buffer.from(key, 'base64') })),
  );
}

export function readArchiveKeyFile(file: string): KeyFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StartupError(`cannot read the archive key file ${file}`, 'check its owner and mode (0600)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StartupError(`the archive key file ${file} is not JSON`, 'restore it from your backup');
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(
      `the archive key file ${file} is invalid at ${issue?.path.join('.') || 'its top'}: ${issue?.message}`,
      'restore it from your backup',
    );
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, OWNER_ONLY);
  return parsed.data;
}

/** Processes of one start may race to make it: the loser reads the winner's, so all key with one key. */
function createArchiveKeyFile(file: string): KeyFile {
  const created: KeyFile = { keys: [generateKey()] };
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`, { flag: 'wx', mode: OWNER_ONLY });
    return created;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readArchiveKeyFile(file);
    if (!winner) throw error;
    return winner;
  }
}
