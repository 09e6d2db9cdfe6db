import { effectCarriedOut, type Effect } from '@saksflyt/domain';
import { anApplication, interviewed, Scenario } from '@saksflyt/domain/testing';
import { caseNotices } from './case-notices';

const DUF = anApplication().dufNumber;

const rejected = (scenario = new Scenario()) =>
  interviewed(scenario).send('decide', { outcome: 'rejected', grounds: 'no risk on return' });

function noticeOf(effects: Effect[]): Effect {
  const notice = effects.find((effect) => effect.kind === 'notify-applicant');
  if (!notice) throw new Error('expected a notice');
  return notice;
}

describe('the notices of a case as the API shows them', () => {
  it('shows a notice recorded with its messages as it went out, labelled recorded', () => {
    const scenario = rejected();
    const sms = {
      channel: 'sms' as const,
      to: '+4791234567',
      language: 'uk' as const,
      text: 'exactly what went out',
      sentAt: scenario.now,
    };
    const done = effectCarriedOut(scenario, noticeOf(scenario.effects()), scenario.state.lastEventSeq, {
      channel: 'sms',
      deliveredAt: scenario.now,
      messages: [sms],
    });
    if (!done) throw new Error('expected the delivery');
    scenario.recordOutcome(done);
    expect(caseNotices(DUF, scenario.events).at(-1)).toMatchObject({
      template: 'application-rejected',
      delivery: 'delivered',
      textSource: 'recorded',
      messages: [sms],
    });
  });

  it('composes again, labelled re-rendered, a notice delivered before the record kept its text', () => {
    const scenario = rejected();
    const done = effectCarriedOut(scenario, noticeOf(scenario.effects()), scenario.state.lastEventSeq, {
      channel: 'outbox:reception-centre',
      deliveredAt: scenario.now,
    });
    if (!done) throw new Error('expected the delivery');
    scenario.recordOutcome(done);
    const [message, ...others] = caseNotices(DUF, scenario.events).at(-1)?.messages ?? [];
    expect(caseNotices(DUF, scenario.events).at(-1)).toMatchObject({
      delivery: 'delivered',
      textSource: 're-rendered',
    });
    expect(others).toEqual([]);
    expect(message).toMatchObject({ channel: 'reception-centre', to: 'Råde mottak', language: 'uk' });
    expect(message?.text).toContain('Вашу заяву про захист відхилено');
    expect(message?.text).toContain(DUF);
    expect(message).not.toHaveProperty('sentAt');
  });

  it('composes the notices of a first-release case, whose record kept no deliveries, and says so', () => {
    const notices = caseNotices(DUF, rejected(new Scenario(anApplication(), undefined, 1)).events);
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) {
      expect(notice).toMatchObject({ delivery: 'not-recorded', textSource: 're-rendered' });
      expect(notice.messages.length).toBeGreaterThan(0);
    }
  });
});
