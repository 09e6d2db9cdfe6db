import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ArchiveIntegrityError, ArchiveRecordError } from './archive';
import {
  ARCHIVE_KEY,
  changeDecision,
  chainFile,
  closedEntry,
  entry,
  headFile,
  keyRing,
  legacyRecords,
  readChain,
  rewriteChain,
  testKeys,
  writeChain,
} from './__fixtures__/archive-fixtures';
import { FileCaseArchive } from './file-archive';

const problemsOf = async (archive: FileCaseArchive) =>
  (await archive.verify()).problems.map((problem) => `${problem.index}: ${problem.problem}`);

describe('the file archive', () => {
  let archive: FileCaseArchive;
  beforeEach(() => {
    archive = new FileCaseArchive(mkdtempSync(path.join(os.tmpdir(), 'saksflyt-archive-')), testKeys);
  });
  const chain = () => chainFile(archive.directory);
  const lines = () => readFileSync(chain(), 'utf8').split('\n').filter(Boolean);

  it('keys each record (HMAC-SHA-256), chains it to the one before, and verifies clean', async () => {
    const first = await archive.append(entry('a'));
    const second = await archive.append(entry('b', '202430000002'));
    expect(first.keyId).toBe(ARCHIVE_KEY.id);
    expect(second.prevHash).toBe(first.hash);
    expect(await archive.verify()).toEqual({
      records: 2,
      problems: [],
      notes: [],
      head: { count: 2, hash: second.hash, keyedFrom: 0 },
    });
    expect(JSON.parse(readFileSync(headFile(archive.directory), 'utf8'))).toEqual({
      count: 2,
      hash: second.hash,
      keyedFrom: 0,
    });
    expect((await archive.latest('202430000002'))?.key).toBe('b');
    expect(await archive.dufNumbers()).toEqual(['202430000001', '202430000002']);
    expect(await archive.head()).toEqual({ count: 2, hash: second.hash, keyedFrom: 0 });
  });

  it('appends the same key only once (the archiving activity may be retried)', async () => {
    await archive.append(entry('a'));
    await archive.append(entry('a'));
    expect(lines()).toHaveLength(1);
  });

  it('detects a changed record, and refuses to serve it', async () => {
    await archive.append(entry('a'));
    await archive.append(entry('b', '202430000002'));
    writeFileSync(chain(), readFileSync(chain(), 'utf8').replace('Olena Kovalenko', 'Someone Else'));
    expect(await problemsOf(archive)).toEqual(
      expect.arrayContaining([expect.stringContaining('was changed')]),
    );
    await expect(archive.latest('202430000001')).rejects.toThrow(ArchiveRecordError);
  });

  describe('the attack of the finding: a decision edited, every later hash and head.json recomputed', () => {
    beforeEach(async () => {
      for (const [i, key] of ['a', 'b', 'c'].entries())
        await archive.append(entry(key, `20243000000${i + 1}`));
    });

    it('without the key (SHA-256, as before): every rewritten record fails its MAC, and none is served', async () => {
      const records = readChain(archive.directory);
      const target = records[1];
      if (!target) throw new Error('no record 1');
      changeDecision(target, 'granted after all');
      writeChain(archive.directory, rewriteChain(records, 1), 0);
      expect(await problemsOf(archive)).toEqual([
        expect.stringMatching(
          /^1: its content does not match its hash \(HMAC-SHA-256 under archive key "archive-2026"\): the record was changed$/,
        ),
        expect.stringMatching(/^2: its content does not match its hash \(HMAC/),
      ]);
      await expect(archive.latest('202430000002')).rejects.toThrow(
        /^archive record 1 \(case 202430000002\) its content does not match its hash .* it is not served/,
      );
      await expect(archive.latest('202430000003')).rejects.toThrow(/archive record 2 \(case 202430000003\)/);
      await expect(archive.head()).rejects.toThrow(ArchiveRecordError);
    });

    it('passing the rewritten records off as unkeyed ones: refused, they follow a keyed record', async () => {
      const records = readChain(archive.directory);
      const target = records[1];
      if (!target) throw new Error('no record 1');
      changeDecision(target, 'granted after all');
      writeChain(archive.directory, rewriteChain(records, 1, { dropKeyId: true }), 0);
      expect(await problemsOf(archive)).toEqual([
        '1: is not keyed, though record 0 before it is: it was written without the archive key',
        '2: is not keyed, though record 0 before it is: it was written without the archive key',
      ]);
      await expect(archive.latest('202430000002')).rejects.toThrow(
        /is not keyed, though the archive is keyed from record 0/,
      );
    });

    it('with a key that is not the archive key: the record names a key the ring does not hold', async () => {
      const records = readChain(archive.directory);
      writeChain(
        archive.directory,
        rewriteChain(records, 1, { key: { id: 'forged', key: Buffer.alloc(32, 9) } }),
        0,
      );
      expect(await problemsOf(archive)).toEqual([
        expect.stringContaining(
          '1: is keyed with archive key "forged", which is not among the archive keys given',
        ),
        expect.stringContaining('2: is keyed with archive key "forged"'),
      ]);
    });
  });

  it('detects a removed record, in the middle and at the end, and will not append after either', async () => {
    for (const key of ['a', 'b', 'c']) await archive.append(entry(key));
    const [first, , third] = lines();
    writeFileSync(chain(), `${first}\n${third}\n`);
    expect((await archive.verify()).problems.length).toBeGreaterThan(0);
    await expect(archive.append(entry('d'))).rejects.toThrow(ArchiveIntegrityError);

    const fresh = new FileCaseArchive(mkdtempSync(path.join(os.tmpdir(), 'saksflyt-archive-')), testKeys);
    for (const key of ['a', 'b']) await fresh.append(entry(key));
    const freshChain = chainFile(fresh.directory);
    writeFileSync(freshChain, `${readFileSync(freshChain, 'utf8').split('\n')[0]}\n`);
    expect((await fresh.verify()).problems).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('removed from the end') }),
    ]);
    await expect(fresh.append(entry('c'))).rejects.toThrow(
      /refuses to append: the chain ends after 1 records, but its head says 2 were written/,
    );
  });

  it('sees what another writer appended, and reads a file changed otherwise again from the start', async () => {
    await archive.append(entry('a'));
    const other = new FileCaseArchive(archive.directory, testKeys);
    const b = await other.append(entry('b', '202430000002'));
    expect(b.index).toBe(1);
    const c = await archive.append(entry('c', '202430000003'));
    expect(c).toMatchObject({ index: 2, prevHash: b.hash });
    expect(await archive.dufNumbers()).toEqual(['202430000001', '202430000002', '202430000003']);
    expect((await archive.append(entry('b', '202430000002'))).hash).toBe(b.hash);

    // Rewritten with a record in the middle made longer: the index is rebuilt, and the record still checked.
    const records = readChain(archive.directory);
    const longer = records.map((record, i) =>
      i === 0 ? { ...record, reason: 'case-closed' as const } : record,
    );
    writeFileSync(chain(), longer.map((record) => `${JSON.stringify(record)}\n`).join(''));
    expect((await archive.latest('202430000003'))?.key).toBe('c');
    await expect(archive.latest('202430000001')).rejects.toThrow(/archive record 0 .* was changed/);
  });

  it('an append a crash cut short: head.json one behind is a note, healed by the next append', async () => {
    await archive.append(entry('a'));
    const headBefore = readFileSync(headFile(archive.directory), 'utf8');
    await archive.append(entry('b'));
    writeFileSync(headFile(archive.directory), headBefore);
    // And half a line that never got its newline.
    writeFileSync(chain(), `${readFileSync(chain(), 'utf8')}{"index":2,"archived`);
    const report = await archive.verify();
    expect(report.problems).toEqual([]);
    expect(report.notes).toEqual([
      expect.stringContaining("1 record(s) follow the archive's stored head (1)"),
      expect.stringContaining('unfinished line'),
    ]);
    const c = await archive.append(entry('c'));
    expect(c.index).toBe(2);
    expect(await archive.verify()).toMatchObject({ records: 3, problems: [], notes: [] });
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
    await expect(archive.append(entry('b'))).rejects.toThrow(ArchiveIntegrityError);
  });

  describe('an archive written before it was keyed', () => {
    let legacy: ReturnType<typeof legacyRecords>;
    beforeEach(() => {
      legacy = legacyRecords([entry('old-1'), entry('old-2', '202430000002')]);
      writeChain(archive.directory, legacy);
    });

    it('checks the old records as before and says so; the first keyed record seals them', async () => {
      expect(await archive.verify()).toMatchObject({ problems: [], unkeyed: { count: 2 } });
      expect((await archive.latest('202430000002'))?.key).toBe('old-2');
      const keyed = await archive.append(entry('new', '202430000003'));
      expect(keyed).toMatchObject({ index: 2, keyId: ARCHIVE_KEY.id, prevHash: legacy[1]?.hash });
      expect(await archive.verify()).toMatchObject({
        problems: [],
        unkeyed: { count: 2, sealedBy: 2 },
        head: { count: 3, keyedFrom: 2 },
      });
      expect(JSON.parse(readFileSync(headFile(archive.directory), 'utf8'))).toMatchObject({ keyedFrom: 2 });
    });

    it('an old record rewritten with its SHA-256 recomputed breaks the link of the keyed record that seals it', async () => {
      await archive.append(entry('new', '202430000003'));
      const records = readChain(archive.directory);
      const target = records[0];
      if (!target) throw new Error('no record 0');
      changeDecision(target, 'granted after all');
      // The attacker recomputes the unkeyed records, but cannot re-key record 2.
      const rewritten = rewriteChain(records, 0).map((record, i) =>
        i === 2 ? (records[2] ?? record) : record,
      );
      writeChain(archive.directory, rewritten, 2);
      expect(await problemsOf(archive)).toEqual(['2: does not follow the record before it']);
      await expect(archive.latest('202430000002')).rejects.toThrow(
        /archive record 1 .* is not followed by the record after it/,
      );
    });
  });

  it('reads records keyed with an older key of the ring, and keys new ones with the newest', async () => {
    await archive.append(entry('a'));
    const newer = { id: 'archive-2027', key: Buffer.alloc(32, 4) };
    const rotated = new FileCaseArchive(archive.directory, keyRing(ARCHIVE_KEY, newer));
    const b = await rotated.append(entry('b', '202430000002'));
    expect(b.keyId).toBe('archive-2027');
    expect(await rotated.verify()).toMatchObject({ problems: [] });
    expect((await rotated.latest('202430000001'))?.keyId).toBe(ARCHIVE_KEY.id);
  });

  it('two processes appending at once make one intact chain (the lock file orders them)', async () => {
    const script = path.join(__dirname, '__fixtures__', 'append-many.ts');
    const run = (prefix: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', script, archive.directory, prefix, '25'], {
        cwd: path.join(__dirname, '..', '..', '..'),
      });
    await Promise.all([run('first'), run('second')]);
    const report = await archive.verify();
    expect(report).toMatchObject({ records: 50, problems: [], notes: [] });
    const keys = readChain(archive.directory).map((record) => record.key);
    expect(new Set(keys).size).toBe(50);
    expect(existsSync(path.join(archive.directory, 'chain.lock'))).toBe(false);
  }, 120_000);

  it('takes over a lock its dead holder left behind', async () => {
    writeFileSync(
      path.join(archive.directory, 'chain.lock'),
      JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), since: '2026-01-01T00:00:00Z' }),
    );
    const record = await archive.append(entry('a'));
    expect(record.index).toBe(0);
  });
  describe("closed cases' milestones (GET /api/stats/processing)", () => {
    const since = new Date('2026-11-01T00:00:00Z');

    it('gives each closed case once, by its newest record, and leaves out open cases and those closed before', async () => {
      await archive.append(entry('open-decided', '202430000001'));
      await archive.append(
        closedEntry('granted', '202430000002', {
          lodgedAt: '2026-11-02T09:30:00+01:00',
          grantedAt: '2026-11-12T09:30:00+01:00',
        }),
      );
      // Archived on demand while open, then closed: the closing record is the newest, and it counts once.
      await archive.append({ ...entry('on-demand', '202430000003'), reason: 'on-demand' });
      await archive.append(
        closedEntry('closed-later', '202430000003', {
          lodgedAt: '2026-11-03T09:30:00+01:00',
          grantedAt: '2026-11-23T09:30:00+01:00',
        }),
      );
      await archive.append(
        closedEntry('long-ago', '202430000004', {
          lodgedAt: '2025-01-02T09:30:00+01:00',
          grantedAt: '2025-02-02T09:30:00+01:00',
        }),
      );
      const expected = [
        {
          track: 'collective',
          lodgedAt: '2026-11-02T08:30:00.000Z',
          firstDecisionAt: '2026-11-12T08:30:00.000Z',
          closedAt: '2026-11-12T08:30:00.000Z',
        },
        {
          track: 'collective',
          lodgedAt: '2026-11-03T08:30:00.000Z',
          firstDecisionAt: '2026-11-23T08:30:00.000Z',
          closedAt: '2026-11-23T08:30:00.000Z',
        },
      ];
      const normalised = (milestones: Awaited<ReturnType<FileCaseArchive['closedCaseMilestones']>>) =>
        milestones.map((m) => ({
          track: m.track,
          lodgedAt: new Date(m.lodgedAt).toISOString(),
          firstDecisionAt: m.firstDecisionAt && new Date(m.firstDecisionAt).toISOString(),
          closedAt: m.closedAt && new Date(m.closedAt).toISOString(),
        }));
      expect(normalised(await archive.closedCaseMilestones(since))).toEqual(expected);
      // Another process reading the same folder from the start finds the same.
      const other = new FileCaseArchive(archive.directory, testKeys);
      expect(normalised(await other.closedCaseMilestones(since))).toEqual(expected);
      // What is appended after is read on the next call, without reading the chain again.
      await archive.append(
        closedEntry('granted-5', '202430000005', {
          lodgedAt: '2026-11-20T09:30:00+01:00',
          grantedAt: '2026-11-21T09:30:00+01:00',
        }),
      );
      expect(await other.closedCaseMilestones(since)).toHaveLength(3);
      expect(await other.closedCaseMilestones(new Date('2026-11-22T00:00:00Z'))).toHaveLength(1);
    });

    it('folds the events of a record archived before the state carried its milestones', async () => {
      await archive.append(
        closedEntry('legacy', '202430000006', {
          lodgedAt: '2026-11-02T09:30:00+01:00',
          grantedAt: '2026-11-09T09:30:00+01:00',
          beforeMilestones: true,
        }),
      );
      const [legacy] = await archive.closedCaseMilestones(since);
      expect(legacy && new Date(legacy.firstDecisionAt ?? '').toISOString()).toBe('2026-11-09T08:30:00.000Z');
      expect(legacy && new Date(legacy.closedAt ?? '').toISOString()).toBe('2026-11-09T08:30:00.000Z');
    });
  });
});
