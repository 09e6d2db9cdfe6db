import { CaseListQuery, visibilityQuery } from './case-list.query';

const TYPE = "WorkflowType = 'protectionCase'";

describe('the case list filters as a visibility query', () => {
  it('filters on one work item of the WorkItems keyword list', () => {
    const query = CaseListQuery.parse({ workItem: 'decision-not-served' });
    expect(visibilityQuery(query)).toBe(`${TYPE} AND WorkItems = 'decision-not-served'`);
  });

  it('refuses a work item the domain does not have, and anything that is not one', () => {
    for (const workItem of ['sleeping', "decision-not-served' OR 1=1", '', 'DECISION-NOT-SERVED']) {
      expect(CaseListQuery.safeParse({ workItem }).success).toBe(false);
    }
  });

  it('asks for Dublin requests due before an instant on individual cases before the decision on the merits', () => {
    const query = CaseListQuery.parse({ dublinRequestDueBefore: '2025-03-01T00:00:00+01:00' });
    expect(visibilityQuery(query)).toBe(
      `${TYPE} AND CaseTrack = 'individual' AND CaseStatus IN ('individual-assessment', 'interview-scheduled', ` +
        `'awaiting-decision') AND NextDeadline < '2025-02-28T23:00:00.000Z'`,
    );
    expect(CaseListQuery.safeParse({ dublinRequestDueBefore: 'soon' }).success).toBe(false);
  });

  it('combines filters with AND', () => {
    const query = CaseListQuery.parse({ workItem: 'document-to-forward', status: 'at-une' });
    expect(visibilityQuery(query)).toBe(
      `${TYPE} AND CaseStatus = 'at-une' AND WorkItems = 'document-to-forward'`,
    );
  });
});
