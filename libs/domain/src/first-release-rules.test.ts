import { deadlineHistory } from './case-record';
import { effectsOf } from './effects-of';
import { fold } from './evolve';
import { anApplication } from './__fixtures__/applications';
import { inIndividualAssessment, interviewed, registered, Scenario } from './__fixtures__/scenario';
import type { ApplicationLodged } from './application-lodged';
import type { PolicyVersion } from './policy';

// The cases started under the first release keep its rules where the law allows (docs/versioning.md): these are
// its rules, pinned, so that a change for rules version 2 cannot change them by accident.
class FirstReleaseScenario extends Scenario {
  constructor(application?: ApplicationLodged, policy?: readonly PolicyVersion[]) {
    super(application, policy, 1);
  }
}
import type { Effect } from './effects';
import { POLICY_PROFILES } from './policy';

const lastEffects = (scenario: Scenario): Effect[] => {
  const event = scenario.events.at(-1);
  if (!event) throw new Error('no events');
  return effectsOf(event, scenario.state);
};
const kinds = (effects: Effect[]) =>
  effects.map((effect) => (effect.kind === 'notify-applicant' ? `notify:${effect.template}` : effect.kind));

const rejectedCase = () =>
  interviewed(new FirstReleaseScenario()).at('2026-12-04T12:00:00+01:00').send('decide', {
    outcome: 'rejected',
    grounds: 'internal protection available',
    internalProtectionOblast: 'Lviv',
  });

describe('collective or individual assessment', () => {
  it('grants collective protection and closes the case, returning the passport', () => {
    const scenario = registered(new FirstReleaseScenario()).send('assessCollectiveProtection', {
      eligible: true,
      reason: 'from Kharkiv',
    });
    expect(scenario.state).toMatchObject({
      status: 'collective-protection-granted',
      track: 'collective',
      closed: true,
    });
    expect(scenario.state.passport.custody).toBe('returned');
    expect(kinds(lastEffects(scenario))).toEqual(['notify:collective-protection-granted']);
  });

  it('moves to individual assessment and tells the applicant, asking for the passport when the police lack it', () => {
    const scenario = registered(new FirstReleaseScenario(), {
      kind: 'international',
      surrendered: false,
    }).send('assessCollectiveProtection', { eligible: false, reason: 'stayed in Poland' });
    expect(scenario.state).toMatchObject({ status: 'individual-assessment', track: 'individual' });
    expect(lastEffects(scenario)).toEqual([
      expect.objectContaining({ template: 'assessed-individually', facts: { mustHandInPassport: true } }),
    ]);
  });

  it('recommends individual assessment for a home oblast on the exclusion list in force on the lodging date', () => {
    const lviv = (lodgedAt: string) =>
      new FirstReleaseScenario(
        anApplication({ lodgedAt, applicant: { ...anApplication().applicant, homeOblast: 'Poltava' } }),
      ).state.collectiveScreening;
    expect(lviv('2024-10-01T10:00:00+02:00')).toMatchObject({
      recommendation: 'collective',
      policyVersion: 'NO-UKR-2024-09-28',
    });
    expect(lviv('2025-01-13T10:00:00+01:00')).toEqual({
      recommendation: 'individual',
      reasons: ['home-oblast-excluded'],
      policyVersion: 'NO-UKR-2025-01-13',
    });
  });

  it('recommends individual assessment after stays in other safe countries, and records whether the caseworker followed it', () => {
    const scenario = new FirstReleaseScenario(anApplication({ staysInSafeCountries: ['PL'] }));
    expect(scenario.state.collectiveScreening.reasons).toEqual(['stayed-in-safe-country']);
    registered(scenario).send('assessCollectiveProtection', { eligible: true, reason: 'transit only' });
    expect(scenario.events.at(-1)).toMatchObject({ data: { followedScreening: false } });
  });
});

