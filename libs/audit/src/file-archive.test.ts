import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Scenario } from '@saksflyt/domain/testing';
import type { ArchiveEntry } from './archive';
import { FileCaseArchive } from './file-archive';

function entry(key: string, dufNumber = '202430000001'): ArchiveEntry {
  const { events, state } = new Scenario();
  return {
    reason: 'on-demand',
    workflowId: `case-${dufNumber}`,
    dufNumber,
    key,
    runs: [],
    events,
    state: { ...state, dufNumber },
  };
}

describe('the file archive', () => {
  let archive: FileCaseArchive;
  beforeEach(() => {
    archive = new FileCaseArchive(mkdtempSync(path.join(os.tmpdir(), 'saksflyt-archive-')));
  });
  const chain = () => path.join(archive.directory, 'chain.jsonl');
  const lines = () => readFileSync(chain(), 'utf8').split('\n').filter(Boolean);

  it('chains each record to the one before, and verifies clean', async () => {
    const first = await archive.append(entry('a'));
    const second = await archive.append(entry('b', '202430000002'));
    expect(second.prevHash).toBe(first.hash);
    expect(await archive.verify()).toEqual({ records: 2, problems: [] });
    expect((await archive.latest('202430000002'))?.key).toBe('b');
    expect(await archive.dufNumbers()).toEqual(['202430000001', '202430000002']);
  });

  it('appends the same key only once (the archiving activity may be retried)', async () => {
    await archive.append(entry('a'));
    await archive.append(entry('a'));
    expect(lines()).toHaveLength(1);
  });

  it('detects a changed record', async () => {
    await archive.append(entry('a'));
    await archive.append(entry('b'));
    writeFileSync(chain(), readFileSync(chain(), 'utf8').replace('Olena Kovalenko', 'Someone Else'));
    const { problems } = await archive.verify();
    expect(problems.map((problem) => problem.problem)).toEqual(
      expect.arrayContaining([expect.stringContaining('was changed')]),
    );
  });

  it('detects a removed record, in the middle and at the end', async () => {
    for (const key of ['a', 'b', 'c']) await archive.append(entry(key));
    const [first, , third] = lines();
    writeFileSync(chain(), `${first}\n${third}\n`);
    expect((await archive.verify()).problems.length).toBeGreaterThan(0);

    const fresh = new FileCaseArchive(mkdtempSync(path.join(os.tmpdir(), 'saksflyt-archive-')));
    for (const key of ['a', 'b']) await fresh.append(entry(key));
    const freshChain = path.join(fresh.directory, 'chain.jsonl');
    writeFileSync(freshChain, `${readFileSync(freshChain, 'utf8').split('\n')[0]}\n`);
    expect((await fresh.verify()).problems).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('removed from the end') }),
    ]);
  });

  it('sees what another writer appended, and reads a file changed otherwise again from the start', async () => {
    await archive.append(entry('a'));
    const other = new FileCaseArchive(archive.directory);
    const b = await other.append(entry('b', '202430000002'));
    expect(b.index).toBe(1);
    const c = await archive.append(entry('c', '202430000003'));
    expect(c).toMatchObject({ index: 2, prevHash: b.hash });
    expect(await archive.dufNumbers()).toEqual(['202430000001', '202430000002', '202430000003']);
    expect((await archive.append(entry('b', '202430000002'))).hash).toBe(b.hash);

    // Rewritten with the last record gone: the next append follows the record that is now last.
    writeFileSync(chain(), `${lines().slice(0, 2).join('\n')}\n`);
    expect((await archive.append(entry('d', '202430000004'))).prevHash).toBe(b.hash);
    expect(await archive.latest('202430000003')).toBeUndefined();
    expect((await archive.latest('202430000004'))?.key).toBe('d');
  });

  it('reports an unreadable record as a problem, not a crash', async () => {
    await archive.append(entry('a'));
    writeFileSync(chain(), `${readFileSync(chain(), 'utf8')}{not json\n`);
    const { problems } = await archive.verify();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: expect.stringContaining('not a readable record') }),
      ]),
    );
  });
});
