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

  it("asks for a team's queue: open cases no one holds, and those of disabled holders", () => {
    const query = CaseListQuery.parse({ team: 'dublin-unit', assignedTo: 'none' });
    expect(visibilityQuery(query, ['ola', 'per'])).toBe(
      `${TYPE} AND Team = 'dublin-unit' AND ExecutionStatus = 'Running' AND ` +
        `(AssignedTo IS NULL OR AssignedTo IN ('ola', 'per'))`,
    );
    expect(visibilityQuery(query)).toBe(
      `${TYPE} AND Team = 'dublin-unit' AND ExecutionStatus = 'Running' AND (AssignedTo IS NULL)`,
    );
  });

  it("asks for a person's open cases", () => {
    expect(visibilityQuery(CaseListQuery.parse({ assignedTo: 'kari.nordmann' }))).toBe(
      `${TYPE} AND ExecutionStatus = 'Running' AND AssignedTo = 'kari.nordmann'`,
    );
  });

  it('refuses an assignee or team that is not a username, me, none or a team id', () => {
    for (const assignedTo of ["kari' OR 1=1", 'Kari', '', 'k']) {
      expect(CaseListQuery.safeParse({ assignedTo }).success).toBe(false);
    }
    for (const team of ["x' OR 'a'='a", 'Dublin', '']) {
      expect(CaseListQuery.safeParse({ team }).success).toBe(false);
    }
  });
});