describe('interview', () => {
  it('invites through the reception centre when the applicant lives there', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario()).send('inviteToInterview', {
      scheduledAt: '2026-12-10T09:00:00+01:00',
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    expect(lastEffects(scenario)).toEqual([
      expect.objectContaining({
        template: 'interview-invitation',
        recipient: { channel: 'reception-centre', centreName: 'Råde mottak' },
        facts: expect.objectContaining({
          interviewAt: '2026-12-10T09:00:00+01:00',
          interviewLocation: 'oslo',
        }),
      }),
    ]);
  });

  it('invites by SMS and e-mail at a private address', () => {
    const application = anApplication();
    const scenario = inIndividualAssessment(
      new FirstReleaseScenario({
        ...application,
        applicant: {
          ...application.applicant,
          residence: { kind: 'private', address: 'Storgata 1, 0155 Oslo' },
          contact: { phone: '+4791234567', email: 'olena@example.org' },
        },
      }),
    ).send('inviteToInterview', {
      scheduledAt: '2026-12-10T09:00:00+01:00',
      location: 'trondheim',
      interpreterLanguage: 'uk',
    });
    expect(lastEffects(scenario)[0]).toMatchObject({
      recipient: {
        channel: 'private',
        address: 'Storgata 1, 0155 Oslo',
        phone: '+4791234567',
        email: 'olena@example.org',
      },
    });
  });

  it('reminds the applicant three days before the interview', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario()).send('inviteToInterview', {
      scheduledAt: '2026-12-10T09:00:00+01:00',
      location: 'online',
      interpreterLanguage: 'uk',
    });
    expect(scenario.deadline('interview-reminder')).toBe('2026-12-07T08:00:00.000Z');
    scenario.expire('interview-reminder');
    expect(scenario.state.interview?.reminderSent).toBe(true);
    expect(kinds(lastEffects(scenario))).toEqual(['notify:interview-reminder']);
  });

  it('reschedules an interview and moves the reminder with it', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario())
      .send('inviteToInterview', {
        scheduledAt: '2026-12-10T09:00:00+01:00',
        location: 'oslo',
        interpreterLanguage: 'uk',
      })
      .send('inviteToInterview', {
        scheduledAt: '2026-12-17T09:00:00+01:00',
        location: 'oslo',
        interpreterLanguage: 'uk',
      });
    expect(scenario.deadline('interview-reminder')).toBe('2026-12-14T08:00:00.000Z');
    expect(scenario.events.at(-1)).toMatchObject({ data: { rescheduled: true } });
  });

  it('sends a case whose applicant did not attend back to be invited again', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario())
      .send('inviteToInterview', {
        scheduledAt: '2026-12-10T09:00:00+01:00',
        location: 'oslo',
        interpreterLanguage: 'uk',
      })
      .send('recordInterview', { outcome: 'no-show', heldAt: '2026-12-10T09:00:00+01:00' });
    expect(scenario.state.status).toBe('individual-assessment');
  });

  it('refuses an interview time in the past', () => {
    const rejection = inIndividualAssessment(new FirstReleaseScenario()).rejection('inviteToInterview', {
      scheduledAt: '2020-01-01T09:00:00+01:00',
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    expect(rejection).toMatchObject({ error: 'ValidationError', issues: [{ path: ['scheduledAt'] }] });
  });
});

describe('decision', () => {
  it('grants protection after the interview and closes the case', () => {
    const scenario = interviewed(new FirstReleaseScenario()).send('decide', {
      outcome: 'granted-refugee',
      grounds: '§ 28 (a)',
    });
    expect(scenario.state).toMatchObject({ status: 'protection-granted', closed: true, deadlines: [] });
    expect(scenario.state.decision?.policyVersion).toBe('NO-UKR-2025-01-13');
  });

  it('assigns a lawyer on a rejection and sets the appeal deadline', () => {
    const scenario = rejectedCase();
    expect(scenario.state.status).toBe('rejected');
    expect(kinds(lastEffects(scenario))).toEqual(['assign-lawyer', 'notify:application-rejected']);
  });

  it('ends the appeal deadline of a decision notified on 2026-12-04 on 2026-12-28 (Christmas moves it)', () => {
    // 2026-12-25 is a Friday and Christmas Day; 26th and 27th are a weekend; the deadline ends Monday 28th.
    expect(rejectedCase().deadline('appeal')).toBe('2026-12-28T23:00:00.000Z');
  });

  it('refuses internal protection in an oblast the policy of the decision date does not hold safe', () => {
    const rejection = interviewed(new FirstReleaseScenario()).rejection('decide', {
      outcome: 'rejected',
      grounds: 'internal protection',
      internalProtectionOblast: 'Kharkiv',
    });
    expect(rejection).toMatchObject({
      error: 'ValidationError',
      issues: [
        { path: ['internalProtectionOblast'], message: expect.stringContaining('Volyn, Lviv, Zakarpattia') },
      ],
    });
  });
});

