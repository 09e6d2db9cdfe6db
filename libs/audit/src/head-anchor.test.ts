import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ARCHIVE_KEY,
  changeDecision,
  entry,
  keyRing,
  legacyRecords,
  readChain,
  rewriteChain,
  testKeys,
  writeChain,
} from './__fixtures__/archive-fixtures';
import { FileCaseArchive } from './file-archive';
import {
  compareWithAnchors,
  FileHeadAnchor,
  type PublishedHead,
  publishArchiveHead,
  sealHead,
  startHeadPublisher,
} from './head-anchor';

describe('the head published outside the archive (the head file)', () => {
  let archive: FileCaseArchive;
  let anchor: FileHeadAnchor;
  beforeEach(async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-anchor-'));
    archive = new FileCaseArchive(path.join(folder, 'archive'), testKeys);
    anchor = new FileHeadAnchor(path.join(folder, 'archive-heads.jsonl'));
    for (const [i, key] of ['a', 'b', 'c'].entries()) await archive.append(entry(key, `20243000000${i + 1}`));
  });
  const published = () =>
    readFileSync(anchor.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as PublishedHead);

  it('publishes the head, signed, only when it moved, and the archive reaches it', async () => {
    const first = await publishArchiveHead(archive, [anchor], testKeys, 'test');
    expect(first).toMatchObject({
      head: { count: 3, keyedFrom: 0 },
      publishedTo: [anchor.name],
      problems: [],
    });
    expect(await publishArchiveHead(archive, [anchor], testKeys, 'test')).toMatchObject({ publishedTo: [] });
    await archive.append(entry('d', '202430000004'));
    await publishArchiveHead(archive, [anchor], testKeys, 'test');
    expect(published().map((head) => head.count)).toEqual([3, 4]);
    expect(published()[1]).toMatchObject({ by: 'test', keyId: ARCHIVE_KEY.id, mac: expect.any(String) });
    expect(await compareWithAnchors(archive, [anchor], testKeys)).toEqual({ problems: [], heads: 2 });
  });

  it('a rewrite after publication, even with the archive key, is reported, and not published', async () => {
    await publishArchiveHead(archive, [anchor], testKeys, 'test');
    // Whoever holds the key (or an archive from before it): every MAC is valid again after the rewrite.
    const records = readChain(archive.directory);
    const target = records[1];
    if (!target) throw new Error('no record 1');
    changeDecision(target, 'granted after all');
    writeChain(archive.directory, rewriteChain(records, 1, { key: ARCHIVE_KEY }), 0);
    expect((await archive.verify()).problems).toEqual([]);
    const { problems } = await compareWithAnchors(archive, [anchor], testKeys);
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${anchor.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the head published at .* by test \\(3 records, .*\\) is not in the archive: record 2 no longer has that hash \\(it has .*\\): the chain was rewritten$`,
        ),
      ),
    ]);
    const again = await publishArchiveHead(archive, [anchor], testKeys, 'test');
    expect(again).toMatchObject({
      publishedTo: [],
      problems: [expect.stringContaining('the chain was rewritten')],
    });
    expect(published()).toHaveLength(1);
  });

  it('records cut from the end, head.json with them, are reported', async () => {
    await publishArchiveHead(archive, [anchor], testKeys, 'test');
    writeChain(archive.directory, readChain(archive.directory).slice(0, 2), 0);
    expect((await archive.verify()).problems).toEqual([]);
    expect((await compareWithAnchors(archive, [anchor], testKeys)).problems).toEqual([
      expect.stringContaining('the archive no longer has record 2: records were removed from the end'),
    ]);
  });

  it('a head nobody published (no MAC under the archive key) and an unreadable line are reported', async () => {
    const notTheKey = { id: ARCHIVE_KEY.id, key: Buffer.alloc(32, 1) };
    const forged = sealHead({ count: 3, hash: 'f'.repeat(64) }, keyRing(notTheKey), 'forger');
    appendFileSync(anchor.file, `${JSON.stringify(forged)}\nnot json\n`);
    const { problems } = await compareWithAnchors(archive, [anchor], testKeys);
    expect(problems).toEqual([
      expect.stringContaining('line 2 is not a published head'),
      expect.stringMatching(/the head published at .* does not match its MAC/),
    ]);
  });

  it('seals an archive from before the key: its head is published like any other', async () => {
    const legacy = legacyRecords([entry('old-1'), entry('old-2', '202430000002')]);
    writeChain(archive.directory, legacy);
    const publication = await publishArchiveHead(archive, [anchor], testKeys, 'test');
    expect(publication).toMatchObject({ head: { count: 2, hash: legacy[1]?.hash }, problems: [] });
    writeFileSync(
      path.join(archive.directory, 'chain.jsonl'),
      readFileSync(path.join(archive.directory, 'chain.jsonl'), 'utf8').replace('old-2', 'old-X'),
    );
    // The old record's SHA-256 recomputed: its own check passes, the published head does not.
    const records = readChain(archive.directory);
    writeChain(archive.directory, rewriteChain(records, 1));
    expect((await archive.verify()).problems).toEqual([]);
    expect((await compareWithAnchors(archive, [anchor], testKeys)).problems).toEqual([
      expect.stringContaining('the chain was rewritten'),
    ]);
  });

  it("the worker's schedule publishes at start and reports what it finds wrong", async () => {
    const found: string[] = [];
    const publisher = startHeadPublisher({
      archive,
      anchors: [anchor],
      keys: testKeys,
      everySeconds: 3600,
      by: 'worker test',
      onProblem: (problem) => found.push(problem),
    });
    await publisher.stop();
    expect(published()).toEqual([expect.objectContaining({ count: 3, by: 'worker test' })]);
    expect(found).toEqual([]);
  });
});
