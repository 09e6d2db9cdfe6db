import { fold } from './evolve';
import { Scenario } from './__fixtures__/scenario';

describe('evolve', () => {
  it('opens a lodged case on the undetermined track with the passport still with the applicant', () => {
    const { state } = new Scenario();
    expect(state).toMatchObject({
      dufNumber: '202412345678',
      status: 'lodged',
      track: 'undetermined',
      homeOblast: 'Kharkiv',
      interviewPriority: true,
      passport: { kind: 'none', custody: 'applicant' },
      closed: false,
      lastEventSeq: 1,
      allowedCommands: expect.arrayContaining(['registerWithPolice', 'withdraw', 'reportLeftNorway']),
    });
  });

  it('has no case before the first event', () => {
    expect(fold([])).toBeNull();
  });

  it('reproduces the state from the events alone', () => {
    const scenario = new Scenario().send('registerWithPolice', {
      registeredAt: '2026-11-03T10:00:00+01:00',
      policeDistrict: 'Øst',
      passport: { kind: 'international', surrendered: true },
      eurodacHit: null,
    });
    expect(fold(scenario.events)).toEqual(scenario.state);
  });
});
