import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ArchiveConflictError,
  ArchiveIntegrityError,
  ArchiveRecordError,
  type ArchiveRecord,
} from './archive';
import { addNoteToArchivedCase } from './closed-case-note';
import {
  changeDecision,
  closedEntry,
  entry,
  legacyRecords,
  rewriteChain,
  testKeys,
} from './__fixtures__/archive-fixtures';
import { compareWithAnchors, FileHeadAnchor, publishArchiveHead } from './head-anchor';
import { PostgresCaseArchive } from './postgres-archive';
import { startThrowawayPostgres, type ThrowawayPostgres } from './__fixtures__/throwaway-postgres';

describe('the PostgreSQL archive, on a real throwaway PostgreSQL server', () => {
  let postgres: ThrowawayPostgres;
  const opened: PostgresCaseArchive[] = [];

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
  }, 60_000);

  afterAll(async () => {
    for (const archive of opened) await archive.close();
    postgres?.stop();
  });

  const asAdmin = (url: string, sql: string, values: unknown[] = []) => postgres.asAdmin(url, sql, values);

  /** A fresh database for each test, and the archive on it. */
  async function freshArchive(): Promise<{ archive: PostgresCaseArchive; url: string }> {
    const url = await postgres.freshDatabase('archive');
    const archive = new PostgresCaseArchive(url, testKeys);
    opened.push(archive);
    return { archive, url };
  }

  const rowsOf = async (url: string) =>
    (await asAdmin(url, 'SELECT record FROM saksflyt_archive ORDER BY position')).rows.map(
      (row) => JSON.parse(String(row.record)) as ArchiveRecord,
    );
  const headRow = async (url: string) =>
    (await asAdmin(url, 'SELECT count, hash, keyed_from FROM saksflyt_archive_head')).rows[0];

  it('keys and chains records, appends a key once, keeps its head in the same transaction, and verifies clean', async () => {
    const { archive, url } = await freshArchive();
    const first = await archive.append(entry('a'));
    const again = await archive.append(entry('a'));
    const second = await archive.append(entry('b', '202430000002'));
    expect(again.hash).toBe(first.hash);
    expect(second.prevHash).toBe(first.hash);
    expect(second.keyId).toBe(testKeys.current.id);
    expect(await headRow(url)).toEqual({ count: 2, hash: second.hash, keyed_from: 0 });
    expect(await archive.verify()).toEqual({
      records: 2,
      problems: [],
      notes: [],
      head: { count: 2, hash: second.hash, keyedFrom: 0 },
    });
    expect((await archive.latest('202430000002'))?.key).toBe('b');
    expect(await archive.head()).toEqual({ count: 2, hash: second.hash, keyedFrom: 0 });
  });

  it('detects a record changed in the table, and refuses to serve it', async () => {
    const { archive, url } = await freshArchive();
    await archive.append(entry('a'));
    await archive.append(entry('b', '202430000002'));
    await asAdmin(
      url,
      "UPDATE saksflyt_archive SET record = replace(record, 'Olena Kovalenko', 'Someone Else') WHERE position = 0",
    );
    const { problems } = await archive.verify();
    expect(problems).toEqual([
      expect.objectContaining({ index: 0, problem: expect.stringContaining('was changed') }),
    ]);
    await expect(archive.latest('202430000001')).rejects.toThrow(
      /^archive record 0 \(case 202430000001\) its content does not match its hash/,
    );
    await expect(archive.latest('202430000001')).rejects.toThrow(ArchiveRecordError);
  });

  it('the attack of the finding: a decision edited and every later hash recomputed fails the MAC', async () => {
    const { archive, url } = await freshArchive();
    for (const [i, key] of ['a', 'b', 'c'].entries()) await archive.append(entry(key, `20243000000${i + 1}`));
    const records = await rowsOf(url);
    const target = records[1];
    if (!target) throw new Error('no record 1');
    changeDecision(target, 'granted after all');
    const rewritten = rewriteChain(records, 1);
    for (const record of rewritten.slice(1))
      await asAdmin(url, 'UPDATE saksflyt_archive SET record = $1 WHERE position = $2', [
        JSON.stringify(record),
        record.index,
      ]);
    await asAdmin(url, 'UPDATE saksflyt_archive_head SET hash = $1', [rewritten.at(-1)?.hash]);
    expect((await archive.verify()).problems.map((problem) => problem.index)).toEqual([1, 2]);
    await expect(archive.latest('202430000002')).rejects.toThrow(/archive record 1 .*HMAC-SHA-256/);
  });

  it('notices the newest rows deleted: verify reports it, and no append buries it', async () => {
    const { archive, url } = await freshArchive();
    for (const [i, key] of ['a', 'b', 'c'].entries()) await archive.append(entry(key, `20243000000${i + 1}`));
    await asAdmin(url, 'DELETE FROM saksflyt_archive WHERE position >= 1');
    expect((await archive.verify()).problems).toEqual([
      expect.objectContaining({
        index: 1,
        problem: expect.stringContaining(
          'the archive ends after 1 records, but its head says 3 were written',
        ),
      }),
    ]);
    await expect(archive.append(entry('d', '202430000004'))).rejects.toThrow(ArchiveIntegrityError);
    expect(await rowsOf(url)).toHaveLength(1);
    // The head row deleted too: a keyed archive without one was tampered with.
    await asAdmin(url, 'DELETE FROM saksflyt_archive_head');
    expect((await archive.verify()).problems).toEqual([
      expect.objectContaining({
        problem: expect.stringContaining('head row saksflyt_archive_head is missing'),
      }),
    ]);
    await expect(archive.append(entry('d', '202430000004'))).rejects.toThrow(/head row .* is missing/);
  });

  it('rows and head rewritten together are caught by the published head', async () => {
    const { archive, url } = await freshArchive();
    const anchor = new FileHeadAnchor(
      path.join(mkdtempSync(path.join(os.tmpdir(), 'saksflyt-heads-')), 'heads.jsonl'),
    );
    for (const [i, key] of ['a', 'b', 'c'].entries()) await archive.append(entry(key, `20243000000${i + 1}`));
    expect(await publishArchiveHead(archive, [anchor], testKeys, 'test')).toMatchObject({
      publishedTo: [anchor.name],
      problems: [],
    });
    const [first] = await rowsOf(url);
    await asAdmin(url, 'DELETE FROM saksflyt_archive WHERE position >= 1');
    await asAdmin(url, 'UPDATE saksflyt_archive_head SET count = 1, hash = $1', [first?.hash]);
    expect((await archive.verify()).problems).toEqual([]);
    const { problems } = await compareWithAnchors(archive, [anchor], testKeys);
    expect(problems).toEqual([
      expect.stringMatching(
        /the head published at .* by test \(3 records, .*\) is not in the archive: the archive no longer has record 2: records were removed from the end/,
      ),
    ]);
    // And the next publication refuses to vouch for the shortened chain.
    expect(await publishArchiveHead(archive, [anchor], testKeys, 'test')).toMatchObject({
      publishedTo: [],
      problems: [expect.stringContaining('records were removed from the end')],
    });
  });

  it("adds a note to a closed case's record: chained and keyed, once per request, and a rewritten note is caught", async () => {
    const { archive, url } = await freshArchive();
    const closed = await archive.append(closedEntry('closed'));
    const note = (text: string, requestId: string) =>
      addNoteToArchivedCase(archive, {
        dufNumber: closed.dufNumber,
        payload: { text, actor: { id: 'kari.nordmann', role: 'caseworker' } },
        requestId,
      });
    const [one, two] = await Promise.all([note('first note', 'r1'), note('second note', 'r2')]);
    await note('first note', 'r1');
    if (!one?.ok || !two?.ok) throw new Error('a note was refused');
    const rows = await rowsOf(url);
    expect(rows.map((row) => row.reason)).toEqual(['case-closed', 'note-added', 'note-added']);
    const latest = await archive.latest(closed.dufNumber);
    expect(latest?.events.slice(closed.events.length).map((event) => [event.seq, event.type])).toEqual([
      [closed.state.lastEventSeq + 1, 'NoteAdded'],
      [closed.state.lastEventSeq + 2, 'NoteAdded'],
    ]);
    expect(latest?.state.lastEventSeq).toBe(closed.state.lastEventSeq + 2);
    expect((await archive.verify()).problems).toEqual([]);
    expect(
      await addNoteToArchivedCase(archive, {
        dufNumber: closed.dufNumber,
        payload: { text: ' ', actor: { id: 'kari.nordmann', role: 'caseworker' } },
      }),
    ).toMatchObject({
      ok: false,
      rejection: { error: 'ValidationError', issues: [{ path: ['text'] }] },
    });
    expect(await rowsOf(url)).toHaveLength(3);
    // An append made from a record that is no longer the case's newest is refused.
    await expect(
      archive.append({ ...closedEntry('stale'), reason: 'note-added' }, { caseLatestIndex: 0 }),
    ).rejects.toThrow(ArchiveConflictError);
    await asAdmin(
      url,
      "UPDATE saksflyt_archive SET record = replace(record, 'second note', 'other words') WHERE position = 2",
    );
    expect((await archive.verify()).problems).toEqual([
      expect.objectContaining({ index: 2, problem: expect.stringContaining('was changed') }),
    ]);
    await expect(archive.latest(closed.dufNumber)).rejects.toThrow(ArchiveRecordError);
  });

  it('takes over an archive from before the head table and the key: the first keyed record seals the old rows', async () => {
    const { archive, url } = await freshArchive();
    await asAdmin(
      url,
      `CREATE TABLE saksflyt_archive (position integer PRIMARY KEY, duf_number text NOT NULL, key text NOT NULL UNIQUE, record text NOT NULL)`,
    );
    const legacy = legacyRecords([entry('old-1'), entry('old-2', '202430000002')]);
    for (const record of legacy)
      await asAdmin(url, 'INSERT INTO saksflyt_archive VALUES ($1, $2, $3, $4)', [
        record.index,
        record.dufNumber,
        record.key,
        JSON.stringify(record),
      ]);
    expect(await archive.verify()).toMatchObject({
      problems: [],
      unkeyed: { count: 2 },
      notes: [expect.stringContaining('no head row yet')],
    });
    const keyed = await archive.append(entry('new', '202430000003'));
    expect(keyed).toMatchObject({ index: 2, keyId: testKeys.current.id, prevHash: legacy[1]?.hash });
    expect(await headRow(url)).toEqual({ count: 3, hash: keyed.hash, keyed_from: 2 });
    expect(await archive.verify()).toMatchObject({ problems: [], unkeyed: { count: 2, sealedBy: 2 } });
  });
  it("keeps closed cases' milestones beside the records, and fills them for records archived before", async () => {
    const { archive, url } = await freshArchive();
    await archive.append(entry('open-decided', '202430000001'));
    await archive.append(
      closedEntry('granted', '202430000002', {
        lodgedAt: '2026-11-02T09:30:00+01:00',
        grantedAt: '2026-11-12T09:30:00+01:00',
      }),
    );
    await archive.append(
      closedEntry('long-ago', '202430000003', {
        lodgedAt: '2025-01-02T09:30:00+01:00',
        grantedAt: '2025-02-02T09:30:00+01:00',
      }),
    );
    const since = new Date('2026-11-01T00:00:00Z');
    const granted = {
      track: 'collective',
      lodgedAt: '2026-11-02T08:30:00.000Z',
      firstDecisionAt: '2026-11-12T08:30:00.000Z',
      closedAt: '2026-11-12T08:30:00.000Z',
    };
    expect(await archive.closedCaseMilestones(since)).toEqual([granted]);
    // One row per case, the open one included (it has no closed_at).
    expect((await asAdmin(url, 'SELECT duf_number FROM saksflyt_archive_milestones')).rows).toHaveLength(3);

    // A record from before the state carried its milestones, in an archive from before the milestone table: the
    // next start fills the table from the records, folding that record's events.
    await archive.append(
      closedEntry('legacy', '202430000004', {
        lodgedAt: '2026-11-03T09:30:00+01:00',
        grantedAt: '2026-11-10T09:30:00+01:00',
        beforeMilestones: true,
      }),
    );
    await asAdmin(url, 'DROP TABLE saksflyt_archive_milestones');
    const upgraded = new PostgresCaseArchive(url, testKeys);
    opened.push(upgraded);
    expect(await upgraded.closedCaseMilestones(since)).toEqual([
      {
        track: 'collective',
        lodgedAt: '2026-11-03T08:30:00.000Z',
        firstDecisionAt: '2026-11-10T08:30:00.000Z',
        closedAt: '2026-11-10T08:30:00.000Z',
      },
      granted,
    ]);
  });
});
