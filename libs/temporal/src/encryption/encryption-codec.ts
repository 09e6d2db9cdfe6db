import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  METADATA_ENCODING_KEY,
  type Payload,
  type PayloadCodec,
  type SerializationContext,
  ValueError,
} from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './key-ring';
import { REFUSED_BY_CODEC } from './refused-payload';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const CIPHER = 'aes-256-gcm';
/** GCM's recommended nonce length; a random one per payload, so one key may encrypt billions. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** How many refused payloads a codec remembers, so that one replayed again and again is counted once. */
const REMEMBERED_REFUSALS = 10_000;

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

/** `SAKSFLYT_CODEC_PLAINTEXT`: what a codec does with a payload that arrives unencrypted. */
export const PLAINTEXT_POLICIES = ['refuse', 'accept'] as const;
export type PlaintextPolicy = (typeof PLAINTEXT_POLICIES)[number];

/**
 * Who decodes, which decides how a refusal shows. A worker (or a replayer, which must decide as the worker did)
 * cannot throw: a throw in decode fails the workflow task, and Temporal retries it for ever. It decodes the payload
 * to a marker (`refusedByCodec`) that the workflow refuses like any invalid command. A client throws
 * `PlaintextPayloadError`, so that nothing it read unencrypted is ever used.
 */
export type CodecReader = 'worker' | 'client';

export interface PlaintextRefusal {
  reader: CodecReader;
  /** Whose payload it was, as far as the SDK says: a workflow's, an activity's, or not said. */
  owner: 'workflow' | 'activity' | 'unknown';
  /** Why, in the words the marker and the error use. */
  reason: string;
}

export interface EncryptionCodecOptions {
  reader: CodecReader;
  /** Default `refuse`: only payloads encrypted with the ring are read. */
  plaintext?: PlaintextPolicy;
  /** Told once per distinct refused payload: a history replayed at every workflow task is not counted again. */
  onRefused?: (refusal: PlaintextRefusal) => void;
}

/** A client read an unencrypted payload from Temporal and refused it (SAKSFLYT_CODEC_PLAINTEXT=refuse). */
export class PlaintextPayloadError extends Error {
  override readonly name = 'PlaintextPayloadError';
}

/**
 * AES-256-GCM over the whole inner payload (its metadata too, so not even the JSON encoding shows). The key id
 * travels in clear metadata, so a rotated ring still finds the key an old payload needs; it is also the
 * additional authenticated data, so a payload cannot be passed off as encrypted under another key.
 *
 * A payload that arrives unencrypted did not come from a holder of the ring: anyone who reaches Temporal's port can
 * send one. Under the `refuse` policy (the default) it is never decoded to what it says (see `CodecReader`); under
 * `accept` it passes through unchanged, for histories written before encryption was turned on.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly plaintext: PlaintextPolicy;
  private readonly refused = new Set<string>();

  constructor(
    private readonly keys: KeyRing,
    private readonly options: EncryptionCodecOptions,
  ) {
    this.plaintext = options.plaintext ?? 'refuse';
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys.current;
    return payloads.map((payload) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv(CIPHER, key, nonce).setAAD(utf8(id));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id) },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = text(payload.metadata?.[METADATA_ENCODING_KEY]);
      if (encoding !== ENCRYPTED_ENCODING) {
        // Histories written before encryption was turned on (and the replay fixtures) hold plain payloads.
        return this.plaintext === 'accept' ? payload : this.refuse(payload, encoding, context);
      }
      const id = text(payload.metadata?.[KEY_ID_METADATA]);
      const entry = this.keys.find(id);
      if (!entry) {
        throw new ValueError(
          `payload is encrypted with key "${id}", which is not in this key ring (${this.keys.ids.join(', ')})`,
        );
      }
      const sealed = Buffer.from(payload.data ?? []);
      if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new ValueError('encrypted payload is truncated');
      const decipher = createDecipheriv(CIPHER, entry.key, sealed.subarray(0, NONCE_BYTES)).setAAD(utf8(id));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new ValueError(`encrypted payload failed authentication under key "${id}"`);
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }

  private refuse(payload: Payload, encoding: string, context: SerializationContext | undefined): Payload {
    const reason = refusalReason(encoding);
    this.noteRefusal(payload, {
      reader: this.options.reader,
      owner: context?.type ?? 'unknown',
      reason,
    });
    if (this.options.reader === 'client') throw new PlaintextPayloadError(reason);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8('json/plain') },
      data: utf8(JSON.stringify({ [REFUSED_BY_CODEC]: reason })),
    };
  }

  /** Once per distinct payload: without a workflow cache every task decodes the case's whole history again. */
  private noteRefusal(payload: Payload, refusal: PlaintextRefusal): void {
    if (!this.options.onRefused) return;
    const digest = createHash('sha256')
      .update(temporal.api.common.v1.Payload.encode(payload).finish())
      .digest('base64');
    if (this.refused.has(digest)) return;
    if (this.refused.size >= REMEMBERED_REFUSALS) {
      const oldest = this.refused.values().next().value;
      if (oldest !== undefined) this.refused.delete(oldest);
    }
    this.refused.add(digest);
    this.options.onRefused(refusal);
  }
}

/** The encoding is whatever the sender wrote: only a short printable one is quoted back. */
function refusalReason(encoding: string): string {
  const named = /^[\x20-\x7e]{1,64}$/.test(encoding) ? `"${encoding}"` : 'none readable';
  return (
    `an unencrypted payload (encoding ${named}) was refused: this deployment reads only payloads encrypted ` +
    'with its key ring (SAKSFLYT_CODEC_PLAINTEXT=refuse), so it did not come from Saksflyt'
  );
}

/** Refusals passed on to whoever listens: a process makes its client before the metrics that count them. */
export class PlaintextRefusals {
  private readonly listeners: ((refusal: PlaintextRefusal) => void)[] = [];

  readonly record = (refusal: PlaintextRefusal): void => {
    for (const listener of this.listeners) listener(refusal);
  };

  listen(listener: (refusal: PlaintextRefusal) => void): void {
    this.listeners.push(listener);
  }
}
