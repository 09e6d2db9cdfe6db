import { SYSTEM_ACTOR } from './actor';
import type { CaseEvent } from './case-events';
import { fold } from './evolve';
import { anApplication } from './__fixtures__/applications';

describe('evolve', () => {
  const lodged: CaseEvent = {
    seq: 1,
    type: 'ApplicationLodged',
    at: '2026-11-02T09:30:00+01:00',
    actor: SYSTEM_ACTOR,
    data: anApplication(),
  };

  it('opens a lodged case on the undetermined track with the passport still with the applicant', () => {
    expect(fold([lodged])).toMatchObject({
      dufNumber: '202412345678',
      status: 'lodged',
      track: 'undetermined',
      homeOblast: 'Kharkiv',
      interviewPriority: true,
      passport: { kind: 'none', custody: 'applicant' },
      closed: false,
      lastEventSeq: 1,
    });
  });

  it('has no case before the first event', () => {
    expect(fold([])).toBeNull();
  });
});
