import { anApplication } from '../__fixtures__/applications';
import { interviewed, Scenario } from '../__fixtures__/scenario';
import { CASE_LIMITS } from '../case-limits';
import { CaseEvent } from '../case-events';
import { evolve } from '../evolve';
import { effectCarriedOut, effectFailed, signalRefused } from './record';

function defined<Value>(value: Value | undefined): Value {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

// Rule 12 of the second release: the record shows what was done, not only what was decided.

const rejected = (scenario = new Scenario()) =>
  interviewed(scenario).send('decide', { outcome: 'rejected', grounds: 'no risk on return' });

describe('the record of what was done', () => {
  it('records the lawyer assigned (who, when) once the lawyer scheme answered', () => {
    const scenario = rejected();
    const [assignLawyer] = scenario.effects();
    const done = effectCarriedOut(
      { state: scenario.state, now: scenario.now, events: scenario.events },
      defined(assignLawyer),
      scenario.state.lastEventSeq,
      {
        channel: 'lawyerScheme',
        deliveredAt: '2026-12-10T17:00:00.000Z',
        reference: 'Advokat Kari Berg',
      },
    );
    expect(done).toEqual({
      seq: scenario.state.lastEventSeq + 1,
      type: 'LawyerAssigned',
      at: scenario.now,
      actor: { id: 'saksflyt', role: 'system' },
      data: {
        against: 'rejection',
        lawyer: 'Advokat Kari Berg',
        causedBySeq: scenario.state.lastEventSeq,
        channel: 'lawyerScheme',
        doneAt: '2026-12-10T17:00:00.000Z',
      },
    });
    expect(evolve(scenario.state, defined(done)).lawyer).toEqual({
      assignedAt: '2026-12-10T17:00:00.000Z',
      name: 'Advokat Kari Berg',
    });
  });

  it('records each notice delivered with its channel, the hand-over to UNE and the police notified', () => {
    const scenario = rejected();
    const envelope = { state: scenario.state, now: scenario.now, events: scenario.events };
    const report = { channel: 'sms+email', deliveredAt: scenario.now };
    const notice = defined(scenario.effects()[1]);
    expect(effectCarriedOut(envelope, notice, 9, report)).toMatchObject({
      type: 'NoticeDelivered',
      data: { template: 'application-rejected', channel: 'sms+email', causedBySeq: 9 },
    });
    const handedOver = defined(effectCarriedOut(envelope, { kind: 'hand-case-to-une' }, 12, report));
    expect(handedOver.type).toBe('CaseHandedToUne');
    expect(evolve(scenario.state, handedOver).handedToUneAt).toBe(scenario.now);
    expect(
      effectCarriedOut(envelope, { kind: 'notify-police', reason: 'departure-deadline-passed' }, 14, report),
    ).toMatchObject({ type: 'PoliceNotified', data: { reason: 'departure-deadline-passed' } });
  });

  it('records the text of each message of a delivered notice, word for word, as the record’s schema reads it', () => {
    const scenario = rejected();
    const notice = defined(scenario.effects()[1]);
    const messages = [
      {
        channel: 'sms' as const,
        to: '+4791234567',
        language: 'uk' as const,
        text: 'UDI: …',
        sentAt: scenario.now,
      },
      {
        channel: 'email' as const,
        to: 'olena@example.org',
        language: 'uk' as const,
        subject: 'Рішення',
        text: 'Шановна Олено …',
        sentAt: scenario.now,
      },
    ];
    const done = effectCarriedOut(scenario, notice, 9, {
      channel: 'sms+email',
      deliveredAt: scenario.now,
      messages,
    });
    expect(done).toMatchObject({
      type: 'NoticeDelivered',
      data: { template: 'application-rejected', messages },
    });
    expect(CaseEvent.parse(done)).toEqual(done);
  });

  it('records a notice without its text once the record holds the texts of as many notices as a case keeps', () => {
    const scenario = rejected();
    const notice = defined(scenario.effects()[1]);
    const message = {
      channel: 'sms' as const,
      to: '+4791234567',
      language: 'uk' as const,
      text: 'UDI',
      sentAt: scenario.now,
    };
    const report = { channel: 'sms', deliveredAt: scenario.now, messages: [message] };
    for (let count = 0; count < CASE_LIMITS.noticeTexts - 1; count++) {
      scenario.recordOutcome(defined(effectCarriedOut(scenario, notice, 9, report)));
    }
    expect(effectCarriedOut(scenario, notice, 9, report)).toMatchObject({ data: { messages: [message] } });
    scenario.recordOutcome(defined(effectCarriedOut(scenario, notice, 9, report)));
    const beyond = effectCarriedOut(scenario, notice, 9, report);
    expect(beyond).toMatchObject({ type: 'NoticeDelivered', data: { template: 'application-rejected' } });
    expect(beyond?.data).not.toHaveProperty('messages');
  });

  it('records nothing more on the first release’s cases, whose histories replay only as they were', () => {
    const scenario = rejected(new Scenario(anApplication(), undefined, 1));
    const [assignLawyer] = scenario.effects();
    expect(
      effectCarriedOut(
        { state: scenario.state, now: scenario.now, events: scenario.events },
        defined(assignLawyer),
        9,
        {
          channel: 'lawyerScheme',
          deliveredAt: scenario.now,
        },
      ),
    ).toBeUndefined();
  });

  it('builds the refusal of a signal and a failed side effect as events of the record', () => {
    const { state, now } = new Scenario();
    expect(
      signalRefused({ state, now }, 'reportDeparture', {
        error: 'InvalidTransition',
        message: 'reportDeparture is not allowed while the case is lodged',
        allowedCommands: [],
      }),
    ).toEqual({
      seq: 2,
      type: 'CommandRejected',
      at: now,
      actor: { id: 'saksflyt', role: 'system' },
      data: {
        command: 'reportDeparture',
        error: 'InvalidTransition',
        message: 'reportDeparture is not allowed while the case is lodged',
      },
    });
    expect(
      effectFailed({ state, now }, { kind: 'hand-case-to-une' }, 1, 'ConfigurationError: no UNE endpoint'),
    ).toMatchObject({
      seq: 2,
      type: 'EffectFailed',
      data: { effect: 'hand-case-to-une', causedBySeq: 1, error: 'ConfigurationError: no UNE endpoint' },
    });
  });
});
