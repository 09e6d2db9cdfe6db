import { randomUUID } from 'node:crypto';
import { type CaseEvent, type CaseState, decide, evolve, type Rejection } from '@saksflyt/domain';
import { ArchiveConflictError, type ArchiveRecord, type CaseArchive } from './archive';

/** A note on a case whose workflow still runs goes to the workflow (the `addNote` Update), not to the archive. */
export class CaseNotClosedError extends Error {
  constructor(readonly dufNumber: string) {
    super(`case ${dufNumber} is not closed in the archive: its workflow takes the note`);
    this.name = 'CaseNotClosedError';
  }
}

export interface ClosedCaseNote {
  dufNumber: string;
  /** The `addNote` payload as a command carries it: `{ text, actor }`; the domain's `decide` parses it. */
  payload: unknown;
  /**
   * The request's id (the API's `Idempotency-Key`, the update id an open case would get): a retried request with the
   * same id finds its note archived and adds none. Without one, every call is a new note.
   */
  requestId?: string;
  /** The note's time: the archive has no workflow clock, so the machine's. */
  now?: Date;
}

export type ClosedCaseNoteOutcome =
  | { ok: true; record: ArchiveRecord; state: CaseState; events: CaseEvent[] }
  | { ok: false; rejection: Rejection };

/** Two notes appended at once on one case: the loser reads the winner's record and decides again. */
const ATTEMPTS = 5;

/** The key of a note's archive record: the case and the request, so that a retried request appends nothing. */
export const noteKey = (workflowId: string, requestId: string) => `${workflowId}:note-added:${requestId}`;

/**
 * Adds a note to a closed case, whose workflow has completed: the same pure `decide` as the workflow's, on the state of
 * the case's newest archive record, and on success a new record for the case holding every event so far, the
 * `NoteAdded` event (numbered after the last) and the state it leads to. It is keyed and chained like every record,
 * so a note rewritten or removed afterwards is detected (`saksflyt audit verify`). The new record is a whole snapshot
 * (it carries the histories of the record before it too), so every reader of a case's newest record (`CaseSource`,
 * replay, exports) reads the note without knowing of notes.
 *
 * The case must be archived closed first (`CaseSource.addNoteToClosedCase` sees to that while Temporal still holds
 * it). A rejection (a blank or oversized text: ValidationError naming `text`) appends nothing.
 */
export async function addNoteToArchivedCase(
  archive: CaseArchive,
  note: ClosedCaseNote,
): Promise<ClosedCaseNoteOutcome> {
  const requestId = note.requestId ?? randomUUID();
  for (let attempt = 1; ; attempt++) {
    const latest = await archive.latest(note.dufNumber);
    if (!latest?.state.closed) throw new CaseNotClosedError(note.dufNumber);
    const decision = decide(
      latest.state,
      { type: 'addNote', payload: note.payload },
      { now: (note.now ?? new Date()).toISOString() },
    );
    if (!decision.ok) return decision;
    const state = decision.events.reduce<CaseState>(evolve, latest.state);
    try {
      const record = await archive.append(
        {
          reason: 'note-added',
          workflowId: latest.workflowId,
          dufNumber: note.dufNumber,
          key: noteKey(latest.workflowId, requestId),
          runs: latest.runs,
          events: [...latest.events, ...decision.events],
          state,
        },
        { caseLatestIndex: latest.index },
      );
      // A retried request gets the record its first attempt appended, whose last events are the note.
      const added = record.events.slice(record.events.length - decision.events.length);
      return { ok: true, record, state: record.state, events: added };
    } catch (error) {
      if (!(error instanceof ArchiveConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
