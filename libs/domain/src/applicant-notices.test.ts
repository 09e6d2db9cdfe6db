import { anApplication } from './__fixtures__/applications';
import { interviewed, Scenario } from './__fixtures__/scenario';
import { applicantNotices } from './applicant-notices';
import type { SentMessage } from './case-events';
import type { Effect } from './effects';
import { effectCarriedOut, effectFailed } from './topics/record';

const rejected = (scenario = new Scenario()) =>
  interviewed(scenario).send('decide', { outcome: 'rejected', grounds: 'no risk on return' });

function theNotice(effects: Effect[]): Effect {
  const notice = effects.find((effect) => effect.kind === 'notify-applicant');
  if (!notice) throw new Error('expected a notice among the effects');
  return notice;
}

const SMS: SentMessage = {
  channel: 'sms',
  to: '+4791234567',
  language: 'uk',
  text: 'UDI: Рішення у вашій справі',
  sentAt: '2026-12-10T17:00:00.000Z',
};

describe('the notices to the applicant, from the record', () => {
  it('lists a notice as pending until the record shows it delivered, then with its messages as sent', () => {
    const scenario = rejected();
    const decidedSeq = scenario.state.lastEventSeq;
    const notice = theNotice(scenario.effects());
    expect(applicantNotices(scenario.events).at(-1)).toMatchObject({
      causedBySeq: decidedSeq,
      effectIndex: 1,
      template: 'application-rejected',
      language: 'uk',
      delivery: 'pending',
    });

    const delivered = effectCarriedOut(scenario, notice, decidedSeq, {
      channel: 'outbox:sms',
      deliveredAt: SMS.sentAt,
      messages: [SMS],
    });
    if (!delivered) throw new Error('expected the delivery on the record');
    scenario.recordOutcome(delivered);

    const last = applicantNotices(scenario.events).at(-1);
    expect(last).toMatchObject({
      causedBySeq: decidedSeq,
      template: 'application-rejected',
      delivery: 'delivered',
      settledAt: SMS.sentAt,
      messages: [SMS],
    });
    expect(last?.effect).toEqual(notice);
  });

  it('shows a notice as failed from its EffectFailed, and another effect of the same event failing leaves it pending', () => {
    const scenario = rejected();
    const decidedSeq = scenario.state.lastEventSeq;
    const [assignLawyer] = scenario.effects();
    const notice = theNotice(scenario.effects());
    if (!assignLawyer) throw new Error('expected the lawyer to be assigned');
    scenario.recordOutcome(effectFailed(scenario, assignLawyer, decidedSeq, 'ConfigurationError: no scheme'));
    expect(applicantNotices(scenario.events).at(-1)?.delivery).toBe('pending');

    scenario.recordOutcome(effectFailed(scenario, notice, decidedSeq, 'ValidationError: no address'));
    expect(applicantNotices(scenario.events).at(-1)).toMatchObject({
      delivery: 'failed',
      error: 'ValidationError: no address',
      settledAt: scenario.now,
    });
  });

  it('lists a notice delivered before the texts were recorded as delivered, without messages', () => {
    const scenario = rejected();
    const decidedSeq = scenario.state.lastEventSeq;
    const delivered = effectCarriedOut(scenario, theNotice(scenario.effects()), decidedSeq, {
      channel: 'outbox:reception-centre',
      deliveredAt: scenario.now,
    });
    if (!delivered) throw new Error('expected the delivery on the record');
    scenario.recordOutcome(delivered);
    const last = applicantNotices(scenario.events).at(-1);
    expect(last?.delivery).toBe('delivered');
    expect(last?.messages).toBeUndefined();
  });

  it('says the delivery of a first-release case’s notice is not recorded, since that record kept only failures', () => {
    const scenario = rejected(new Scenario(anApplication(), undefined, 1));
    const notices = applicantNotices(scenario.events);
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.map((notice) => notice.delivery)).toEqual(notices.map(() => 'not-recorded'));
  });
});
