import { effectNames, inIndividualAssessment, Scenario } from '../__fixtures__/scenario';

// Rule 4 of the second release: Dublin limits count every calendar day (Art. 42), a request only within the
// request period (Art. 21(1), 23(2)), a transfer decision sets a departure deadline (the seed), and the applicant may
// travel to the responsible state on their own.

const takeCharge = { responsibleState: 'PL', procedure: 'take-charge', eurodacHit: false } as const;

const requested = (at: string) =>
  inIndividualAssessment(new Scenario()).at(at).send('registerDublinCase', takeCharge);

const accepted = () =>
  requested('2026-12-06T10:00:00+01:00')
    .at('2026-12-20T10:00:00+01:00')
    .send('recordDublinReply', { accepted: true, repliedAt: '2026-12-20T10:00:00+01:00' });

describe('Dublin time limits count every calendar day (Art. 42)', () => {
  it('ends a reply limit on a Saturday, never moved to the next working day', () => {
    // 6 December + 2 months = Saturday 6 February 2027.
    expect(requested('2026-12-06T10:00:00+01:00').then()).toEqual([
      {
        type: 'DublinCaseRegistered',
        data: {
          ...takeCharge,
          replyDueAt: '2027-02-06T23:00:00.000Z',
          policyVersion: 'NO-UKR-2025-01-13',
        },
      },
    ]);
  });

  it('ends a month limit on the last day of a month that lacks the date (Art. 42(b))', () => {
    expect(requested('2026-12-31T10:00:00+01:00').deadline('dublin-reply')).toBe('2027-02-28T23:00:00.000Z');
  });

  it('counts the transfer period from acceptance in calendar months', () => {
    expect(accepted().deadline('dublin-transfer')).toBe('2027-06-20T22:00:00.000Z');
  });
});

