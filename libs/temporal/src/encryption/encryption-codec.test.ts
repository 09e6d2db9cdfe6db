import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA } from './encryption-codec';
import { generateKey, KeyRing } from './key-ring';

const ringOf = (...keys: ReturnType<typeof generateKey>[]) => KeyRing.fromFile({ keys });
const applicant = { fullName: 'Olena Kovalenko', dateOfBirth: '1994-03-17', phone: '+4791234567' };
const plain = (): Payload => defaultPayloadConverter.toPayload(applicant);
const textOf = (payload: Payload) => Buffer.from(payload.data ?? []).toString('latin1');
const keyIdOf = (payload: Payload) => Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
/** One payload through the codec. */
async function seal(codec: EncryptionCodec): Promise<Payload> {
  const [sealed] = await codec.encode([plain()]);
  if (!sealed) throw new Error('the codec returned no payload');
  return sealed;
}

describe('the AES-256-GCM payload codec', () => {
  const first = generateKey(new Date('2026-01-01T00:00:00Z'));
  const second = generateKey(new Date('2026-06-01T00:00:00Z'));

  it('encrypts the whole payload, encoding metadata included, and names the key in clear metadata', async () => {
    const sealed = await seal(new EncryptionCodec(ringOf(first)));
    expect(Buffer.from(sealed.metadata?.[METADATA_ENCODING_KEY] ?? []).toString()).toBe(ENCRYPTED_ENCODING);
    expect(keyIdOf(sealed)).toBe(first.id);
    expect(textOf(sealed)).not.toContain('Olena');
    expect(textOf(sealed)).not.toContain('json/plain');
  });

  it('decodes what it encoded, and two encodings of one value differ (a fresh nonce each time)', async () => {
    const codec = new EncryptionCodec(ringOf(first));
    const once = await seal(codec);
    const twice = await seal(codec);
    expect(textOf(once)).not.toBe(textOf(twice));
    const decoded = await codec.decode([once, twice]);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      applicant,
      applicant,
    ]);
  });

  it('after a rotation encrypts with the newest key and still decodes what the old key encrypted', async () => {
    const old = await seal(new EncryptionCodec(ringOf(first)));
    const rotated = new EncryptionCodec(ringOf(first, second));
    const fresh = await seal(rotated);
    expect(keyIdOf(fresh)).toBe(second.id);
    const decoded = await rotated.decode([old, fresh]);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      applicant,
      applicant,
    ]);
  });

  it('refuses a payload whose key is not in the ring, naming the key', async () => {
    const sealed = await seal(new EncryptionCodec(ringOf(second)));
    await expect(new EncryptionCodec(ringOf(first)).decode([sealed])).rejects.toThrow(
      `payload is encrypted with key "${second.id}", which is not in this key ring`,
    );
  });

  it('refuses a tampered payload, and one relabelled as another key of the ring', async () => {
    const codec = new EncryptionCodec(ringOf(first, second));
    const sealed = await seal(codec);
    const data = Buffer.from(sealed.data ?? []);
    data[20] = (data[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow('failed authentication');
    const relabelled = {
      ...sealed,
      metadata: { ...sealed.metadata, [KEY_ID_METADATA]: Buffer.from(first.id) },
    };
    await expect(codec.decode([relabelled])).rejects.toThrow('failed authentication');
    await expect(codec.decode([{ ...sealed, data: data.subarray(0, 10) }])).rejects.toThrow('truncated');
  });

  it('passes plain payloads (histories from before encryption, the replay fixtures) through unchanged', async () => {
    const payload = plain();
    expect(await new EncryptionCodec(ringOf(first)).decode([payload])).toEqual([payload]);
  });
});