describe('appeal', () => {
  it('lets UDI reverse its rejection on appeal, granting protection', () => {
    const scenario = rejectedCase()
      .at('2026-12-20T10:00:00+01:00')
      .send('lodgeAppeal', { lodgedAt: '2026-12-20T10:00:00+01:00', requestsSuspensiveEffect: true })
      .send('reconsiderAppeal', { reversed: true, grounds: 'new documents' });
    expect(scenario.state).toMatchObject({ status: 'protection-granted', closed: true });
    expect(kinds(lastEffects(scenario))).toEqual(['notify:appeal-reversed']);
  });

  it('hands an upheld rejection to UNE, whose rejection starts the departure deadline; past it, the police enforce', () => {
    const scenario = rejectedCase()
      .send('lodgeAppeal', { lodgedAt: '2026-12-20T10:00:00+01:00', requestsSuspensiveEffect: true })
      .send('reconsiderAppeal', { reversed: false, grounds: 'no new information' });
    expect(scenario.state.status).toBe('at-une');
    expect(kinds(lastEffects(scenario))).toEqual(['hand-case-to-une', 'notify:appeal-sent-to-une']);
    scenario
      .at('2027-03-01T10:00:00+01:00')
      .send('recordUneDecision', { outcome: 'rejected', decidedAt: '2027-03-01T10:00:00+01:00' });
    expect(scenario.state.status).toBe('departure-pending');
    expect(scenario.deadline('departure')).toBe('2027-03-22T23:00:00.000Z');
    scenario.expire('departure');
    expect(scenario.state.status).toBe('enforcement');
    expect(lastEffects(scenario)).toEqual([
      expect.objectContaining({ kind: 'notify-police', reason: 'departure-deadline-passed' }),
    ]);
  });

  it('makes the rejection final when no appeal comes within three weeks, and starts the departure deadline', () => {
    const scenario = rejectedCase().expire('appeal');
    expect(scenario.state).toMatchObject({ status: 'departure-pending', decisionFinal: true });
    expect(scenario.deadline('departure')).toBeDefined();
  });

  it('refuses an appeal lodged after the deadline', () => {
    const scenario = rejectedCase();
    const rejection = scenario.rejection('lodgeAppeal', {
      lodgedAt: '2027-01-05T10:00:00+01:00',
      requestsSuspensiveEffect: false,
    });
    expect(rejection.error).toBe('InvalidTransition');
  });
});