describe('a Dublin request only within the request period (Art. 21(1), 23(2))', () => {
  it('shows the request period in the deadline list from the start of individual assessment', () => {
    const scenario = inIndividualAssessment(new Scenario());
    // Lodged 2 November 2026 + 3 months.
    expect(scenario.deadline('dublin-request')).toBe('2027-02-02T23:00:00.000Z');
    expect(scenario.state.dublinRequestDueAt).toBe('2027-02-02T23:00:00.000Z');
  });

  it('records that Norway is responsible when the period runs out with no request', () => {
    const scenario = inIndividualAssessment(new Scenario()).expire('dublin-request');
    expect(scenario.then()).toEqual([
      { type: 'DublinRequestPeriodEnded', data: { dueAt: '2027-02-02T23:00:00.000Z' } },
    ]);
    expect(scenario.state.deadlines).toEqual([]);
  });

  it('refuses a request after the period: Norway is responsible', () => {
    const rejection = inIndividualAssessment(new Scenario())
      .at('2027-02-03T10:00:00+01:00')
      .rejection('registerDublinCase', takeCharge);
    expect(rejection).toMatchObject({ error: 'InvalidTransition' });
    expect(rejection.message).toMatch(/Norway is responsible \(Dublin III Art. 21\(1\), 23\(2\)\)/);
  });

  it('allows a request within two months of a Eurodac hit that came later', () => {
    const scenario = inIndividualAssessment(new Scenario()).at('2027-03-01T10:00:00+01:00');
    scenario.send('registerDublinCase', {
      responsibleState: 'SE',
      procedure: 'take-back',
      eurodacHit: true,
      eurodacHitAt: '2027-02-20T10:00:00+01:00',
    });
    expect(scenario.state.status).toBe('dublin-procedure');
    expect(scenario.rejection('registerDublinCase', { ...takeCharge, eurodacHit: true }).error).toBe(
      'InvalidTransition',
    );
  });

  it('asks when a Eurodac hit came if the police registration recorded none', () => {
    expect(
      inIndividualAssessment(new Scenario()).rejection('registerDublinCase', {
        ...takeCharge,
        eurodacHit: true,
      }),
    ).toMatchObject({ error: 'ValidationError', issues: [{ path: ['eurodacHitAt'] }] });
  });

  it('registers a Dublin case later in the case, after an invitation, and stops the interview reminder', () => {
    const scenario = inIndividualAssessment(new Scenario()).send('inviteToInterview', {
      scheduledAt: '2026-12-10T09:00:00+01:00',
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    expect(scenario.deadline('interview-reminder')).toBeDefined();
    scenario.at('2026-11-20T10:00:00+01:00').send('registerDublinCase', takeCharge);
    expect(scenario.state.status).toBe('dublin-procedure');
    expect(scenario.deadline('interview-reminder')).toBeUndefined();
    expect(scenario.deadline('dublin-request')).toBeUndefined();
  });

  it('asks another state after one refused, while the period allows', () => {
    const scenario = requested('2026-12-06T10:00:00+01:00').send('recordDublinReply', {
      accepted: false,
      repliedAt: '2026-12-06T10:00:00+01:00',
    });
    expect(scenario.state).toMatchObject({ status: 'individual-assessment', track: 'individual' });
    expect(scenario.deadline('dublin-request')).toBe('2027-02-02T23:00:00.000Z');
    scenario.send('registerDublinCase', { ...takeCharge, responsibleState: 'DE' });
    expect(scenario.state.dublin).toMatchObject({ responsibleState: 'DE', norwayResponsible: false });
  });
});

describe('the transfer decision', () => {
  it('is appealable from service, and once final sets a departure deadline and tells the police the transfer is due', () => {
    const scenario = accepted();
    expect(scenario.deadline('appeal')).toBeUndefined();
    expect(scenario.state.workItems).toEqual(['decision-not-served']);
    expect(effectNames(scenario.effects())).toEqual(['notify:dublin-transfer-decided', 'assign-lawyer']);
    scenario.send('recordDecisionServed', { servedAt: scenario.now, via: 'police' }).expire('appeal');
    expect(scenario.then()[0]).toMatchObject({
      type: 'AppealDeadlinePassed',
      data: { against: 'dublin-transfer', departureDueAt: expect.any(String) },
    });
    expect(scenario.state).toMatchObject({
      status: 'dublin-procedure',
      decisionFinal: true,
      policeEnforcing: true,
    });
    expect(effectNames(scenario.effects())).toEqual(['notify-police:dublin-transfer-due']);
    scenario.expire('departure');
    expect(scenario.state.status).toBe('enforcement');
    expect(scenario.effects()).toEqual([
      expect.objectContaining({ reason: 'departure-deadline-passed', responsibleState: 'PL' }),
    ]);
    expect(scenario.state.allowedCommands).toEqual(
      expect.arrayContaining(['recordDublinTransfer', 'reportDeparture']),
    );
  });

  it('lets the applicant travel to the responsible state on their own: transferred', () => {
    const scenario = accepted().send('reportDeparture', {
      departedAt: '2026-12-28T08:00:00+01:00',
      destination: 'PL',
    });
    expect(scenario.state).toMatchObject({ status: 'transferred', closed: true });
    expect(scenario.state.dublin?.transferredAt).toBe('2026-12-28T08:00:00+01:00');
  });

  it('holds the transfer while a request for suspensive effect waits; refused, the police are told it is due', () => {
    const scenario = accepted().send('lodgeAppeal', {
      lodgedAt: '2026-12-22T10:00:00+01:00',
      requestsSuspensiveEffect: true,
    });
    // The transfer period runs on (refusal is the norm), but nothing is enforced while the request waits.
    expect(scenario.deadline('dublin-transfer')).toBe('2027-06-20T22:00:00.000Z');
    expect(scenario.state.allowedCommands).not.toContain('recordDublinTransfer');
    scenario.send('decideSuspensiveEffect', { granted: false, grounds: 'the norm on the Dublin track' });
    expect(effectNames(scenario.effects())).toEqual([
      'notify:suspensive-effect-decided',
      'notify-police:dublin-transfer-due',
    ]);
    expect(scenario.state.allowedCommands).toContain('recordDublinTransfer');
  });

  it('granted suspensive effect: the six months count from the final appeal decision (Art. 27(3), 29(1))', () => {
    const scenario = accepted()
      .send('lodgeAppeal', { lodgedAt: '2026-12-22T10:00:00+01:00', requestsSuspensiveEffect: true })
      .send('decideSuspensiveEffect', { granted: true, grounds: 'family ties to weigh' })
      .send('reconsiderAppeal', { reversed: false, grounds: 'the transfer decision stands' });
    expect(scenario.deadline('dublin-transfer')).toBeUndefined();
    scenario.at('2027-03-10T10:00:00+01:00').send('recordUneDecision', {
      outcome: 'rejected',
      decidedAt: '2027-03-10T10:00:00+01:00',
    });
    expect(scenario.deadline('dublin-transfer')).toBe('2027-09-10T22:00:00.000Z');
  });

  it('lets the transfer go ahead during an appeal that asked for no suspensive effect', () => {
    const scenario = accepted().send('lodgeAppeal', {
      lodgedAt: '2026-12-22T10:00:00+01:00',
      requestsSuspensiveEffect: false,
    });
    expect(scenario.then()[0]?.data).toMatchObject({
      transferGoesAhead: true,
      departureDueAt: expect.any(String),
    });
    expect(effectNames(scenario.effects())).toEqual(['notify-police:dublin-transfer-due']);
    expect(scenario.state.allowedCommands).toContain('recordDublinTransfer');
  });

  it('extends the transfer period for absconding while UNE holds the appeal', () => {
    const scenario = accepted()
      .send('lodgeAppeal', { lodgedAt: '2026-12-22T10:00:00+01:00', requestsSuspensiveEffect: false })
      .send('reconsiderAppeal', { reversed: false, grounds: 'stands' })
      .send('extendDublinTransferDeadline', { reason: 'absconding' });
    expect(scenario.state.status).toBe('at-une');
    expect(scenario.deadline('dublin-transfer')).toBe('2028-06-20T22:00:00.000Z');
  });
});
