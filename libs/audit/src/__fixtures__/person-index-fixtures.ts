import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PersonIndexCipher } from '../person-index';

/**
 * A cipher of the tests' own (this library may not import `@saksflyt/temporal`, whose `PersonIndexCipher` is tested
 * there): HMAC under a key per id, AES-256-GCM for the name, so what the stores hold is as opaque as in production.
 */
export function testCipher(keyIds: readonly string[] = ['k1']): PersonIndexCipher {
  const keyOf = (id: string) => createHmac('sha256', 'test person index').update(id).digest();
  const currentKeyId = keyIds.at(-1) ?? 'k1';
  return {
    currentKeyId,
    keyIds,
    blind: (value, keyId) => createHmac('sha256', keyOf(keyId)).update(value).digest('hex'),
    async seal(text) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyOf(currentKeyId), nonce);
      const sealed = Buffer.concat([nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${currentKeyId}.${sealed.toString('base64')}`;
    },
    async open(sealed) {
      const [keyId = '', body = ''] = sealed.split('.');
      const bytes = Buffer.from(body, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', keyOf(keyId), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(12, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/** An application as the index reads it. */
export const applicant = (dufNumber: string, fullName: string, dateOfBirth: string, lodgedAt: string) => ({
  dufNumber,
  lodgedAt,
  applicant: { fullName, dateOfBirth } as never,
});
