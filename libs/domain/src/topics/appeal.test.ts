import { effectNames, interviewed, Scenario } from '../__fixtures__/scenario';
import { anApplication } from '../__fixtures__/applications';

// Rules 1–3 of the second release: service starts the appeal period (fvl. § 29), posting in time is in time
// (fvl. § 30), a late appeal may be excused (fvl. § 31), and suspensive effect is decided, not assumed (fvl. § 42).

const rejected = (scenario = new Scenario()) =>
  interviewed(scenario).at('2026-12-11T12:00:00+01:00').send('decide', {
    outcome: 'rejected',
    grounds: 'internal protection in Lviv',
    internalProtectionOblast: 'Lviv',
  });

const served = (scenario = rejected()) =>
  scenario.at('2026-12-14T10:00:00+01:00').send('recordDecisionServed', {
    servedAt: '2026-12-14T10:00:00+01:00',
    via: 'lawyer',
  });

describe('service starts the appeal period (fvl. § 29)', () => {
  it('runs no appeal deadline from the decision, and lists the decision as not yet served', () => {
    const scenario = rejected();
    expect(scenario.deadline('appeal')).toBeUndefined();
    expect(scenario.then()).toEqual([
      expect.objectContaining({
        type: 'DecisionMade',
        data: expect.not.objectContaining({ appealDueAt: expect.anything() }),
      }),
    ]);
    expect(scenario.state.appealable).toEqual({
      against: 'rejection',
      decidedAt: '2026-12-11T11:00:00.000Z',
    });
    expect(scenario.state.workItems).toEqual(['decision-not-served']);
    expect(effectNames(scenario.effects())).toEqual(['assign-lawyer', 'notify:application-rejected']);
  });

  it('counts three weeks from service, moved to the next working day, and tells the applicant the deadline', () => {
    const scenario = served();
    expect(scenario.then()).toEqual([
      {
        type: 'DecisionServed',
        data: {
          against: 'rejection',
          servedAt: '2026-12-14T10:00:00+01:00',
          via: 'lawyer',
          // 14 December + 3 weeks = Monday 4 January 2027, a working day; midnight at the end of that day in Oslo.
          appealDueAt: '2027-01-04T23:00:00.000Z',
          policyVersion: 'NO-UKR-2025-01-13',
        },
      },
    ]);
    expect(scenario.deadline('appeal')).toBe('2027-01-04T23:00:00.000Z');
    expect(scenario.state.workItems).toEqual([]);
    expect(scenario.effects()).toEqual([
      expect.objectContaining({
        template: 'decision-served',
        facts: { appealDueAt: '2027-01-04T23:00:00.000Z' },
      }),
    ]);
  });

  it('takes service once, and never dated before the decision', () => {
    expect(
      rejected().rejection('recordDecisionServed', { servedAt: '2026-12-10T10:00:00+01:00', via: 'post' }),
    ).toMatchObject({
      error: 'ValidationError',
      issues: [{ path: ['servedAt'] }],
    });
    expect(
      served().rejection('recordDecisionServed', { servedAt: '2026-12-15T10:00:00+01:00', via: 'post' })
        .error,
    ).toBe('InvalidTransition');
  });

  it('welcomes an appeal before service; a later service then starts no period', () => {
    const scenario = rejected().send('lodgeAppeal', {
      lodgedAt: '2026-12-12T09:00:00+01:00',
      requestsSuspensiveEffect: false,
    });
    expect(scenario.state.status).toBe('appeal-reconsideration');
    scenario.send('recordDecisionServed', { servedAt: '2026-12-13T09:00:00+01:00', via: 'police' });
    expect(scenario.deadline('appeal')).toBeUndefined();
    expect(scenario.effects()).toEqual([]);
  });
});

