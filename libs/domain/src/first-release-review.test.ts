import { anApplication } from './__fixtures__/applications';
import { interviewed, registered, Scenario } from './__fixtures__/scenario';
import { evolve } from './evolve';
import { firstReleaseReview } from './first-release-review';

const firstRelease = () => new Scenario(anApplication(), undefined, 1);
const findings = (scenario: Scenario) =>
  firstReleaseReview(scenario.events, scenario.state).map((finding) => finding.finding);
const rejected = (scenario: Scenario) =>
  interviewed(scenario).send('decide', { outcome: 'rejected', grounds: 'no risk on return' });

describe('the first release’s cases listed where the law does not allow their old rules', () => {
  it('lists a running appeal period counted from the decision rather than from service', () => {
    expect(findings(rejected(firstRelease()))).toEqual(['appeal-period-from-the-decision']);
  });

  it('lists a case whose appeal deadline ran out: an appeal posted in time may have been refused', () => {
    expect(findings(rejected(firstRelease()).expire('appeal'))).toEqual([
      'appeal-posted-in-time-may-have-been-refused',
    ]);
  });

  it('lists a rejected applicant who left Norway and was dismissed', () => {
    const scenario = rejected(firstRelease()).send('reportLeftNorway', {
      detectedAt: '2026-12-20T10:00:00+01:00',
    });
    expect(findings(scenario)).toEqual(['dismissed-after-a-decision']);
  });

  it('lists a running Dublin limit, which the first release moved to a working day', () => {
    const scenario = registered(firstRelease())
      .send('assessCollectiveProtection', { eligible: false, reason: 'excluded' })
      .send('registerDublinCase', { responsibleState: 'PL', procedure: 'take-charge', eurodacHit: false });
    expect(findings(scenario)).toEqual(['dublin-limit-moved-to-a-working-day']);
  });

  it('lists an original refused at UDI', () => {
    const scenario = registered(firstRelease());
    const refusal = {
      seq: scenario.state.lastEventSeq + 1,
      type: 'CommandRejected' as const,
      at: scenario.now,
      actor: { id: 'police', role: 'system' as const },
      data: {
        command: 'recordDocument',
        error: 'ValidationError' as const,
        message: 'originals are handed in to the police; UDI receives copies only',
      },
    };
    const events = [...scenario.events, refusal];
    expect(
      firstReleaseReview(events, evolve(scenario.state, refusal)).map((finding) => finding.finding),
    ).toEqual(['original-refused-at-udi']);
  });

  it('lists nothing for a case under the current rules', () => {
    expect(findings(rejected(new Scenario()))).toEqual([]);
  });
});