describe('Dublin', () => {
  const dublin = (
    scenario: Scenario,
    procedure: 'take-charge' | 'take-back' = 'take-charge',
    eurodacHit = false,
  ) =>
    inIndividualAssessment(scenario).send('registerDublinCase', {
      responsibleState: 'PL',
      procedure,
      eurodacHit,
    });

  it('sends the request, tells the applicant, and waits two months for a take-charge reply', () => {
    const scenario = dublin(new FirstReleaseScenario());
    expect(scenario.state).toMatchObject({ status: 'dublin-procedure', track: 'dublin' });
    expect(kinds(lastEffects(scenario))).toEqual(['send-dublin-request', 'notify:dublin-case-registered']);
    // Two months end on Saturday 2027-01-02; the limit moves to Monday.
    expect(scenario.deadline('dublin-reply')).toBe('2027-01-04T23:00:00.000Z');
  });

  it('waits one month for a take-back reply, two weeks on a Eurodac hit', () => {
    expect(dublin(new FirstReleaseScenario(), 'take-back').deadline('dublin-reply')).toBe(
      '2026-12-02T23:00:00.000Z',
    );
    expect(dublin(new FirstReleaseScenario(), 'take-back', true).deadline('dublin-reply')).toBe(
      '2026-11-16T23:00:00.000Z',
    );
  });

  it('takes silence to a take-charge request as acceptance, a transfer decision with lawyer and appeal deadline', () => {
    const scenario = dublin(new FirstReleaseScenario()).expire('dublin-reply');
    expect(scenario.state.dublin?.reply).toMatchObject({ accepted: true, implicit: true });
    expect(scenario.deadline('appeal')).toBeDefined();
    expect(scenario.deadline('dublin-transfer')).toBeDefined();
    expect(kinds(lastEffects(scenario))).toEqual(['notify:dublin-transfer-decided', 'assign-lawyer']);
  });

  it('lets Norway take the case when the other state refuses', () => {
    const scenario = dublin(new FirstReleaseScenario()).send('recordDublinReply', {
      accepted: false,
      repliedAt: '2026-11-20T10:00:00+01:00',
    });
    expect(scenario.state).toMatchObject({
      status: 'individual-assessment',
      track: 'individual',
      deadlines: [],
    });
  });

  it('passes responsibility to Norway when the transfer deadline of six months lapses', () => {
    const scenario = dublin(new FirstReleaseScenario()).send('recordDublinReply', {
      accepted: true,
      repliedAt: '2026-11-20T10:00:00+01:00',
    });
    expect(scenario.deadline('dublin-transfer')).toBe('2027-05-20T22:00:00.000Z');
    scenario.expire('appeal').expire('dublin-transfer');
    expect(scenario.state).toMatchObject({ status: 'individual-assessment', track: 'individual' });
  });

  it('extends the transfer deadline to 18 months when the applicant absconds', () => {
    const scenario = dublin(new FirstReleaseScenario())
      .send('recordDublinReply', { accepted: true, repliedAt: '2026-11-20T10:00:00+01:00' })
      .send('extendDublinTransferDeadline', { reason: 'absconding' });
    expect(scenario.deadline('dublin-transfer')).toBe('2028-05-22T22:00:00.000Z');
  });

  it('extends the transfer deadline to 12 months after imprisonment', () => {
    const scenario = dublin(new FirstReleaseScenario())
      .send('recordDublinReply', { accepted: true, repliedAt: '2026-11-20T10:00:00+01:00' })
      .send('extendDublinTransferDeadline', { reason: 'imprisonment' });
    expect(scenario.deadline('dublin-transfer')).toBe('2027-11-22T23:00:00.000Z');
  });

  it('refers an unaccompanied minor only with family in the responsible state or a case processed there', () => {
    const application = anApplication({
      applicant: { ...anApplication().applicant, dateOfBirth: '2010-01-01', unaccompaniedMinor: true },
    });
    const alone = inIndividualAssessment(new FirstReleaseScenario(application));
    expect(
      alone.rejection('registerDublinCase', {
        responsibleState: 'PL',
        procedure: 'take-charge',
        eurodacHit: false,
      }),
    ).toMatchObject({
      error: 'InvalidTransition',
      message: expect.stringContaining('unaccompanied minor'),
    });
    alone.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
      familyInResponsibleState: true,
    });
    expect(alone.state.status).toBe('dublin-procedure');
  });

  it('tells the police the transfer is due once the transfer decision is final, and closes on the transfer', () => {
    const scenario = dublin(new FirstReleaseScenario())
      .send('recordDublinReply', { accepted: true, repliedAt: '2026-11-20T10:00:00+01:00' })
      .expire('appeal');
    expect(lastEffects(scenario)).toEqual([
      expect.objectContaining({
        kind: 'notify-police',
        reason: 'dublin-transfer-due',
        responsibleState: 'PL',
      }),
    ]);
    scenario.send('recordDublinTransfer', { transferredAt: '2026-12-20T10:00:00+01:00' });
    expect(scenario.state).toMatchObject({ status: 'transferred', closed: true });
  });

  it('keeps the transfer possible while UNE considers an appeal against it', () => {
    const scenario = dublin(new FirstReleaseScenario())
      .at('2026-11-20T10:00:00+01:00')
      .send('recordDublinReply', { accepted: true, repliedAt: '2026-11-20T10:00:00+01:00' })
      .send('lodgeAppeal', { lodgedAt: '2026-11-25T10:00:00+01:00', requestsSuspensiveEffect: false })
      .send('reconsiderAppeal', { reversed: false, grounds: 'Poland is responsible' });
    expect(scenario.state.status).toBe('at-une');
    expect(scenario.state.allowedCommands).toContain('recordDublinTransfer');
    scenario.send('recordDublinTransfer', { transferredAt: '2026-12-01T10:00:00+01:00' });
    expect(scenario.state.status).toBe('transferred');
  });
});

