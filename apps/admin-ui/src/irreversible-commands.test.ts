import { describe, expect, it } from '@jest/globals';
import {
  anApplication,
  inIndividualAssessment,
  interviewed,
  registered,
  Scenario,
} from '@saksflyt/domain/testing';
import { POLICY_PROFILES, type CommandName } from './domain';
import {
  consequencesOf,
  IRREVERSIBLE_COMMANDS,
  isIrreversible,
  policyOfCase,
  type IrreversibleCommand,
} from './irreversible-commands';

/** What the page foresees, next to what the domain then records when the command is sent at the same moment. */
function foreseenAndDone(scenario: Scenario, command: IrreversibleCommand, payload: Record<string, unknown>) {
  const foreseen = consequencesOf(command, payload, scenario.state, scenario.now);
  scenario.send(command, payload as never);
  return { foreseen, after: scenario.state };
}

const rejected = (scenario = new Scenario()) =>
  interviewed(scenario)
    .at('2026-12-11T12:00:00+01:00')
    .send('decide', { outcome: 'rejected', grounds: 'no individual risk', departureDeadlineDays: 14 });

describe('which commands ask first', () => {
  it('names withdraw, decide, the departures, UNE’s decision and service as irreversible', () => {
    for (const command of [
      'withdraw',
      'decide',
      'reportDeparture',
      'reportLeftNorway',
      'recordUneDecision',
      'recordDecisionServed',
    ] as const) {
      expect(isIrreversible(command)).toBe(true);
    }
  });

  it('leaves the routine commands, which a later command can put right, to one click', () => {
    const routine: CommandName[] = [
      'registerWithPolice',
      'inviteToInterview',
      'recordInterview',
      'recordDocument',
      'lodgeAppeal',
      'updateContactInfo',
      'applyForWorkPermit',
      'assignCase',
      'addNote',
    ];
    for (const command of routine) expect(isIrreversible(command)).toBe(false);
    expect(IRREVERSIBLE_COMMANDS.some((command) => routine.includes(command))).toBe(false);
  });
});

