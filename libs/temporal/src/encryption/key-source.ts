import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EncryptionSettings } from '../settings';
import { StartupError } from '../startup-error';
import { generateKey, type KeyFile, KeyFileSchema, KeyRing } from './key-ring';

const OWNER_ONLY = 0o600;

/**
 * The key ring this process encrypts and decrypts with: `SAKSFLYT_ENCRYPTION_KEYS` if set, else the key file.
 * The embedded default creates the key file on first start; anywhere else a missing ring stops start-up, because
 * a key only one process has would leave the others unable to read its cases.
 */
export async function openKeyRing(settings: EncryptionSettings): Promise<KeyRing> {
  if (settings.keys) return KeyRing.fromList(settings.keys);
  const existing = await readKeyFile(settings.keyFile);
  if (existing) return KeyRing.fromFile(existing);
  if (!settings.createIfMissing) {
    throw new StartupError(
      `no encryption key ring: ${settings.keyFile} does not exist and SAKSFLYT_ENCRYPTION_KEYS is not set`,
      'give every worker, API and CLI the same ring: SAKSFLYT_ENCRYPTION_KEYS (see "saksflyt keys generate") or SAKSFLYT_ENCRYPTION_KEY_FILE',
    );
  }
  return KeyRing.fromFile(await createKeyFile(settings.keyFile));
}

export async function readKeyFile(file: string): Promise<KeyFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StartupError(`cannot read the key file ${file}`, 'check its owner and mode (0600)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StartupError(`the key file ${file} is not JSON`, 'restore it from your backup of the key ring');
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(
      `the key file ${file} is invalid at ${issue?.path.join('.') || 'its top'}: ${issue?.message}`,
      'restore it from your backup of the key ring',
    );
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, OWNER_ONLY);
  return parsed.data;
}

/**
 * Two processes of one start may race to create the file: the loser finds it there and reads the winner's keys,
 * so both end up with the same ring.
 */
async function createKeyFile(file: string): Promise<KeyFile> {
  const created: KeyFile = { keys: [generateKey()] };
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, `${JSON.stringify(created, null, 2)}\n`, { flag: 'wx', mode: OWNER_ONLY });
    return created;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readKeyFile(file);
    if (!winner) throw error;
    return winner;
  }
}

/** Adds a new newest key to the key file: new payloads use it, everything older still decodes. */
export async function rotateKeyFile(file: string): Promise<KeyFile> {
  const current = await readKeyFile(file);
  if (!current)
    throw new StartupError(
      `there is no key file at ${file} to rotate`,
      'start Saksflyt once, or name the file with SAKSFLYT_ENCRYPTION_KEY_FILE',
    );
  const rotated: KeyFile = { keys: [...current.keys, generateKey()] };
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(rotated, null, 2)}\n`, { mode: OWNER_ONLY });
  await rename(partial, file);
  return rotated;
}