describe('withdrawal, leaving Norway and departure', () => {
  it('closes a withdrawn case when the applicant holds another permit', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario()).send('withdraw', {
      receivedAt: '2026-11-10T10:00:00+01:00',
      exemption: 'other-permit',
    });
    expect(scenario.state).toMatchObject({ status: 'withdrawn', closed: true });
  });

  it('gives a departure deadline after a withdrawal without exemption, and closes when the departure is reported', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario()).send('withdraw', {
      receivedAt: '2026-11-10T10:00:00+01:00',
    });
    expect(scenario.state.status).toBe('departure-pending');
    expect(scenario.deadline('departure')).toBe('2026-12-01T23:00:00.000Z');
    expect(lastEffects(scenario)[0]).toMatchObject({ facts: { withDutyToLeave: true } });
    scenario.send('reportDeparture', { departedAt: '2026-11-20T10:00:00+01:00', destination: 'UA' });
    expect(scenario.state).toMatchObject({ status: 'departed', closed: true });
  });

  it('refuses a withdrawal after UDI has decided', () => {
    expect(rejectedCase().rejection('withdraw', { receivedAt: '2026-12-05T10:00:00+01:00' }).error).toBe(
      'InvalidTransition',
    );
  });

  it('dismisses the case when the applicant leaves Norway before a decision', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario()).send('reportLeftNorway', {
      detectedAt: '2026-11-15T10:00:00+01:00',
    });
    expect(scenario.state).toMatchObject({ status: 'dismissed', closed: true });
  });
});

describe('temporary work permit', () => {
  const apply = (scenario: Scenario) =>
    scenario.send('applyForWorkPermit', { appliedAt: scenario.now }).state.workPermit;

  it('is granted after the interview with a valid passport and no answer yet', () => {
    expect(apply(interviewed(new FirstReleaseScenario()))).toMatchObject({
      status: 'granted',
      eligible: true,
      reasons: [],
    });
  });

  it('is refused before the asylum interview', () => {
    expect(apply(inIndividualAssessment(new FirstReleaseScenario()))).toMatchObject({
      status: 'refused',
      refusedFor: ['interview-not-held'],
    });
  });

  it('is refused with only an internal passport', () => {
    const scenario = registered(new FirstReleaseScenario(), { kind: 'internal', surrendered: true })
      .send('assessCollectiveProtection', { eligible: false, reason: 'excluded oblast' })
      .send('inviteToInterview', {
        scheduledAt: '2026-12-10T09:00:00+01:00',
        location: 'oslo',
        interpreterLanguage: 'uk',
      })
      .send('recordInterview', { outcome: 'held', heldAt: '2026-12-10T09:00:00+01:00' });
    expect(apply(scenario).refusedFor).toEqual(['internal-passport-only']);
  });

  it('is refused without a valid passport (expired)', () => {
    const scenario = registered(new FirstReleaseScenario(), {
      kind: 'international',
      expiresOn: '2026-01-01',
      surrendered: true,
    })
      .send('assessCollectiveProtection', { eligible: false, reason: 'excluded oblast' })
      .send('inviteToInterview', {
        scheduledAt: '2026-12-10T09:00:00+01:00',
        location: 'oslo',
        interpreterLanguage: 'uk',
      })
      .send('recordInterview', { outcome: 'held', heldAt: '2026-12-10T09:00:00+01:00' });
    expect(apply(scenario).refusedFor).toEqual(['no-valid-passport']);
  });

  it('is refused in a Dublin case', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario()).send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    expect(apply(scenario).refusedFor).toEqual(['interview-not-held', 'dublin-case']);
  });

  it('is refused after a rejection', () => {
    expect(apply(rejectedCase()).refusedFor).toEqual(['rejected']);
  });
});

describe('passport and documents', () => {
  it('keeps the passport with the police from registration until the case ends', () => {
    const scenario = interviewed(new FirstReleaseScenario());
    expect(scenario.state.passport.custody).toBe('police');
    scenario.send('decide', { outcome: 'rejected', grounds: 'no risk' });
    expect(scenario.state.passport.custody).toBe('police');
    scenario.expire('appeal').send('reportDeparture', { departedAt: '2027-01-10T10:00:00+01:00' });
    expect(scenario.state.passport.custody).toBe('returned');
  });

  it('takes the passport into police custody when the original is handed in later', () => {
    const scenario = registered(new FirstReleaseScenario(), {
      kind: 'international',
      surrendered: false,
    }).send('recordDocument', {
      kind: 'original',
      receivedBy: 'police',
      description: 'passport FX123456',
      isPassport: true,
    });
    expect(scenario.state.passport.custody).toBe('police');
  });

  it('refuses an original document recorded as received by UDI: originals go to the police', () => {
    expect(
      new FirstReleaseScenario().rejection('recordDocument', {
        kind: 'original',
        receivedBy: 'udi',
        description: 'birth certificate',
      }),
    ).toMatchObject({ error: 'ValidationError', issues: [{ path: ['receivedBy'] }] });
  });

  it('keeps the contact information the applicant updates, and reaches them there', () => {
    const scenario = new FirstReleaseScenario().send('updateContactInfo', {
      residence: { kind: 'private', address: 'Kirkegata 5, 7011 Trondheim' },
      contact: { email: 'olena@example.org' },
    });
    expect(scenario.state.application.applicant.residence).toEqual({
      kind: 'private',
      address: 'Kirkegata 5, 7011 Trondheim',
    });
  });
});

