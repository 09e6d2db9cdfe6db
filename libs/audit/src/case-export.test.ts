import { type Actor } from '@saksflyt/domain';
import { registered, Scenario, anApplication } from '@saksflyt/domain/testing';
import { caseExport } from './case-export';
import { caseExportPdf } from './case-export-pdf';
import { pdfText } from './__fixtures__/pdf-text';

const KARI: Actor = { id: 'kari.nordmann', role: 'caseworker' };
const OLA: Actor = { id: 'ola.hansen', role: 'caseworker' };

/** A case taken, noted on, handed on and returned to its team's queue. */
function workedOn() {
  const scenario = registered(new Scenario(anApplication({ dufNumber: '202430000001' })))
    .as(KARI)
    .send('assignCase', { assignee: 'kari.nordmann' })
    .send('addNote', { text: 'Applicant phoned about her passport.' })
    .send('assignCase', { assignee: 'ola.hansen' })
    .as(OLA)
    .send('assignCase', { assignee: null });
  return { source: 'temporal' as const, events: scenario.events, state: scenario.state };
}

describe('the case export', () => {
  it('lists the notes (author, time, text) and who took, handed on and returned the case', () => {
    const record = workedOn();
    const exported = caseExport(record, new Date('2026-04-01T00:00:00Z'));
    const noteEvent = record.events.find((event) => event.type === 'NoteAdded');
    expect(exported.notes).toEqual([
      {
        seq: noteEvent?.seq,
        at: noteEvent?.at,
        author: 'kari.nordmann (caseworker)',
        text: 'Applicant phoned about her passport.',
      },
    ]);
    expect(
      exported.assignments.map(({ action, assignee, previousAssignee, team }) => ({
        action,
        assignee,
        previousAssignee,
        team,
      })),
    ).toEqual([
      { action: 'took', assignee: 'kari.nordmann', previousAssignee: null, team: 'registration' },
      {
        action: 'handed-on',
        assignee: 'ola.hansen',
        previousAssignee: 'kari.nordmann',
        team: 'registration',
      },
      { action: 'returned-to-queue', assignee: null, previousAssignee: 'ola.hansen', team: 'registration' },
    ]);
    expect(exported.assignments.map((assignment) => assignment.summary)).toEqual([
      'kari.nordmann took the case (team registration)',
      'kari.nordmann handed the case to ola.hansen (team registration)',
      'ola.hansen returned the case to the queue of team registration',
    ]);
    expect(exported.timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['CaseAssigned', 'NoteAdded']),
    );
  });

  it('prints them in the PDF: the notes, and every assignment among the events in words', async () => {
    const text = pdfText(await caseExportPdf(workedOn(), { language: 'en', archive: undefined }));
    expect(text).toContain('Internal notes');
    expect(text).toContain('Applicant phoned about her passport.');
    expect(text).toContain('Assignment changed');
    expect(text).toContain('ola.hansen');
    // The helper reads what is there, not anything: a text the case does not hold is not found.
    expect(text).not.toContain('Applicant phoned about his passport.');
  });
});