describe('posting in time is in time (fvl. § 30)', () => {
  const finalAndLeaving = () => served().expire('appeal');

  it('makes the decision final when no appeal was posted in time: the departure deadline starts', () => {
    const scenario = finalAndLeaving();
    expect(scenario.then()).toEqual([
      {
        type: 'AppealDeadlinePassed',
        data: {
          against: 'rejection',
          dueAt: '2027-01-04T23:00:00.000Z',
          departureDueAt: expect.any(String),
          policyVersion: 'NO-UKR-2025-01-13',
        },
      },
    ]);
    expect(scenario.state).toMatchObject({ status: 'departure-pending', decisionFinal: true });
  });

  it('takes an appeal posted before the deadline but registered after it: back to reconsideration, the departure deadline withdrawn', () => {
    const scenario = finalAndLeaving().at('2027-01-07T10:00:00+01:00');
    scenario.send('lodgeAppeal', { lodgedAt: '2027-01-04T16:00:00+01:00', requestsSuspensiveEffect: true });
    expect(scenario.then()).toEqual([
      {
        type: 'AppealLodged',
        data: {
          against: 'rejection',
          lodgedAt: '2027-01-04T16:00:00+01:00',
          requestsSuspensiveEffect: true,
          postedBeforeDeadline: '2027-01-04T23:00:00.000Z',
        },
      },
    ]);
    expect(scenario.state).toMatchObject({
      status: 'appeal-reconsideration',
      decisionFinal: false,
      deadlines: [],
    });
    expect(scenario.state.appeal).toMatchObject({ registeredAt: '2027-01-07T09:00:00.000Z' });
    // The police were never told: nothing to stop.
    expect(scenario.effects()).toEqual([]);
  });

  it('tells the police to stop when an appeal posted in time reaches a case already in enforcement', () => {
    const scenario = finalAndLeaving().expire('departure');
    expect(scenario.state).toMatchObject({ status: 'enforcement', policeEnforcing: true });
    expect(effectNames(scenario.effects())).toEqual(['notify-police:departure-deadline-passed']);
    scenario.send('lodgeAppeal', { lodgedAt: '2027-01-04T12:00:00+01:00', requestsSuspensiveEffect: true });
    expect(scenario.then()[0]?.data).toMatchObject({ stopsEnforcement: true });
    expect(effectNames(scenario.effects())).toEqual(['notify-police:enforcement-stopped']);
    expect(scenario.state).toMatchObject({
      status: 'appeal-reconsideration',
      policeEnforcing: false,
      deadlines: [],
    });
  });

  it('refuses an appeal posted after the deadline, saying UDI may still consider it', () => {
    const rejection = finalAndLeaving().rejection('lodgeAppeal', {
      lodgedAt: '2027-01-05T09:00:00+01:00',
      requestsSuspensiveEffect: true,
    });
    expect(rejection.error).toBe('InvalidTransition');
    expect(rejection.message).toMatch(/ran out at 2027-01-04T23:00:00.000Z.*lateAppealExcused/);
  });

  it('keeps the first release’s cases to their rules, but takes their appeals posted in time too', () => {
    const scenario = rejected(new Scenario(anApplication(), undefined, 1));
    // The first release counted the period from the decision: 11 December + 3 weeks = 1 January (a holiday) → 4 January.
    expect(scenario.deadline('appeal')).toBe('2027-01-04T23:00:00.000Z');
    scenario.expire('appeal').at('2027-01-06T10:00:00+01:00');
    expect(scenario.state.status).toBe('departure-pending');
    scenario.send('lodgeAppeal', { lodgedAt: '2027-01-03T10:00:00+01:00', requestsSuspensiveEffect: true });
    expect(scenario.state).toMatchObject({ status: 'appeal-reconsideration', deadlines: [] });
  });
});

describe('a late appeal UDI decides to consider (fvl. § 31)', () => {
  it('is taken with its grounds, and withdraws the departure deadline', () => {
    const scenario = served().expire('appeal').at('2027-02-01T10:00:00+01:00');
    scenario.send('lodgeAppeal', {
      lodgedAt: '2027-01-30T10:00:00+01:00',
      requestsSuspensiveEffect: true,
      lateAppealExcused: { grounds: 'in hospital when the deadline ran out' },
    });
    expect(scenario.then()[0]?.data).toMatchObject({
      lateAppealExcused: { grounds: 'in hospital when the deadline ran out' },
    });
    expect(scenario.state).toMatchObject({ status: 'appeal-reconsideration', deadlines: [] });
  });

  it('is never considered more than a year after the decision', () => {
    // 11 December 2026 + 1 year is a Saturday: the limit moves to Monday 13 December 2027 (dl. § 149), then ends.
    const scenario = served().expire('appeal').expire('departure').at('2027-12-13T20:00:00+01:00');
    const inTime = { lodgedAt: '2027-12-13T09:00:00+01:00', requestsSuspensiveEffect: true } as const;
    expect(
      scenario.attempt('lodgeAppeal', { ...inTime, lateAppealExcused: { grounds: 'new evidence' } }).ok,
    ).toBe(true);
    const late = served().expire('appeal').expire('departure').at('2027-12-14T10:00:00+01:00');
    const rejection = late.rejection('lodgeAppeal', {
      lodgedAt: '2027-12-14T09:00:00+01:00',
      requestsSuspensiveEffect: true,
      lateAppealExcused: { grounds: 'new evidence' },
    });
    expect(rejection.message).toMatch(/more than a year after the decision/);
  });
});

