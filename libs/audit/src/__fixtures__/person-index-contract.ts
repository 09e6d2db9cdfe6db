import { PersonIndex, type PersonIndexStore, PersonSearchError } from '../person-index';
import { applicant, testCipher } from './person-index-fixtures';

/**
 * What every store of the person index must do, run against the file and the PostgreSQL store alike. `open` gives a
 * fresh, empty store; `rawText` everything it keeps, as whoever reads its storage without the key ring sees it.
 */
export function personIndexStoreContract(
  open: () => Promise<PersonIndexStore>,
  rawText: (store: PersonIndexStore) => Promise<string>,
): void {
  async function indexed(keyIds?: string[]) {
    const store = await open();
    const index = new PersonIndex(store, testCipher(keyIds));
    await index.index(applicant('202400000001', 'Olena Kovalenko', '1990-01-31', '2026-01-10T10:00:00Z'));
    await index.index(applicant('202400000002', 'Ivan Kovalenko', '1985-05-05', '2026-02-10T10:00:00Z'));
    await index.index(applicant('202400000003', 'Bjørn Åse-Ødegård', '1990-01-31', '2026-03-10T10:00:00Z'));
    return { store, index };
  }

  it('keeps no name and no birth date in clear: only blind tokens and the sealed name', async () => {
    const { store } = await indexed();
    const raw = await rawText(store);
    expect(raw).toContain('202400000001');
    for (const clear of [
      'Olena',
      'olena',
      'Kovalenko',
      'kovalenko',
      'Bjørn',
      'bjorn',
      '1990-01-31',
      '31.01.1990',
    ])
      expect(raw).not.toContain(clear);
  });

  it('finds a case by every token of a name, in any order, case and diacritics aside', async () => {
    const { index } = await indexed();
    expect(await index.search({ name: 'kovalenko OLENA' }, 10)).toEqual(['202400000001']);
    expect(await index.search({ name: 'Kovalenko' }, 10)).toEqual(['202400000002', '202400000001']);
    expect(await index.search({ name: 'odegard bjorn ase' }, 10)).toEqual(['202400000003']);
  });

  it('matches whole tokens only: a part of a name finds nothing', async () => {
    const { index } = await indexed();
    expect(await index.search({ name: 'Koval' }, 10)).toEqual([]);
    expect(await index.search({ name: 'Olena Petrenko' }, 10)).toEqual([]);
  });

  it('finds by date of birth, and by a name and a date of birth together', async () => {
    const { index } = await indexed();
    expect(await index.search({ dateOfBirth: '1990-01-31' }, 10)).toEqual(['202400000003', '202400000001']);
    expect(await index.search({ name: 'Kovalenko', dateOfBirth: '1990-01-31' }, 10)).toEqual([
      '202400000001',
    ]);
    expect(await index.search({ dateOfBirth: '1990-02-01' }, 10)).toEqual([]);
  });

  it('answers at most the limit, newest lodged first', async () => {
    const { index } = await indexed();
    expect(await index.search({ dateOfBirth: '1990-01-31' }, 1)).toEqual(['202400000003']);
  });

  it('refuses a search with no criterion, or a name with no letter, naming the field', async () => {
    const { index } = await indexed();
    await expect(index.search({}, 10)).rejects.toThrow(PersonSearchError);
    await expect(index.search({ name: ' - ' }, 10)).rejects.toMatchObject({ field: 'name' });
  });

  it('replaces the entry of a case indexed again, and opens the names it holds', async () => {
    const { index } = await indexed();
    await index.index(applicant('202400000001', 'Olena Shevchenko', '1990-01-31', '2026-01-10T10:00:00Z'));
    expect(await index.search({ name: 'Kovalenko Olena' }, 10)).toEqual([]);
    expect(await index.search({ name: 'Shevchenko' }, 10)).toEqual(['202400000001']);
    const names = await index.namesOf(['202400000001', '202400000002', '202499999999']);
    expect([...names.entries()].sort()).toEqual([
      ['202400000001', 'Olena Shevchenko'],
      ['202400000002', 'Ivan Kovalenko'],
    ]);
  });

  it('still finds entries made under a key the ring has since rotated past', async () => {
    const store = await open();
    await new PersonIndex(store, testCipher(['k1'])).index(
      applicant('202400000001', 'Olena Kovalenko', '1990-01-31', '2026-01-10T10:00:00Z'),
    );
    const rotated = new PersonIndex(store, testCipher(['k1', 'k2']));
    await rotated.index(applicant('202400000002', 'Ivan Kovalenko', '1985-05-05', '2026-02-10T10:00:00Z'));
    expect(await rotated.search({ name: 'kovalenko' }, 10)).toEqual(['202400000002', '202400000001']);
    // Without the old key the old entry is out of reach: the key is what finds it.
    expect(await new PersonIndex(store, testCipher(['k2'])).search({ name: 'kovalenko' }, 10)).toEqual([
      '202400000002',
    ]);
  });

  it('logs who searched for what, readable with the ring and opaque without it', async () => {
    const { store, index } = await indexed();
    await index.logSearch({ username: 'kari', role: 'caseworker' }, { name: 'Olena Kovalenko' }, 1);
    await index.logSearch({ username: 'revisor', role: 'auditor' }, { dateOfBirth: '1990-01-31' }, 2);
    const log = await index.searchLog();
    expect(log).toEqual([
      expect.objectContaining({
        actor: { username: 'kari', role: 'caseworker' },
        criteria: { name: 'Olena Kovalenko' },
        results: 1,
      }),
      expect.objectContaining({
        actor: { username: 'revisor', role: 'auditor' },
        criteria: { dateOfBirth: '1990-01-31' },
        results: 2,
      }),
    ]);
    // The blind tokens of the search are those of the entry it found: "who looked this person up?" can be answered.
    const [first] = await store.searchLog();
    const [entry] = await store.entriesOf(['202400000001']);
    expect(first?.nameTokens.slice().sort()).toEqual(entry?.nameTokens.slice().sort());
    const raw = await rawText(store);
    expect(raw).toContain('kari');
    for (const clear of ['Olena', 'Kovalenko', '1990-01-31']) expect(raw).not.toContain(clear);
  });
}
