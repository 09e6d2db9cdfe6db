import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fold, type Actor } from '@saksflyt/domain';
import { ArchiveRecordError, type ArchiveRecord } from './archive';
import { addNoteToArchivedCase, CaseNotClosedError } from './closed-case-note';
import { FileCaseArchive } from './file-archive';
import { differencesFromRecord } from './record-comparison';
import {
  chainFile,
  closedEntry,
  entry,
  readChain,
  testKeys,
  writeChain,
} from './__fixtures__/archive-fixtures';

const KARI: Actor = { id: 'kari.nordmann', role: 'caseworker' };
const DUF = '202430000001';
const AT = new Date('2026-03-02T10:15:00.000Z');

const note = (text: unknown, requestId?: string) => ({
  dufNumber: DUF,
  payload: { text, actor: KARI },
  now: AT,
  ...(requestId ? { requestId } : {}),
});

const problemsOf = async (archive: FileCaseArchive) =>
  (await archive.verify()).problems.map((problem) => `${problem.index}: ${problem.problem}`);

describe('a note on a closed case, in the file archive', () => {
  let archive: FileCaseArchive;
  let closed: ArchiveRecord;
  beforeEach(async () => {
    archive = new FileCaseArchive(mkdtempSync(path.join(os.tmpdir(), 'saksflyt-note-')), testKeys);
    closed = await archive.append(closedEntry(`case-${DUF}:case-closed:3`));
  });
  const lines = () => readFileSync(chainFile(archive.directory), 'utf8').split('\n').filter(Boolean);

  it('joins the case as a new keyed record: every event so far, NoteAdded numbered next, its state, the histories', async () => {
    const outcome = await addNoteToArchivedCase(archive, note('  Called the applicant about the move.  '));
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    const { record } = outcome;
    const seq = closed.state.lastEventSeq + 1;
    expect(outcome.events).toEqual([
      {
        seq,
        type: 'NoteAdded',
        at: AT.toISOString(),
        actor: KARI,
        data: { text: 'Called the applicant about the move.' },
      },
    ]);
    expect(record).toMatchObject({
      index: 1,
      reason: 'note-added',
      dufNumber: DUF,
      prevHash: closed.hash,
      keyId: testKeys.current.id,
      runs: closed.runs,
    });
    expect(record.events).toEqual([...closed.events, ...outcome.events]);
    expect(record.state).toMatchObject({ lastEventSeq: seq, closed: true, status: closed.state.status });
    // What `saksflyt audit verify` checks of every case: folding its events gives its state.
    expect(differencesFromRecord(record.state, fold(record.events))).toEqual([]);
    expect(await archive.latest(DUF)).toEqual(record);
    expect(await problemsOf(archive)).toEqual([]);
  });

  it('numbers a second note after the first', async () => {
    await addNoteToArchivedCase(archive, note('first'));
    const second = await addNoteToArchivedCase(archive, note('second'));
    if (!second.ok) throw new Error(second.rejection.message);
    expect(
      second.record.events.filter((event) => event.type === 'NoteAdded').map((event) => event.seq),
    ).toEqual([closed.state.lastEventSeq + 1, closed.state.lastEventSeq + 2]);
  });

  it('adds a retried request (same request id) once', async () => {
    const first = await addNoteToArchivedCase(archive, note('once only', 'request-1'));
    const again = await addNoteToArchivedCase(archive, note('once only', 'request-1'));
    expect(lines()).toHaveLength(2);
    if (!first.ok || !again.ok) throw new Error('refused');
    expect(again.record.hash).toBe(first.record.hash);
    expect(again.events).toEqual(first.events);
  });

  it('gives two notes sent at once their own seqs: the one that finds the case appended to decides again', async () => {
    const outcomes = await Promise.all([
      addNoteToArchivedCase(archive, note('one')),
      addNoteToArchivedCase(archive, note('two')),
    ]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const latest = await archive.latest(DUF);
    const notes = latest?.events.filter((event) => event.type === 'NoteAdded') ?? [];
    expect(notes.map((event) => event.seq)).toEqual([
      closed.state.lastEventSeq + 1,
      closed.state.lastEventSeq + 2,
    ]);
    expect(notes.map((event) => (event.data as { text: string }).text).sort()).toEqual(['one', 'two']);
    expect(await problemsOf(archive)).toEqual([]);
  });

  it.each([
    ['blank', '   '],
    ['oversized', 'x'.repeat(4001)],
    ['missing', undefined],
  ])('refuses a %s text with a ValidationError naming text, and appends nothing', async (_what, text) => {
    const outcome = await addNoteToArchivedCase(archive, note(text));
    expect(outcome).toMatchObject({ ok: false, rejection: { error: 'ValidationError' } });
    if (outcome.ok) return;
    expect(outcome.rejection.error === 'ValidationError' && outcome.rejection.issues[0]?.path).toEqual([
      'text',
    ]);
    expect(lines()).toHaveLength(1);
  });

  it('is not for a case the archive holds open (its workflow takes the note), nor for one it does not hold', async () => {
    await archive.append(entry('open', '202430000002'));
    await expect(addNoteToArchivedCase(archive, { ...note('x'), dufNumber: '202430000002' })).rejects.toThrow(
      CaseNotClosedError,
    );
    await expect(addNoteToArchivedCase(archive, { ...note('x'), dufNumber: '202430000009' })).rejects.toThrow(
      CaseNotClosedError,
    );
    expect(lines()).toHaveLength(2);
  });

  describe('tampering with a note', () => {
    beforeEach(async () => {
      await addNoteToArchivedCase(archive, note('The applicant asked about travel costs.'));
    });

    it('a rewritten note fails its MAC: verify names the record, and the case is not served', async () => {
      writeFileSync(
        chainFile(archive.directory),
        readFileSync(chainFile(archive.directory), 'utf8').replace('asked about travel costs', 'never asked'),
      );
      expect(await problemsOf(archive)).toEqual([
        expect.stringMatching(/^1: its content does not match its hash/),
      ]);
      await expect(archive.latest(DUF)).rejects.toThrow(ArchiveRecordError);
    });

    it('a removed note (the last record cut, head.json left) is detected', async () => {
      writeFileSync(chainFile(archive.directory), `${lines()[0]}\n`);
      expect(await problemsOf(archive)).toEqual([
        expect.stringContaining('records were removed from the end'),
      ]);
    });

    it('a removed note with head.json rewritten to match leaves a record out of the chain when a later one follows', async () => {
      await archive.append(closedEntry('another', '202430000002'));
      const records = readChain(archive.directory);
      const [first, , third] = records;
      if (!first || !third) throw new Error('three records expected');
      writeChain(archive.directory, [first, third], 0);
      expect(await problemsOf(archive)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('a record was removed or inserted'),
          expect.stringContaining('does not follow the record before it'),
        ]),
      );
    });
  });
});