describe('what an irreversible command would do, foreseen with the domain’s rules', () => {
  it('gives a withdrawal without exemption a duty to leave with the policy’s departure deadline', () => {
    const { foreseen, after } = foreseenAndDone(
      inIndividualAssessment(new Scenario()).at('2026-11-03T10:00:00+01:00'),
      'withdraw',
      {
        receivedAt: '2026-11-03T10:00:00+01:00',
      },
    );
    expect(after.status).toBe('departure-pending');
    expect(foreseen).toEqual([
      { kind: 'moves-to', status: 'departure-pending' },
      // The standard policy's default (utl. § 90), and the very instant the domain then records.
      { kind: 'duty-to-leave', days: 21, dueAt: after.deadlines.find((d) => d.kind === 'departure')?.dueAt },
    ]);
  });

  it('closes a case withdrawn with an exemption, with no duty to leave', () => {
    const { foreseen } = foreseenAndDone(
      inIndividualAssessment(new Scenario()).at('2026-11-03T10:00:00+01:00'),
      'withdraw',
      {
        receivedAt: '2026-11-03T10:00:00+01:00',
        exemption: 'other-permit',
      },
    );
    expect(foreseen).toEqual([{ kind: 'closes', status: 'withdrawn' }]);
  });

  it('says a rejection may be appealed from service, and the departure days that follow without an appeal', () => {
    const scenario = interviewed(new Scenario()).at('2026-12-11T12:00:00+01:00');
    const { foreseen } = foreseenAndDone(scenario, 'decide', {
      outcome: 'rejected',
      grounds: 'no individual risk',
      departureDeadlineDays: 14,
    });
    expect(foreseen).toEqual([
      { kind: 'moves-to', status: 'rejected' },
      { kind: 'appeal-from-service' },
      { kind: 'duty-to-leave-unless-appealed', days: 14 },
    ]);
  });

  it('closes the case when protection is granted', () => {
    const scenario = interviewed(new Scenario()).at('2026-12-11T12:00:00+01:00');
    const { foreseen } = foreseenAndDone(scenario, 'decide', {
      outcome: 'granted-refugee',
      grounds: '§ 28 first paragraph (a)',
    });
    expect(foreseen).toEqual([{ kind: 'closes', status: 'protection-granted' }]);
  });

  it('gives the date the appeal period runs out when a decision is served', () => {
    const scenario = rejected().at('2026-12-14T10:00:00+01:00');
    const { foreseen } = foreseenAndDone(scenario, 'recordDecisionServed', {
      servedAt: '2026-12-14T10:00:00+01:00',
      via: 'lawyer',
    });
    // 14 December + 3 weeks = Monday 4 January 2027, to the end of that day in Oslo (fvl. § 29).
    expect(foreseen).toEqual([{ kind: 'appeal-until', dueAt: '2027-01-04T23:00:00.000Z' }]);
  });

  it('dismisses the case when the applicant leaves Norway before a decision', () => {
    const { foreseen } = foreseenAndDone(
      registered(new Scenario()).at('2026-11-03T10:00:00+01:00'),
      'reportLeftNorway',
      {
        detectedAt: '2026-11-03T10:00:00+01:00',
      },
    );
    expect(foreseen).toEqual([{ kind: 'closes', status: 'dismissed' }]);
  });

  it('closes the case as departed when a rejected applicant leaves Norway: the duty to leave is met', () => {
    const { foreseen } = foreseenAndDone(rejected().at('2026-12-20T10:00:00+01:00'), 'reportLeftNorway', {
      detectedAt: '2026-12-20T10:00:00+01:00',
    });
    expect(foreseen).toEqual([{ kind: 'closes', status: 'departed' }]);
  });

  it('says UNE’s rejection is final and starts the departure deadline with the decision’s days', () => {
    const scenario = rejected()
      .at('2026-12-14T10:00:00+01:00')
      .send('recordDecisionServed', { servedAt: '2026-12-14T10:00:00+01:00', via: 'lawyer' })
      .at('2026-12-20T10:00:00+01:00')
      .send('lodgeAppeal', { lodgedAt: '2026-12-20T10:00:00+01:00', requestsSuspensiveEffect: false })
      .send('reconsiderAppeal', { reversed: false, grounds: 'nothing new' })
      .at('2027-02-01T10:00:00+01:00');
    const { foreseen, after } = foreseenAndDone(scenario, 'recordUneDecision', {
      outcome: 'rejected',
      decidedAt: '2027-02-01T10:00:00+01:00',
    });
    expect(foreseen).toEqual([
      { kind: 'moves-to', status: 'departure-pending' },
      { kind: 'duty-to-leave', days: 14, dueAt: after.deadlines.find((d) => d.kind === 'departure')?.dueAt },
      { kind: 'final' },
    ]);
  });

  it('foresees nothing for a command the domain would refuse here: the server will say why', () => {
    const scenario = registered(new Scenario());
    expect(
      consequencesOf('decide', { outcome: 'granted-refugee', grounds: 'x' }, scenario.state, scenario.now),
    ).toEqual([]);
    expect(scenario.state.status).toBe('awaiting-collective-assessment');
  });

  it('reads the policy profile the case runs under from the version its screening recorded', () => {
    const accelerated = new Scenario(anApplication(), POLICY_PROFILES.accelerated);
    expect(policyOfCase(accelerated.state)).toBe(POLICY_PROFILES.accelerated);
    expect(policyOfCase(new Scenario().state)).toBe(POLICY_PROFILES.standard);
    expect(
      policyOfCase({
        collectiveScreening: { recommendation: 'individual', reasons: [], policyVersion: 'unknown' },
      }),
    ).toBe(POLICY_PROFILES.standard);
  });
});
