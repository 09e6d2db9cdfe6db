import { anApplication } from '../__fixtures__/applications';
import { inIndividualAssessment, Scenario } from '../__fixtures__/scenario';

// Rules 5 and 7 of the second release: a refusal to examine for a safe third country (utl. § 32 first paragraph
// (a)/(d); the seed's point 1), and a decision on the information UDI has after a no-show.

const stayedInPoland = () => new Scenario(anApplication({ staysInSafeCountries: ['PL'] }));
const notExamined = (scenario = inIndividualAssessment(stayedInPoland())) =>
  scenario.send('decide', {
    outcome: 'not-examined-safe-third-country',
    grounds: 'stayed in Poland for a year before Norway; protected there',
    returnCountry: 'PL',
  });

describe('a refusal to examine for a safe third country (utl. § 32 first paragraph (a)/(d))', () => {
  it('is decided in individual assessment, without assessing the need for protection or an interview', () => {
    const scenario = notExamined();
    expect(scenario.then()).toEqual([
      {
        type: 'DecisionMade',
        data: {
          outcome: 'not-examined-safe-third-country',
          grounds: 'stayed in Poland for a year before Norway; protected there',
          returnCountry: 'PL',
          decidedAt: scenario.now,
          policyVersion: 'NO-UKR-2025-01-13',
          departureDeadlineDays: 21,
        },
      },
    ]);
    expect(scenario.state).toMatchObject({
      status: 'rejected',
      appealable: { against: 'refusal-to-examine' },
      workItems: ['decision-not-served'],
    });
  });

  it('gets no lawyer (no free legal advice for a § 32 (a)/(d) refusal, utlf. § 17-18) and tells the applicant where to return', () => {
    expect(notExamined().effects()).toEqual([
      expect.objectContaining({ template: 'application-not-examined', facts: { returnCountry: 'PL' } }),
    ]);
  });

  it('names a return country the applicant stayed in, for this outcome only', () => {
    const base = () => inIndividualAssessment(stayedInPoland());
    expect(
      base().rejection('decide', {
        outcome: 'not-examined-safe-third-country',
        grounds: 'x',
        returnCountry: 'SE',
      }),
    ).toMatchObject({ error: 'ValidationError', issues: [{ path: ['returnCountry'] }] });
    expect(
      base().rejection('decide', { outcome: 'not-examined-safe-third-country', grounds: 'x' }),
    ).toMatchObject({
      error: 'ValidationError',
      issues: [{ path: ['returnCountry'] }],
    });
  });

  it('gives no work permit, and a departure deadline once final', () => {
    const scenario = notExamined();
    expect(scenario.state.workPermit.eligible).toBe(false);
    scenario.send('recordDecisionServed', { servedAt: scenario.now, via: 'post' }).expire('appeal');
    expect(scenario.state.status).toBe('departure-pending');
    expect(scenario.deadline('departure')).toBeDefined();
  });

  it('can be appealed; UNE granting the appeal sends the application to be examined in Norway', () => {
    const scenario = notExamined()
      .send('lodgeAppeal', { lodgedAt: '2026-11-10T10:00:00+01:00', requestsSuspensiveEffect: false })
      .send('reconsiderAppeal', { reversed: false, grounds: 'Poland is safe' })
      .send('recordUneDecision', { outcome: 'granted', decidedAt: '2026-11-20T10:00:00+01:00' });
    expect(scenario.state).toMatchObject({ status: 'individual-assessment', decisionFinal: false });
    expect(scenario.state).not.toHaveProperty('decision');
    expect(scenario.state.allowedCommands).toContain('inviteToInterview');
  });
});

describe('a decision on the merits', () => {
  it('follows the interview: in individual assessment only a refusal to examine may come first', () => {
    expect(
      inIndividualAssessment(new Scenario()).rejection('decide', { outcome: 'rejected', grounds: 'no risk' }),
    ).toMatchObject({ error: 'InvalidTransition' });
  });

  it('may be made on the information UDI has after a no-show: no loop back to an invitation (rule 7)', () => {
    const scenario = inIndividualAssessment(new Scenario())
      .send('inviteToInterview', {
        scheduledAt: '2026-12-10T09:00:00+01:00',
        location: 'oslo',
        interpreterLanguage: 'uk',
      })
      .at('2026-12-10T12:00:00+01:00')
      .send('recordInterview', { outcome: 'no-show', heldAt: '2026-12-10T09:00:00+01:00' });
    expect(scenario.state.status).toBe('individual-assessment');
    expect(scenario.state.allowedCommands).toEqual(expect.arrayContaining(['inviteToInterview', 'decide']));
    scenario.send('decide', {
      outcome: 'rejected',
      grounds: 'did not attend; the file does not show a risk',
    });
    expect(scenario.state.status).toBe('rejected');
  });

  it('ends the interview-priority mark (rule 14: it means "invite first")', () => {
    const scenario = notExamined();
    expect(scenario.state.interviewPriority).toBe(false);
  });
});
