import { CaseEvent } from './case-events';
import { effectsOf } from './effects-of';
import { EVENT_RULES } from './topics';
import { interviewed, registered, Scenario } from './__fixtures__/scenario';

// Internal notes (issue 14) are for UDI's eyes only: no event of a note may call for a side effect, least of all a
// message to the applicant.

const EVENT_TYPES = CaseEvent.options.map((option) => option.shape.type.value);

/** The event types whose topic gives them side effects, pinned: a new one must be added here on purpose. */
const TYPES_WITH_EFFECTS = Object.entries(EVENT_RULES)
  .filter(([, rule]) => 'effects' in rule && typeof rule.effects === 'function')
  .map(([type]) => type)
  .sort();

describe('the side effects of every event type', () => {
  it('are pinned: which event types call for any', () => {
    expect(TYPES_WITH_EFFECTS).toEqual([
      'AppealDeadlinePassed',
      'AppealLodged',
      'AppealReconsidered',
      'ApplicationWithdrawn',
      'CollectiveProtectionAssessed',
      'ContactInfoUpdated',
      'DecisionMade',
      'DecisionServed',
      'DepartureDeadlinePassed',
      'DepartureReported',
      'DocumentRecorded',
      'DublinCaseRegistered',
      'DublinReplyRecorded',
      'DublinTransferDeadlineLapsed',
      'InterviewReminderSent',
      'InterviewScheduled',
      'LeftNorwayReported',
      'SuspensiveEffectDecided',
      'UneDecisionRecorded',
      'WorkPermitDecided',
    ]);
    // Every event type is accounted for: ApplicationLodged is decided at the start, every other has its topic's rule.
    expect(Object.keys(EVENT_RULES).sort()).toEqual(
      EVENT_TYPES.filter((type) => type !== 'ApplicationLodged').sort(),
    );
  });

  it('never include a note or an assignment: NoteAdded and CaseAssigned have no effects rule', () => {
    expect(TYPES_WITH_EFFECTS).not.toContain('NoteAdded');
    expect(TYPES_WITH_EFFECTS).not.toContain('CaseAssigned');
  });

  it('carry no note text to anyone, on an open case or a closed one', () => {
    const secret = 'Internal: applicant seemed unsure about the dates.';
    const open = interviewed(new Scenario()).send('addNote', { text: secret });
    expect(open.effects()).toEqual([]);
    const closed = registered(new Scenario()).send('assessCollectiveProtection', {
      eligible: true,
      reason: 'home oblast on the list',
    });
    expect(closed.state.closed).toBe(true);
    closed.send('addNote', { text: secret });
    expect(closed.effects()).toEqual([]);
    // Every effect of every event of a case with notes, judged on the state it led to.
    const all = [...open.events, ...closed.events].flatMap((event) => effectsOf(event, open.state));
    expect(all.length).toBeGreaterThan(0);
    expect(JSON.stringify(all)).not.toContain('Internal: applicant');
  });
});
