import type { Actor } from '../actor';
import { inIndividualAssessment, registered, Scenario } from '../__fixtures__/scenario';
import { fold } from '../evolve';
import { teamFor } from './work-allocation';

// Work allocation (issue 14): who holds a case, the team queues, and internal notes.

const KARI: Actor = { id: 'kari.nordmann', role: 'caseworker' };
const OLA: Actor = { id: 'ola.hansen', role: 'caseworker' };
const ADMIN: Actor = { id: 'admin', role: 'admin' };

describe('a new case', () => {
  it('waits unassigned in the registration queue', () => {
    const { state } = new Scenario();
    expect(state).toMatchObject({ assignee: null, team: 'registration' });
  });
});

describe('taking a case', () => {
  it('records who took it, from whom, and its team', () => {
    const scenario = registered(new Scenario()).as(KARI).send('assignCase', { assignee: 'kari.nordmann' });
    expect(scenario.then()).toEqual([
      {
        type: 'CaseAssigned',
        data: { assignee: 'kari.nordmann', previousAssignee: null, team: 'registration' },
      },
    ]);
    expect(scenario.recorded[0]?.actor).toEqual(KARI);
    expect(scenario.state).toMatchObject({ assignee: 'kari.nordmann', team: 'registration' });
  });

  it('twice by the same caseworker changes nothing (a second click, a retried request)', () => {
    const scenario = new Scenario().as(KARI).send('assignCase', { assignee: 'kari.nordmann' });
    const count = scenario.events.length;
    scenario.send('assignCase', { assignee: 'kari.nordmann' });
    expect(scenario.events).toHaveLength(count);
    expect(scenario.then()).toEqual([]);
  });

  it('is refused when someone else holds it, naming who: the losing side of two racing takes', () => {
    const scenario = new Scenario().as(KARI).send('assignCase', { assignee: 'kari.nordmann' });
    const rejection = scenario.as(OLA).rejection('assignCase', { assignee: 'ola.hansen' });
    expect(rejection).toMatchObject({ error: 'InvalidTransition', heldBy: 'kari.nordmann' });
    expect(rejection.message).toContain('kari.nordmann');
    expect(scenario.state.assignee).toBe('kari.nordmann');
  });
});

describe('handing a case on', () => {
  it('by its holder, to a named caseworker: the case keeps its team', () => {
    const scenario = new Scenario()
      .as(KARI)
      .send('assignCase', { assignee: 'kari.nordmann' })
      .send('assignCase', { assignee: 'ola.hansen' });
    expect(scenario.then()).toEqual([
      {
        type: 'CaseAssigned',
        data: { assignee: 'ola.hansen', previousAssignee: 'kari.nordmann', team: 'registration' },
      },
    ]);
  });

  it('of an unassigned case, by any caseworker', () => {
    const scenario = new Scenario().as(OLA).send('assignCase', { assignee: 'kari.nordmann' });
    expect(scenario.state.assignee).toBe('kari.nordmann');
  });

  it('of a case someone else holds is refused to a caseworker', () => {
    const scenario = new Scenario().as(KARI).send('assignCase', { assignee: 'kari.nordmann' });
    expect(scenario.as(OLA).rejection('assignCase', { assignee: null })).toMatchObject({
      error: 'InvalidTransition',
      heldBy: 'kari.nordmann',
    });
  });

  it('of any case, by an admin, into another team', () => {
    const scenario = new Scenario()
      .as(KARI)
      .send('assignCase', { assignee: 'kari.nordmann' })
      .as(ADMIN)
      .send('assignCase', { assignee: 'ola.hansen', team: 'dublin-unit' });
    expect(scenario.then()).toEqual([
      {
        type: 'CaseAssigned',
        data: { assignee: 'ola.hansen', previousAssignee: 'kari.nordmann', team: 'dublin-unit' },
      },
    ]);
    expect(scenario.recorded[0]?.actor).toEqual(ADMIN);
  });
});

describe('returning a case to the queue', () => {
  it('puts it in the queue its status calls for', () => {
    const scenario = inIndividualAssessment(new Scenario())
      .as(KARI)
      .send('assignCase', { assignee: 'kari.nordmann' })
      .send('assignCase', { assignee: null });
    expect(scenario.then()).toEqual([
      {
        type: 'CaseAssigned',
        data: { assignee: null, previousAssignee: 'kari.nordmann', team: 'interviews-oslo' },
      },
    ]);
  });

  it('or in the team named', () => {
    const scenario = new Scenario()
      .as(KARI)
      .send('assignCase', { assignee: 'kari.nordmann' })
      .send('assignCase', { assignee: null, team: 'dublin-unit' });
    expect(scenario.state).toMatchObject({ assignee: null, team: 'dublin-unit' });
  });

  it('of an unassigned case already in that queue changes nothing', () => {
    const scenario = new Scenario().as(KARI);
    scenario.send('assignCase', { assignee: null });
    expect(scenario.then()).toEqual([]);
  });
});

