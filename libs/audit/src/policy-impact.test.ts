import { impactReach, STANDARD_POLICY, type PolicyVersion } from '@saksflyt/domain';
import { reachClause } from './policy-impact';

const inForce = STANDARD_POLICY.at(-1) as PolicyVersion;
const draft = (changes: object = {}) => ({
  version: 'DRAFT',
  validFrom: '2030-01-01',
  source: 'a draft',
  internalProtectionSafeOblasts: [...inForce.internalProtectionSafeOblasts],
  collectiveProtectionExcludedOblasts: [...inForce.collectiveProtectionExcludedOblasts],
  ...changes,
});
const NOW = '2026-12-15T12:00:00Z';

describe('reachClause: the visibility clause of the open cases a draft can touch', () => {
  it('is undefined when the draft reaches no case, so nothing is read', () => {
    expect(reachClause(impactReach(draft(), NOW, [inForce]))).toBeUndefined();
  });

  it('selects the cases awaiting the assessment from an area newly excluded, lodged (a day wider) under the version in force', () => {
    const clause = reachClause(
      impactReach(
        draft({
          collectiveProtectionExcludedOblasts: [...inForce.collectiveProtectionExcludedOblasts, 'Kharkiv'],
        }),
        NOW,
        [inForce],
      ),
    );
    expect(clause).toBe(
      "(CaseStatus IN ('lodged', 'awaiting-collective-assessment') AND HomeOblast IN ('Kharkiv')) OR " +
        "(LodgedAt IS NULL AND HomeOblast IN ('Kharkiv'))",
    );
    const dated = reachClause(
      impactReach(
        draft({
          collectiveProtectionExcludedOblasts: [...inForce.collectiveProtectionExcludedOblasts, 'Kharkiv'],
        }),
        NOW,
        STANDARD_POLICY,
      ),
    );
    expect(dated).toContain(`HomeOblast IN ('Kharkiv') AND LodgedAt >= '2025-01-12T00:00:00.000Z')`);
  });

  it('selects every decided case (and every case without the work-allocation attributes) when a safe area goes', () => {
    const clause = reachClause(
      impactReach(draft({ internalProtectionSafeOblasts: ['Volyn'] }), NOW, [inForce]),
    );
    expect(clause).toBe('(DecidedAt IS NOT NULL) OR (LodgedAt IS NULL)');
  });
});
