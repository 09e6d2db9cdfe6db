import { anApplication } from '../__fixtures__/applications';
import { inIndividualAssessment, interviewed, Scenario } from '../__fixtures__/scenario';
import { policyInForce } from '../policy';

// Rule 6 of the second release: leaving Norway dismisses a case only before the first-instance decision; after a
// decision to leave it is the duty met. Rule 11: the duty to leave applies from 22 May 2024 (brief § 2).

const rejected = (scenario = new Scenario()) =>
  interviewed(scenario)
    .at('2026-12-11T12:00:00+01:00')
    .send('decide', { outcome: 'rejected', grounds: 'no risk' });

describe('leaving Norway', () => {
  it('dismisses the case when the applicant leaves Norway before a decision (the seed)', () => {
    const scenario = inIndividualAssessment(new Scenario()).send('reportLeftNorway', {
      detectedAt: '2026-11-05T10:00:00+01:00',
    });
    expect(scenario.then()).toEqual([
      { type: 'LeftNorwayReported', data: { detectedAt: '2026-11-05T10:00:00+01:00' } },
    ]);
    expect(scenario.state).toMatchObject({ status: 'dismissed', closed: true });
    expect(scenario.effects()).toEqual([expect.objectContaining({ template: 'case-dismissed' })]);
  });

  it('records a departure, not a dismissal, when the applicant leaves after a rejection', () => {
    const scenario = rejected().send('reportLeftNorway', { detectedAt: '2026-12-20T10:00:00+01:00' });
    expect(scenario.then()).toEqual([
      { type: 'LeftNorwayReported', data: { detectedAt: '2026-12-20T10:00:00+01:00', dutyToLeaveMet: true } },
    ]);
    expect(scenario.state).toMatchObject({
      status: 'departed',
      departure: { departedAt: '2026-12-20T10:00:00+01:00' },
    });
    expect(scenario.effects()).toEqual([]);
  });

  it('tells UNE when the applicant leaves while UNE holds the case', () => {
    const scenario = rejected()
      .send('lodgeAppeal', { lodgedAt: '2026-12-12T10:00:00+01:00', requestsSuspensiveEffect: false })
      .send('reconsiderAppeal', { reversed: false, grounds: 'stands' })
      .send('reportLeftNorway', { detectedAt: '2026-12-20T10:00:00+01:00' });
    expect(scenario.state.status).toBe('departed');
    expect(scenario.effects()).toEqual([
      { kind: 'forward-to-une', subject: 'left-norway', description: expect.any(String) },
    ]);
  });

  it('keeps the first release’s rule for its cases: a rejected applicant who leaves is dismissed', () => {
    const scenario = rejected(new Scenario(anApplication(), undefined, 1)).send('reportLeftNorway', {
      detectedAt: '2026-12-20T10:00:00+01:00',
    });
    expect(scenario.state.status).toBe('dismissed');
  });
});

describe('the duty to leave (utl. § 90)', () => {
  it('applies from 22 May 2024, when UDI reinstated it (brief § 2)', () => {
    expect(policyInForce('2024-05-21').dutyToLeave).toBe(false);
    expect(policyInForce('2024-05-22').dutyToLeave).not.toBe(false);
  });

  it('sets no departure deadline for a withdrawal while the duty to leave was suspended', () => {
    const early = inIndividualAssessment(
      new Scenario(anApplication({ lodgedAt: '2024-05-01T10:00:00+02:00' })),
    );
    early.send('withdraw', { receivedAt: '2024-05-02T10:00:00+02:00' });
    expect(early.state.status).toBe('departure-pending');
    expect(early.deadline('departure')).toBeUndefined();
    const later = inIndividualAssessment(
      new Scenario(anApplication({ lodgedAt: '2024-05-23T10:00:00+02:00' })),
    );
    later.send('withdraw', { receivedAt: '2024-05-23T12:00:00+02:00' });
    expect(later.deadline('departure')).toBeDefined();
  });
});