describe('suspensive effect is decided, not assumed (fvl. § 42, utl. § 90)', () => {
  const appealed = (requestsSuspensiveEffect = true) =>
    served().send('lodgeAppeal', { lodgedAt: '2026-12-20T10:00:00+01:00', requestsSuspensiveEffect });

  it('enforces nothing while a request waits, and lists it', () => {
    const scenario = appealed();
    expect(scenario.state.deadlines).toEqual([]);
    expect(scenario.state.workItems).toEqual(['suspensive-effect-waiting']);
    expect(scenario.state.allowedCommands).toContain('decideSuspensiveEffect');
  });

  it('granted, the applicant stays until UNE decides; UNE rejecting then starts the departure deadline', () => {
    const scenario = appealed()
      .send('decideSuspensiveEffect', { granted: true, grounds: 'the norm for a rejection' })
      .send('reconsiderAppeal', { reversed: false, grounds: 'the rejection stands' });
    expect(scenario.then()).toEqual([expect.objectContaining({ type: 'AppealReconsidered' })]);
    expect(scenario.state).toMatchObject({ status: 'at-une', deadlines: [], workItems: [] });
    scenario.send('recordUneDecision', { outcome: 'rejected', decidedAt: scenario.now });
    expect(scenario.state.status).toBe('departure-pending');
    expect(scenario.deadline('departure')).toBeDefined();
  });

  it('refused, the departure deadline runs during the appeal, and the police are told when it passes', () => {
    const scenario = appealed()
      .send('reconsiderAppeal', { reversed: false, grounds: 'the rejection stands' })
      .send('decideSuspensiveEffect', { granted: false, grounds: 'manifestly unfounded' });
    expect(scenario.then()).toEqual([
      {
        type: 'SuspensiveEffectDecided',
        data: {
          granted: false,
          grounds: 'manifestly unfounded',
          departureDueAt: expect.any(String),
          policyVersion: 'NO-UKR-2025-01-13',
        },
      },
    ]);
    expect(effectNames(scenario.effects())).toEqual(['notify:suspensive-effect-decided']);
    scenario.expire('departure');
    // UNE still holds the appeal; the police are told all the same.
    expect(scenario.state).toMatchObject({ status: 'at-une', policeEnforcing: true });
    expect(effectNames(scenario.effects())).toEqual(['notify-police:departure-deadline-passed']);
    // UNE grants the appeal: the police are told to stop.
    scenario.send('recordUneDecision', { outcome: 'granted', decidedAt: scenario.now });
    expect(scenario.state.status).toBe('protection-granted');
    expect(effectNames(scenario.effects())).toEqual([
      'notify:une-decided',
      'notify-police:enforcement-stopped',
    ]);
  });

  it('refused, and UNE rejects after the departure deadline ran out: the case is in enforcement', () => {
    const scenario = appealed()
      .send('decideSuspensiveEffect', { granted: false, grounds: 'manifestly unfounded' })
      .expire('departure')
      .send('reconsiderAppeal', { reversed: false, grounds: 'the rejection stands' })
      .send('recordUneDecision', { outcome: 'rejected', decidedAt: '2027-02-01T10:00:00+01:00' });
    expect(scenario.state).toMatchObject({ status: 'enforcement', policeEnforcing: true, deadlines: [] });
    expect(scenario.state.allowedCommands).toContain('reportDeparture');
  });

  it('is decided only for an appeal that asked for it, and once', () => {
    expect(appealed(false).state.allowedCommands).not.toContain('decideSuspensiveEffect');
    const decided = appealed().send('decideSuspensiveEffect', { granted: true, grounds: 'the norm' });
    expect(decided.rejection('decideSuspensiveEffect', { granted: false, grounds: 'again' }).error).toBe(
      'InvalidTransition',
    );
  });
});
