import { createHmac } from 'node:crypto';
import { openArchiveKeys } from './archive-keys';
import { KeyRing } from './key-ring';
import { PersonIndexCipher } from './person-index-cipher';

describe("the person index's keys, from the payload key ring", () => {
  const first = { id: 'enc-1', key: Buffer.alloc(32, 1) };
  const second = { id: 'enc-2', key: Buffer.alloc(32, 2) };

  it('blinds with a key derived for the index alone: neither the payload key nor the archive key', () => {
    const ring = new KeyRing([first]);
    const cipher = new PersonIndexCipher(ring);
    const blinded = cipher.blind('name:olena', 'enc-1');
    expect(blinded).toMatch(/^[0-9a-f]{64}$/);
    expect(blinded).not.toBe(createHmac('sha256', first.key).update('name:olena').digest('hex'));
    const archiveKey = openArchiveKeys({ createIfMissing: false }, ring).current.key;
    expect(blinded).not.toBe(createHmac('sha256', archiveKey).update('name:olena').digest('hex'));
    expect(new PersonIndexCipher(new KeyRing([first])).blind('name:olena', 'enc-1')).toBe(blinded);
  });

  it('after a rotation still blinds under the old key, so entries made before it are found', () => {
    const before = new PersonIndexCipher(new KeyRing([first]));
    const after = new PersonIndexCipher(new KeyRing([first, second]));
    expect(after.currentKeyId).toBe('enc-2');
    expect(after.keyIds).toEqual(['enc-1', 'enc-2']);
    expect(after.blind('dob:1990-01-31', 'enc-1')).toBe(before.blind('dob:1990-01-31', 'enc-1'));
    expect(after.blind('dob:1990-01-31', 'enc-2')).not.toBe(before.blind('dob:1990-01-31', 'enc-1'));
    expect(() => before.blind('dob:1990-01-31', 'enc-2')).toThrow(/not in this key ring/);
  });

  it('seals a name with the payload codec: no clear text, opened again by any holder of the ring', async () => {
    const cipher = new PersonIndexCipher(new KeyRing([first]));
    const sealed = await cipher.seal('Olena Kovalenko');
    expect(sealed).toMatch(/^enc-1\./);
    expect(sealed).not.toContain('Olena');
    expect(Buffer.from(sealed.split('.')[1] ?? '', 'base64').toString('latin1')).not.toContain('Olena');
    expect(await new PersonIndexCipher(new KeyRing([first, second])).open(sealed)).toBe('Olena Kovalenko');
    await expect(new PersonIndexCipher(new KeyRing([second])).open(sealed)).rejects.toThrow(/enc-1/);
  });
});