describe('the team a case belongs to', () => {
  it('follows its status while no one holds it: a Dublin registration puts it in the Dublin unit’s queue', () => {
    const scenario = inIndividualAssessment(new Scenario());
    expect(scenario.state.team).toBe('interviews-oslo');
    scenario.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    expect(scenario.state).toMatchObject({ status: 'dublin-procedure', team: 'dublin-unit', assignee: null });
  });

  it('stays with the holder’s team whatever the status, until they return it', () => {
    const scenario = inIndividualAssessment(new Scenario())
      .as(KARI)
      .send('assignCase', { assignee: 'kari.nordmann' })
      .send('registerDublinCase', { responsibleState: 'PL', procedure: 'take-charge', eurodacHit: false });
    expect(scenario.state).toMatchObject({ team: 'interviews-oslo', assignee: 'kari.nordmann' });
    scenario.send('assignCase', { assignee: null });
    expect(scenario.state).toMatchObject({ team: 'dublin-unit', assignee: null });
  });

  it('is the interview unit of the interview’s office: Trondheim, or Oslo (online interviews too)', () => {
    const scenario = inIndividualAssessment(new Scenario()).send('inviteToInterview', {
      scheduledAt: '2026-12-10T09:00:00+01:00',
      location: 'trondheim',
      interpreterLanguage: 'uk',
    });
    expect(scenario.state.team).toBe('interviews-trondheim');
    expect(teamFor({ status: 'interview-scheduled', interview: { location: 'online' } } as never)).toBe(
      'interviews-oslo',
    );
  });

  it('is appeals once an appeal is lodged, decisions while a decision is awaited', () => {
    expect(teamFor({ status: 'awaiting-decision' } as never)).toBe('decisions');
    expect(teamFor({ status: 'appeal-reconsideration' } as never)).toBe('appeals');
    expect(teamFor({ status: 'at-une' } as never)).toBe('appeals');
  });
});

describe('bad assignments', () => {
  it('an unreadable username or team is a ValidationError naming the field, and changes nothing', () => {
    const scenario = new Scenario();
    expect(scenario.rejection('assignCase', { assignee: 'Kari Nordmann' })).toMatchObject({
      error: 'ValidationError',
      issues: [{ path: ['assignee'] }],
    });
    expect(scenario.rejection('assignCase', { assignee: null, team: 'No Such Team!' })).toMatchObject({
      error: 'ValidationError',
      issues: [{ path: ['team'] }],
    });
    expect(scenario.events).toHaveLength(1);
  });

  it('a closed case is assigned to no one', () => {
    const scenario = registered(new Scenario()).send('assessCollectiveProtection', {
      eligible: true,
      reason: 'Ukrainian from Kharkiv',
    });
    expect(scenario.state.closed).toBe(true);
    expect(scenario.rejection('assignCase', { assignee: 'kari.nordmann' })).toMatchObject({
      error: 'InvalidTransition',
    });
  });
});

describe('internal notes', () => {
  it('go on the record with their author and time, and call for no message to the applicant', () => {
    const scenario = new Scenario().at('2026-11-03T10:00:00+01:00').as(OLA).send('addNote', {
      text: '  Called the reception centre: the applicant has moved to room 12.  ',
    });
    expect(scenario.then()).toEqual([
      {
        type: 'NoteAdded',
        data: { text: 'Called the reception centre: the applicant has moved to room 12.' },
      },
    ]);
    expect(scenario.recorded[0]).toMatchObject({ actor: OLA, at: '2026-11-03T09:00:00.000Z' });
    expect(scenario.effects()).toEqual([]);
  });

  it('are taken on a closed case too', () => {
    const scenario = registered(new Scenario()).send('assessCollectiveProtection', {
      eligible: true,
      reason: 'Ukrainian from Kharkiv',
    });
    expect(scenario.state.allowedCommands).toEqual(['addNote']);
    scenario.send('addNote', { text: 'Archived after the permit was collected.' });
    expect(scenario.then()).toEqual([
      { type: 'NoteAdded', data: { text: 'Archived after the permit was collected.' } },
    ]);
    expect(fold(scenario.events)).toEqual(scenario.state);
  });

  it('empty or over 4,000 characters is a ValidationError naming the text, and changes nothing', () => {
    const scenario = new Scenario();
    for (const text of ['', '   ', 'x'.repeat(4001)]) {
      expect(scenario.rejection('addNote', { text })).toMatchObject({
        error: 'ValidationError',
        issues: [{ path: ['text'] }],
      });
    }
    expect(scenario.events).toHaveLength(1);
  });
});
