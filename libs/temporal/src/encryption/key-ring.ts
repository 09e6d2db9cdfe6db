import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** AES-256 needs exactly 32 bytes of key. */
const KEY_BYTES = 32;

const KeyId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'a key id is 1–64 letters, digits, dots, dashes or underscores');

const KeyMaterial = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a key is base64')
  .refine(
    (text) => Buffer.from(text, 'base64').length === KEY_BYTES,
    `a key is ${KEY_BYTES} bytes in base64`,
  );

/** The key file's shape: newest key last. It holds no secret but the keys themselves, so it is mode 0600. */
export const KeyFileSchema = z
  .object({
    keys: z
      .array(z.object({ id: KeyId, createdAt: z.iso.datetime(), key: KeyMaterial }).strict())
      .min(1, 'the key ring needs at least one key'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = file.keys.map((key) => key.id);
    const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
    if (repeated)
      ctx.addIssue({ code: 'custom', path: ['keys'], message: `key id "${repeated}" appears twice` });
  });
export type KeyFile = z.infer<typeof KeyFileSchema>;

/** `SAKSFLYT_ENCRYPTION_KEYS`: `id:base64key` pairs separated by commas, newest last. */
export const KeyListSchema = z
  .string()
  .transform((text) => text.split(',').map((pair) => pair.trim()))
  .pipe(
    z.array(
      z
        .string()
        .transform((pair) => {
          const separator = pair.indexOf(':');
          return { id: pair.slice(0, separator), key: pair.slice(separator + 1) };
        })
        .pipe(z.object({ id: KeyId, key: KeyMaterial })),
    ),
  );

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/**
 * The keys payloads may be encrypted with. New payloads use the newest; older keys stay so that what they
 * encrypted still decodes after a rotation.
 */
export class KeyRing {
  private readonly byId: ReadonlyMap<string, EncryptionKey>;
  readonly current: EncryptionKey;

  constructor(keys: readonly EncryptionKey[]) {
    const newest = keys.at(-1);
    if (!newest) throw new TypeError('a key ring needs at least one key');
    this.current = newest;
    this.byId = new Map(keys.map((key) => [key.id, key]));
  }

  find(id: string): EncryptionKey | undefined {
    return this.byId.get(id);
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  static fromFile(file: KeyFile): KeyRing {
    return new KeyRing(file.keys.map(({ id, key }) => ({ id, key: Buffer.from(key, 'base64') })));
  }

  static fromList(list: z.infer<typeof KeyListSchema>): KeyRing {
    return new KeyRing(list.map(({ id, key }) => ({ id, key: Buffer.from(key, 'base64') })));
  }
}

/** A fresh key named after the day it was made, with a random suffix so two made on one day differ. */
export function generateKey(now = new Date()): KeyFile['keys'][number] {
  return {
    id: `${now.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`,
    createdAt: now.toISOString(),
    key: randomBytes(KEY_BYTES).toString('base64'),
  };
}
