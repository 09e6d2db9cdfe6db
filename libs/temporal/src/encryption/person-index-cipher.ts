import { createHmac, hkdfSync } from 'node:crypto';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA } from './encryption-codec';
import type { KeyRing } from './key-ring';

/** The HKDF label of the person index's hashing keys: never the payload key itself, nor the archive's key. */
const BLIND_INDEX_LABEL = 'saksflyt person index v1';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/**
 * The person index's keys (issue 15, point 8), all from the payload key ring, so every process that holds the ring
 * (API, CLI) finds the same entries with nothing more to configure:
 * - blind tokens are HMAC-SHA-256 under a key derived from each ring key with HKDF-SHA-256 and a label of their own,
 *   and keep that ring key's id: after a rotation, entries made before still match (a search asks under every key);
 * - a name is sealed by the payload codec itself (AES-256-GCM under the newest key, its id beside it), as the name is
 *   in Temporal's payloads.
 */
export class PersonIndexCipher {
  private readonly blindKeys: ReadonlyMap<string, Buffer>;
  private readonly codec: EncryptionCodec;

  constructor(ring: KeyRing) {
    this.blindKeys = new Map(
      ring.ids.flatMap((id) => {
        const key = ring.find(id);
        return key
          ? [[id, Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), BLIND_INDEX_LABEL, 32))] as const]
          : [];
      }),
    );
    this.currentKeyId = ring.current.id;
    this.keyIds = ring.ids;
    this.codec = new EncryptionCodec(ring, { reader: 'client' });
  }

  readonly currentKeyId: string;
  readonly keyIds: readonly string[];

  blind(value: string, keyId: string): string {
    const key = this.blindKeys.get(keyId);
    if (!key) throw new Error(`the person index's key "${keyId}" is not in this key ring`);
    return createHmac('sha256', key).update(value, 'utf8').digest('hex');
  }

  /** `<key id>.<base64 of the codec's ciphertext>`. */
  async seal(text: string): Promise<string> {
    const [sealed] = await this.codec.encode([
      { metadata: { [METADATA_ENCODING_KEY]: utf8('json/plain') }, data: utf8(JSON.stringify(text)) },
    ]);
    const keyId = Buffer.from(sealed?.metadata?.[KEY_ID_METADATA] ?? []).toString('utf8');
    return `${keyId}.${Buffer.from(sealed?.data ?? []).toString('base64')}`;
  }

  async open(sealed: string): Promise<string> {
    const separator = sealed.lastIndexOf('.');
    const [payload] = await this.codec.decode([
      {
        metadata: {
          [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: utf8(sealed.slice(0, separator)),
        },
        data: Buffer.from(sealed.slice(separator + 1), 'base64'),
      },
    ]);
    return JSON.parse(Buffer.from(payload?.data ?? []).toString('utf8')) as string;
  }
}
