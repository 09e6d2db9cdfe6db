import { fold } from './evolve';
import { interviewed, registered, Scenario } from './__fixtures__/scenario';

describe('evolve', () => {
  it('opens a lodged case on the undetermined track with the passport still with the applicant', () => {
    const { state } = new Scenario();
    expect(state).toMatchObject({
      dufNumber: '202412345678',
      status: 'lodged',
      track: 'undetermined',
      homeOblast: 'Kharkiv',
      interviewPriority: true,
      passport: { kind: 'none', custody: 'applicant' },
      closed: false,
      lastEventSeq: 1,
      allowedCommands: expect.arrayContaining(['registerWithPolice', 'withdraw', 'reportLeftNorway']),
    });
  });

  it('has no case before the first event', () => {
    expect(fold([])).toBeNull();
  });

  it('reproduces the state from the events alone', () => {
    const scenario = new Scenario().send('registerWithPolice', {
      registeredAt: '2026-11-03T10:00:00+01:00',
      policeDistrict: 'Øst',
      passport: { kind: 'international', surrendered: true },
      eurodacHit: null,
    });
    expect(fold(scenario.events)).toEqual(scenario.state);
  });
});

// What processing times count (issue 14, GET /api/stats/processing): from lodging to the first-instance decision
// and to closing, each set once by the event that did it.
describe('the processing milestones', () => {
  it('are the first-instance decision and the closing, set once by the events that did them', () => {
    const scenario = interviewed(new Scenario());
    expect(scenario.state.firstDecisionAt).toBeUndefined();
    scenario
      .at('2026-12-20T10:00:00+01:00')
      .send('decide', { outcome: 'rejected', grounds: 'no risk on return' });
    expect(scenario.state.firstDecisionAt).toBe('2026-12-20T09:00:00.000Z');
    expect(scenario.state.closedAt).toBeUndefined();
    scenario
      .at('2026-12-22T10:00:00+01:00')
      .send('recordDecisionServed', { servedAt: '2026-12-22T10:00:00+01:00', via: 'post' })
      .at('2026-12-23T10:00:00+01:00')
      .send('lodgeAppeal', { lodgedAt: '2026-12-23T10:00:00+01:00', requestsSuspensiveEffect: false })
      .at('2027-01-10T10:00:00+01:00')
      .send('reconsiderAppeal', { reversed: true, grounds: 'new information' });
    // A reversal on appeal is not the first-instance decision: the first one still dates the processing time.
    expect(scenario.state.firstDecisionAt).toBe('2026-12-20T09:00:00.000Z');
  });

  it('date collective protection as the decision and the closing at once', () => {
    const scenario = registered(new Scenario())
      .at('2026-11-05T10:00:00+01:00')
      .send('assessCollectiveProtection', { eligible: true, reason: 'Ukrainian from Kharkiv' });
    expect(scenario.state).toMatchObject({
      firstDecisionAt: '2026-11-05T09:00:00.000Z',
      closedAt: '2026-11-05T09:00:00.000Z',
    });
  });

  it('leave a withdrawn case undecided, closed when it closed', () => {
    const scenario = registered(new Scenario())
      .at('2026-11-06T10:00:00+01:00')
      .send('withdraw', { receivedAt: '2026-11-06T10:00:00+01:00', exemption: 'other-permit' });
    expect(scenario.state.firstDecisionAt).toBeUndefined();
    expect(scenario.state.closedAt).toBe('2026-11-06T09:00:00.000Z');
  });
});
