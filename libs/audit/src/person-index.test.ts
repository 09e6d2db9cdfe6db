import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FilePersonIndexStore } from './file-person-index';
import { normalisedNameTokens } from './person-index';
import { personIndexStoreContract } from './__fixtures__/person-index-contract';

describe('the name tokens of the person index', () => {
  it('are lower-case, without diacritics, split on spaces and hyphens, each once', () => {
    expect(normalisedNameTokens('  Olena   KOVALENKO-Kovalenko ')).toEqual(['olena', 'kovalenko']);
    expect(normalisedNameTokens('Åse Ødegård-Bjørnæs')).toEqual(['ase', 'odegard', 'bjornaes']);
    expect(normalisedNameTokens('Zoë Čapek Müller')).toEqual(['zoe', 'capek', 'muller']);
  });

  it('drop apostrophes inside a name and split on other punctuation', () => {
    expect(normalisedNameTokens("Mar'yana O’Brien")).toEqual(['maryana', 'obrien']);
    expect(normalisedNameTokens('Smith, John J.')).toEqual(['smith', 'john', 'j']);
  });

  it('keep Cyrillic letters, without their marks, so a name in either script is found as written', () => {
    expect(normalisedNameTokens('Олена Йосипенко')).toEqual(['олена', 'иосипенко']);
  });

  it('are none for a name with no letter or digit', () => {
    expect(normalisedNameTokens(" - ' ")).toEqual([]);
  });
});

describe('the person index in files (the embedded default)', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  personIndexStoreContract(
    async () => {
      const folder = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-person-index-'));
      folders.push(folder);
      return new FilePersonIndexStore(folder);
    },
    async (store) => {
      const files = store as FilePersonIndexStore;
      const read = (file: string) => {
        try {
          return readFileSync(file, 'utf8');
        } catch {
          return '';
        }
      };
      return read(files.indexFile) + read(files.searchLogFile);
    },
  );

  it('is read by a second process as the first writes it (the API and `cases reindex`)', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-person-index-'));
    folders.push(folder);
    const reader = new FilePersonIndexStore(folder);
    const writer = new FilePersonIndexStore(folder);
    const entry = {
      dufNumber: '202400000001',
      lodgedAt: '2026-01-10T10:00:00.000Z',
      keyId: 'k1',
      nameTokens: ['a'],
      dateOfBirth: 'b',
      sealedName: 'c',
    };
    expect(await reader.entriesOf(['202400000001'])).toEqual([]);
    await writer.put(entry);
    expect(await reader.entriesOf(['202400000001'])).toEqual([entry]);
    await writer.put({ ...entry, nameTokens: ['d'] });
    expect(await reader.entriesOf(['202400000001'])).toEqual([{ ...entry, nameTokens: ['d'] }]);
  });
});
