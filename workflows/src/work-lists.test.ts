import { encodeUnifiedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { SEARCH_ATTRIBUTES } from '@saksflyt/temporal/search-attributes';
import { byDeadlineThenAge, type RawExecution, workListRowOf } from './work-lists';

/** A listed case as visibility gives it: only its search attributes and start time. */
function listed(duf: string, deadline: string | undefined, lodged: string | undefined): RawExecution {
  return {
    execution: { workflowId: `case-${duf}` },
    startTime: { seconds: Date.parse('2025-06-01T00:00:00Z') / 1000 },
    searchAttributes: {
      indexedFields: encodeUnifiedSearchAttributes(undefined, [
        { key: SEARCH_ATTRIBUTES.DufNumber, value: duf },
        ...(deadline ? [{ key: SEARCH_ATTRIBUTES.NextDeadline, value: new Date(deadline) }] : []),
        ...(lodged ? [{ key: SEARCH_ATTRIBUTES.LodgedAt, value: new Date(lodged) }] : []),
      ]),
    },
  } as unknown as RawExecution;
}

describe("a person's work list order", () => {
  it('puts the nearest deadline first and cases without one last, the oldest application first among equals', () => {
    const cases = [
      listed('202400000001', undefined, '2025-01-01T00:00:00Z'),
      listed('202400000002', '2025-03-01T00:00:00Z', '2025-02-01T00:00:00Z'),
      listed('202400000003', '2025-02-01T00:00:00Z', '2025-02-01T00:00:00Z'),
      listed('202400000004', '2025-03-01T00:00:00Z', '2025-01-15T00:00:00Z'),
      // Before LodgedAt was set: its start time stands in for it.
      listed('202400000005', undefined, undefined),
      listed('202400000006', undefined, '2024-12-01T00:00:00Z'),
    ];
    expect(cases.sort(byDeadlineThenAge).map((execution) => workListRowOf(execution).dufNumber)).toEqual([
      '202400000003',
      '202400000004',
      '202400000002',
      '202400000006',
      '202400000001',
      '202400000005',
    ]);
  });

  it('shows what the search attributes hold, and null for what they do not', () => {
    expect(workListRowOf(listed('202400000002', '2025-03-01T00:00:00Z', undefined))).toEqual({
      dufNumber: '202400000002',
      status: null,
      team: null,
      assignedTo: null,
      nextDeadline: '2025-03-01T00:00:00.000Z',
      lodgedAt: null,
    });
  });
});
