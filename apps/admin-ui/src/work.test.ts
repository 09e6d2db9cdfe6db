import { describe, expect, it } from '@jest/globals';
import { CommandPayloads } from './domain';
import {
  ageInDays,
  assignmentKind,
  byNearestDeadlineThenAge,
  handToChoices,
  holderToWarnAbout,
  NOTE_MAX_LENGTH,
  noteProblem,
} from './work';

const NOW = Date.parse('2025-06-10T12:00:00Z');

describe('a case’s age', () => {
  it('counts whole days since lodging, never below zero', () => {
    expect(ageInDays('2025-06-10T11:00:00Z', NOW)).toBe(0);
    expect(ageInDays('2025-06-09T12:00:00Z', NOW)).toBe(1);
    expect(ageInDays('2025-01-01T00:00:00Z', NOW)).toBe(160);
    expect(ageInDays('2025-06-11T00:00:00Z', NOW)).toBe(0);
  });

  it('has none without a time', () => {
    expect(ageInDays(null, NOW)).toBeNull();
    expect(ageInDays(undefined, NOW)).toBeNull();
    expect(ageInDays('not a date', NOW)).toBeNull();
  });
});

describe('the order of My cases', () => {
  const item = (dufNumber: string, nextDeadline: string | null, lodgedAt: string | null) => ({
    dufNumber,
    nextDeadline,
    lodgedAt,
    startedAt: '2025-05-01T00:00:00Z',
  });

  it('puts the nearest deadline first, cases without one last, then the oldest, then the DUF number', () => {
    const items = [
      item('000000000005', null, '2025-03-01T00:00:00Z'),
      item('000000000004', '2025-07-01T00:00:00Z', '2025-05-01T00:00:00Z'),
      item('000000000003', '2025-06-20T00:00:00Z', '2025-05-01T00:00:00Z'),
      item('000000000002', '2025-06-20T00:00:00Z', '2025-04-01T00:00:00Z'),
      item('000000000001', null, '2025-02-01T00:00:00Z'),
      item('000000000000', null, '2025-02-01T00:00:00Z'),
    ];
    expect([...items].sort(byNearestDeadlineThenAge).map((one) => one.dufNumber)).toEqual([
      '000000000002',
      '000000000003',
      '000000000004',
      '000000000000',
      '000000000001',
      '000000000005',
    ]);
  });

  it('counts age from when the workflow started where an older API sends no lodging time', () => {
    const older = { ...item('000000000002', null, null), startedAt: '2025-01-01T00:00:00Z' };
    const newer = item('000000000001', null, '2025-03-01T00:00:00Z');
    expect([newer, older].sort(byNearestDeadlineThenAge)[0]).toBe(older);
  });
});

describe('who may be handed a case', () => {
  const users = [
    { username: 'nils', role: 'caseworker' as const },
    { username: 'admin', role: 'admin' as const },
    { username: 'kari', role: 'caseworker' as const },
  ];

  it('offers the assignable accounts by name, the holder left out', () => {
    expect(handToChoices(users, 'kari').map((user) => user.username)).toEqual(['admin', 'nils']);
  });

  it('offers every assignable account for a case in a queue', () => {
    expect(handToChoices(users, null).map((user) => user.username)).toEqual(['admin', 'kari', 'nils']);
  });
});

describe('checks before sending', () => {
  it('takes a note of 1 to 4000 characters, as the domain does', () => {
    const schema = CommandPayloads.addNote;
    expect(noteProblem('Ring advokaten')).toBeNull();
    expect(noteProblem(' \n ')).toBe('empty');
    expect(noteProblem('x'.repeat(NOTE_MAX_LENGTH))).toBeNull();
    expect(noteProblem('x'.repeat(NOTE_MAX_LENGTH + 1))).toBe('tooLong');
    // The UI's limit is the domain's: the longest note it lets through is one the domain takes, one more is not.
    const actor = { id: 'kari', role: 'caseworker' };
    expect(schema.safeParse({ actor, text: 'x'.repeat(NOTE_MAX_LENGTH) }).success).toBe(true);
    expect(schema.safeParse({ actor, text: 'x'.repeat(NOTE_MAX_LENGTH + 1) }).success).toBe(false);
  });
});

describe('the warning before a command', () => {
  it('warns a caseworker about a case someone else holds, and no one else', () => {
    const kari = { role: 'caseworker' as const, username: 'kari' };
    expect(holderToWarnAbout(kari, 'nils')).toBe('nils');
    expect(holderToWarnAbout(kari, 'kari')).toBeNull();
    expect(holderToWarnAbout(kari, null)).toBeNull();
    expect(holderToWarnAbout({ role: 'admin', username: 'admin' }, 'nils')).toBeNull();
  });
});

describe('what an assignment did', () => {
  it('tells taking, handing on and returning apart', () => {
    expect(assignmentKind({ assignee: 'kari' }, 'kari')).toBe('taken');
    expect(assignmentKind({ assignee: 'nils' }, 'kari')).toBe('handed');
    expect(assignmentKind({ assignee: null }, 'kari')).toBe('returned');
  });
});
