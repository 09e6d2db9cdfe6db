import { anApplication } from '../__fixtures__/applications';
import { inIndividualAssessment, Scenario } from '../__fixtures__/scenario';

// Rules 10 and 14 of the second release: the invitation to a private address (the seed: UDI calls first, then
// e-mails the invitation with the reimbursement form), and facts in order.

const atPrivateAddress = () =>
  inIndividualAssessment(
    new Scenario(
      anApplication({
        applicant: {
          ...anApplication().applicant,
          residence: { kind: 'private', address: 'Storgata 1, 0155 Oslo' },
          contact: { phone: '+4791234567', email: 'olena@example.org' },
        },
      }),
    ),
  );
const interview = {
  scheduledAt: '2026-12-10T09:00:00+01:00',
  location: 'oslo',
  interpreterLanguage: 'uk',
} as const;

describe('the invitation to an applicant at a private address', () => {
  it('needs UDI’s call first', () => {
    expect(atPrivateAddress().rejection('inviteToInterview', interview)).toMatchObject({
      error: 'ValidationError',
      issues: [{ path: ['phoneCall'] }],
    });
  });

  it('records the call, and e-mails the invitation with the travel-reimbursement form attached', () => {
    const phoneCall = { calledAt: '2026-11-02T09:30:00+01:00', reached: true, hotelNight: true };
    const scenario = atPrivateAddress().send('inviteToInterview', { ...interview, phoneCall });
    expect(scenario.then()).toEqual([
      {
        type: 'InterviewScheduled',
        data: { ...interview, phoneCall, reminderAt: expect.any(String), rescheduled: false },
      },
    ]);
    expect(scenario.effects()).toEqual([
      expect.objectContaining({
        template: 'interview-invitation',
        recipient: expect.objectContaining({ channel: 'private', email: 'olena@example.org' }),
        facts: expect.objectContaining({ attachTravelReimbursementForm: true, hotelNight: true }),
      }),
    ]);
  });

  it('lists an applicant the call did not reach for a new call, until a call reaches them', () => {
    const scenario = atPrivateAddress().send('inviteToInterview', {
      ...interview,
      phoneCall: { calledAt: '2026-11-02T09:30:00+01:00', reached: false, hotelNight: false },
    });
    expect(scenario.state.workItems).toEqual(['interview-call-not-reached']);
    scenario.at('2026-11-03T10:00:00+01:00').send('inviteToInterview', {
      ...interview,
      phoneCall: { calledAt: '2026-11-03T10:00:00+01:00', reached: true, hotelNight: false },
    });
    expect(scenario.state.workItems).toEqual([]);
  });

  it('arranges a hotel night only in a call that reached the applicant', () => {
    expect(
      atPrivateAddress().rejection('inviteToInterview', {
        ...interview,
        phoneCall: { calledAt: '2026-11-02T09:30:00+01:00', reached: false, hotelNight: true },
      }),
    ).toMatchObject({ issues: [{ path: ['phoneCall.hotelNight'] }] });
  });

  it('leaves the invitation through a reception centre as it is: no call, no form', () => {
    const scenario = inIndividualAssessment(new Scenario()).send('inviteToInterview', interview);
    expect(scenario.effects()).toEqual([
      expect.objectContaining({
        facts: expect.not.objectContaining({ attachTravelReimbursementForm: true }),
      }),
    ]);
    expect(
      inIndividualAssessment(new Scenario()).rejection('inviteToInterview', {
        ...interview,
        phoneCall: { calledAt: '2026-11-02T09:30:00+01:00', reached: true, hotelNight: false },
      }).error,
    ).toBe('ValidationError');
  });
});

describe('facts in order (rule 14)', () => {
  const invited = () =>
    inIndividualAssessment(new Scenario()).send('inviteToInterview', {
      ...interview,
      scheduledAt: '2026-12-03T09:00:00+01:00',
    });

  it('records no interview as held before the time it was scheduled for: reschedule first', () => {
    const rejection = invited().at('2026-12-04T10:00:00+01:00').rejection('recordInterview', {
      outcome: 'held',
      heldAt: '2026-11-29T10:00:00+01:00',
    });
    expect(rejection).toMatchObject({ error: 'ValidationError', issues: [{ path: ['heldAt'] }] });
    expect(rejection.message).toMatch(/rescheduled first/);
  });

  it('ends the interview-priority mark when the interview is held', () => {
    const scenario = invited();
    expect(scenario.state.interviewPriority).toBe(true);
    scenario
      .at('2026-12-03T15:00:00+01:00')
      .send('recordInterview', { outcome: 'held', heldAt: '2026-12-03T09:00:00+01:00' });
    expect(scenario.state.interviewPriority).toBe(false);
  });

  it('keeps the mark after a no-show: the applicant is still to be invited first', () => {
    const scenario = invited()
      .at('2026-12-03T15:00:00+01:00')
      .send('recordInterview', { outcome: 'no-show', heldAt: '2026-12-03T09:00:00+01:00' });
    expect(scenario.state.interviewPriority).toBe(true);
  });
});