describe('bad commands', () => {
  it('refuses a command the state does not allow with InvalidTransition naming the allowed ones, and the case runs on', () => {
    const scenario = new FirstReleaseScenario();
    const before = scenario.state;
    const rejection = scenario.rejection('decide', { outcome: 'granted-refugee', grounds: 'x' });
    expect(rejection).toMatchObject({
      error: 'InvalidTransition',
      allowedCommands: expect.arrayContaining(['registerWithPolice']),
    });
    expect(scenario.state).toBe(before);
    registered(scenario);
    expect(scenario.state.status).toBe('awaiting-collective-assessment');
  });

  it('refuses a malformed payload with ValidationError naming the fields', () => {
    const rejection = new FirstReleaseScenario().rejection('registerWithPolice', {
      registeredAt: 'soon',
      policeDistrict: '',
    });
    expect(rejection.error).toBe('ValidationError');
    if (rejection.error === 'ValidationError') {
      expect(rejection.issues.map((issue) => issue.path[0])).toEqual(
        expect.arrayContaining(['registeredAt', 'policeDistrict', 'passport']),
      );
    }
  });

  it('refuses fields the command does not have', () => {
    expect(
      new FirstReleaseScenario().rejection('reportLeftNorway', {
        detectedAt: '2026-11-15T10:00:00Z',
        status: 'closed',
      }).error,
    ).toBe('ValidationError');
  });

  it('ignores a timer for a deadline the case no longer has', () => {
    const scenario = inIndividualAssessment(new FirstReleaseScenario()).send('inviteToInterview', {
      scheduledAt: '2026-12-10T09:00:00+01:00',
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    const stale = scenario.deadline('interview-reminder') ?? '';
    scenario.send('inviteToInterview', {
      scheduledAt: '2026-12-17T09:00:00+01:00',
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    const count = scenario.events.length;
    expect(fold(scenario.events)).toEqual(scenario.state);
    expect(stale).not.toBe(scenario.deadline('interview-reminder'));
    expect(scenario.events).toHaveLength(count);
  });
});

describe('policy profiles', () => {
  it('runs the same rules on a scaled clock under the accelerated profile: three weeks to appeal are 21 seconds', () => {
    const scenario = interviewed(new FirstReleaseScenario(anApplication(), POLICY_PROFILES.accelerated)).send(
      'decide',
      {
        outcome: 'rejected',
        grounds: 'no risk on return',
      },
    );
    expect(Date.parse(scenario.deadline('appeal') ?? '') - Date.parse(scenario.now)).toBe(21_000);
    expect(scenario.state.decision?.policyVersion).toBe('accelerated/NO-UKR-2025-01-13');
  });
});

describe('the deadline record auditors read', () => {
  it('tells which deadlines were met, which ran out, and which still run', () => {
    const scenario = rejectedCase()
      .send('lodgeAppeal', { lodgedAt: '2026-12-20T10:00:00+01:00', requestsSuspensiveEffect: true })
      .send('reconsiderAppeal', { reversed: false, grounds: 'upheld' })
      .send('recordUneDecision', { outcome: 'rejected', decidedAt: '2027-03-01T10:00:00+01:00' })
      .expire('departure');
    expect(
      deadlineHistory(scenario.events).map(({ kind, outcome, endedBy }) => ({ kind, outcome, endedBy })),
    ).toEqual([
      // The scenario records the interview without letting the reminder's timer fire first.
      { kind: 'interview-reminder', outcome: 'met', endedBy: 'InterviewRecorded' },
      { kind: 'appeal', outcome: 'met', endedBy: 'AppealLodged' },
      { kind: 'departure', outcome: 'ran-out', endedBy: 'DepartureDeadlinePassed' },
    ]);
  });
});
