import type { ProjectedCase, ProjectionStatus } from '@saksflyt/audit';
import { type CaseEvent, fold } from '@saksflyt/domain';
import { anApplication, interviewed, Scenario } from '@saksflyt/domain/testing';
import { checkProjection } from './projection-check';

const DUF_NUMBER = '202431000001';

function decidedCaseEvents(): CaseEvent[] {
  return interviewed(new Scenario(anApplication({ dufNumber: DUF_NUMBER }))).send('decide', {
    outcome: 'rejected',
    grounds: 'no risk on return',
  }).events;
}

/** What jsonb does to a value: JSON, with each object's keys in another order than the writer's. */
function asJsonb<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).reverse())
      : inner,
  ) as T;
}

/** A projection in memory that holds what the test gives it. */
function projectionHolding(cases: Record<string, ProjectedCase>, waiting = 0) {
  return {
    record: async (dufNumber: string) => cases[dufNumber],
    status: async (): Promise<ProjectionStatus> => ({
      cases: Object.keys(cases).length,
      events: Object.values(cases).reduce((sum, projected) => sum + projected.events.length, 0),
      waiting,
    }),
    dufNumbers: async () => Object.keys(cases).sort(),
  };
}

const recorded = (events: CaseEvent[]) => [
  { workflowId: `case-${DUF_NUMBER}`, dufNumber: DUF_NUMBER, events },
];

describe('the chaos run’s projection check', () => {
  it('chaos-projection-matches: the workflow’s events and their fold, stored as jsonb, are no mismatch', async () => {
    const events = decidedCaseEvents();
    const state = fold(events);
    if (!state) throw new Error('a decided case has a state');
    const check = await checkProjection(
      projectionHolding({ [DUF_NUMBER]: asJsonb({ events, state }) }),
      recorded(events),
    );
    expect(check).toEqual({ projected: 1, mismatches: 0, waiting: 0, problems: [] });
  });

  it('chaos-projection-behind: a projection missing the last event, with the state it folds to, is a mismatch', async () => {
    const events = decidedCaseEvents();
    const behind = events.slice(0, -1);
    const state = fold(behind);
    if (!state) throw new Error('a decided case has a state');
    const check = await checkProjection(
      projectionHolding({ [DUF_NUMBER]: { events: behind, state } }, 1),
      recorded(events),
    );
    expect(check).toMatchObject({ projected: 1, mismatches: 1, waiting: 1 });
    expect(check.problems).toEqual([
      expect.stringContaining(`the projection has ${behind.length} events (seqs 1-${behind.length})`),
      expect.stringContaining(`is not the fold of the workflow's events (lastEventSeq ${events.length}`),
      "1 events wait in the projection past a gap in their case's seqs",
    ]);
  });

  it('chaos-projection-state: the right events with a state that is not their fold is a mismatch', async () => {
    const events = decidedCaseEvents();
    const state = fold(events.slice(0, -1));
    if (!state) throw new Error('a decided case has a state');
    const check = await checkProjection(
      projectionHolding({ [DUF_NUMBER]: { events, state } }),
      recorded(events),
    );
    expect(check.mismatches).toBe(1);
    expect(check.problems).toEqual([
      expect.stringMatching(/is not the fold .* keys that differ: .*lastEventSeq/),
    ]);
  });

  it('chaos-projection-missing: a case the projection lacks, or one the run never started, is reported', async () => {
    const events = decidedCaseEvents();
    const state = fold(events);
    if (!state) throw new Error('a decided case has a state');
    const check = await checkProjection(
      projectionHolding({ '202431999999': { events, state } }),
      recorded(events),
    );
    expect(check.mismatches).toBe(1);
    expect(check.problems).toEqual([
      `case-${DUF_NUMBER}: not in the projection (the workflow has events 1-${events.length})`,
      '202431999999: in the projection, but the run never started it',
    ]);
  });
});
