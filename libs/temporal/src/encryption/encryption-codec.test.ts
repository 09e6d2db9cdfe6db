import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  type EncryptionCodecOptions,
  KEY_ID_METADATA,
  PlaintextPayloadError,
  type PlaintextRefusal,
} from './encryption-codec';
import { generateKey, KeyRing } from './key-ring';
import { refusedByCodec } from './refused-payload';

const ringOf = (...keys: ReturnType<typeof generateKey>[]) => KeyRing.fromFile({ keys });
const worker: EncryptionCodecOptions = { reader: 'worker' };
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
    const sealed = await seal(new EncryptionCodec(ringOf(first), worker));
    expect(Buffer.from(sealed.metadata?.[METADATA_ENCODING_KEY] ?? []).toString()).toBe(ENCRYPTED_ENCODING);
    expect(keyIdOf(sealed)).toBe(first.id);
    expect(textOf(sealed)).not.toContain('Olena');
    expect(textOf(sealed)).not.toContain('json/plain');
  });

  it('decodes what it encoded, and two encodings of one value differ (a fresh nonce each time)', async () => {
    const codec = new EncryptionCodec(ringOf(first), worker);
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
    const old = await seal(new EncryptionCodec(ringOf(first), worker));
    const rotated = new EncryptionCodec(ringOf(first, second), worker);
    const fresh = await seal(rotated);
    expect(keyIdOf(fresh)).toBe(second.id);
    const decoded = await rotated.decode([old, fresh]);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      applicant,
      applicant,
    ]);
  });

  it('refuses a payload whose key is not in the ring, naming the key', async () => {
    const sealed = await seal(new EncryptionCodec(ringOf(second), worker));
    await expect(new EncryptionCodec(ringOf(first), worker).decode([sealed])).rejects.toThrow(
      `payload is encrypted with key "${second.id}", which is not in this key ring`,
    );
  });

  it('refuses a tampered payload, and one relabelled as another key of the ring', async () => {
    const codec = new EncryptionCodec(ringOf(first, second), worker);
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

  describe('a payload that arrives unencrypted (anyone who reaches Temporal can send one)', () => {
    const refused = (reader: 'worker' | 'client') => {
      const refusals: PlaintextRefusal[] = [];
      const codec = new EncryptionCodec(ringOf(first), {
        reader,
        onRefused: (refusal) => refusals.push(refusal),
      });
      return { codec, refusals };
    };

    it('becomes, in a worker, a marker naming why, with nothing of what it said', async () => {
      const { codec, refusals } = refused('worker');
      const [marker] = await codec.decode([plain()], {
        type: 'workflow',
        namespace: 'default',
        workflowId: 'w',
      });
      const value = defaultPayloadConverter.fromPayload(marker as Payload);
      expect(refusedByCodec(value)).toMatch(
        /^an unencrypted payload \(encoding "json\/plain"\) was refused: .*SAKSFLYT_CODEC_PLAINTEXT=refuse/,
      );
      expect(JSON.stringify(value)).not.toContain('Olena');
      expect(refusals).toEqual([{ reader: 'worker', owner: 'workflow', reason: refusedByCodec(value) }]);
    });

    it('is counted once however often it is decoded again (a history replayed at every task), a new one again', async () => {
      const { codec, refusals } = refused('worker');
      await codec.decode([plain()]);
      await codec.decode([plain(), plain()]);
      expect(refusals).toHaveLength(1);
      await codec.decode([defaultPayloadConverter.toPayload({ ...applicant, phone: '+4790000000' })]);
      expect(refusals.map((refusal) => refusal.owner)).toEqual(['unknown', 'unknown']);
    });

    it('makes a client throw rather than hand it on', async () => {
      const { codec, refusals } = refused('client');
      await expect(codec.decode([plain()])).rejects.toThrow(PlaintextPayloadError);
      await expect(codec.decode([plain()])).rejects.toThrow(/unencrypted payload .* was refused/);
      expect(refusals).toEqual([expect.objectContaining({ reader: 'client' })]);
    });

    it('is refused whatever it claims to be, and an unprintable encoding is not quoted back', async () => {
      const { codec } = refused('worker');
      const odd: Payload = {
        metadata: { encoding: Buffer.from([0x1b, 0x5b, 0x32]) },
        data: Buffer.from('x'),
      };
      const bare: Payload = { data: Buffer.from('"hello"') };
      const decoded = await codec.decode([odd, bare]);
      const reasons = decoded.map((payload) => refusedByCodec(defaultPayloadConverter.fromPayload(payload)));
      expect(reasons.every((reason) => reason?.includes('(encoding none readable)'))).toBe(true);
    });

    it('passes through unchanged under SAKSFLYT_CODEC_PLAINTEXT=accept (histories from before encryption, the replay fixtures)', async () => {
      const payload = plain();
      const onRefused = jest.fn();
      const accepting = new EncryptionCodec(ringOf(first), {
        reader: 'worker',
        plaintext: 'accept',
        onRefused,
      });
      expect(await accepting.decode([payload])).toEqual([payload]);
      expect(onRefused).not.toHaveBeenCalled();
    });
  });
});
