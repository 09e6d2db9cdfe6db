import {
  anApplication,
  COLLECTIVE_PROTECTION_GRANTED,
  interviewed,
  registered,
  Scenario,
} from './__fixtures__';
import { validationRejection } from './decide';
import type { Oblast } from './oblasts';
import { policyInForce } from './policy';
import { draftAsVersion, impactReach, PolicyDraft, policyImpact, withinImpactReach } from './policy-draft';
import { STANDARD_POLICY } from './policy';

// Issue 16, first part: a policy version as a draft, and what it would change for an open case, judged again from the
// case's own history with the same decide and evolve.

const NOW = '2026-12-15T12:00:00+01:00';
/** The version the fixtures' cases run under: safe Volyn, Lviv, Zakarpattia; 14 oblasts excluded, Kharkiv not. */
const IN_FORCE = policyInForce('2026-12-15');

const draftOf = (changes: Partial<PolicyDraft> = {}): PolicyDraft => ({
  version: 'NO-UKR-2027-01-01',
  validFrom: '2027-01-01',
  source: 'UDI guideline (draft)',
  internalProtectionSafeOblasts: [...IN_FORCE.internalProtectionSafeOblasts],
  collectiveProtectionExcludedOblasts: [...IN_FORCE.collectiveProtectionExcludedOblasts],
  ...changes,
});
const without = (oblasts: readonly Oblast[], gone: Oblast) => oblasts.filter((oblast) => oblast !== gone);

const fromOblast = (homeOblast: Oblast, dufNumber = '202416000001') =>
  new Scenario(anApplication({ dufNumber, applicant: { ...anApplication().applicant, homeOblast } }));

/** Interviewed and rejected on internal protection in Lviv (safe under the version in force). */
const rejectedOnLviv = () =>
  interviewed(new Scenario()).send('decide', {
    outcome: 'rejected',
    grounds: 'internal protection in Lviv',
    internalProtectionOblast: 'Lviv',
  });

describe('PolicyDraft', () => {
  const issuesOf = (input: unknown) => {
    const parsed = PolicyDraft.safeParse(input);
    if (parsed.success) return [];
    return validationRejection('PolicyDraft', parsed.error.issues).issues.map(({ path, code }) => ({
      path,
      code,
    }));
  };

  it('accepts a draft of the two lists, a date, a source and a departure default of 7 to 30 days', () => {
    expect(PolicyDraft.safeParse(draftOf({ defaultDepartureDeadlineDays: 7 })).success).toBe(true);
    expect(PolicyDraft.safeParse(draftOf({ defaultDepartureDeadlineDays: 30 })).success).toBe(true);
  });

  it('refuses an oblast named twice in a list, naming the second mention', () => {
    expect(issuesOf(draftOf({ collectiveProtectionExcludedOblasts: ['Lviv', 'Volyn', 'Lviv'] }))).toEqual([
      { path: ['collectiveProtectionExcludedOblasts', 2], code: 'duplicateOblast' },
    ]);
    expect(issuesOf(draftOf({ internalProtectionSafeOblasts: ['Volyn', 'Volyn'] }))).toEqual([
      { path: ['internalProtectionSafeOblasts', 1], code: 'duplicateOblast' },
    ]);
  });

  it('refuses an unknown oblast, a validFrom that is not a calendar date and a blank source', () => {
    expect(
      issuesOf({
        ...draftOf(),
        internalProtectionSafeOblasts: ['Narnia'],
        validFrom: '2027-02-30',
        source: '   ',
      }),
    ).toEqual(
      expect.arrayContaining([
        { path: ['internalProtectionSafeOblasts', 0], code: 'notOneOf' },
        { path: ['validFrom'], code: 'badFormat' },
        { path: ['source'], code: 'blank' },
      ]),
    );
    expect(issuesOf({ ...draftOf(), validFrom: '1 January 2027' })).toEqual([
      { path: ['validFrom'], code: 'badFormat' },
    ]);
  });

  it('refuses a departure default outside the 7 to 30 days of utl. § 90', () => {
    expect(issuesOf(draftOf({ defaultDepartureDeadlineDays: 6 }))).toEqual([
      { path: ['defaultDepartureDeadlineDays'], code: 'tooSmall' },
    ]);
    expect(issuesOf(draftOf({ defaultDepartureDeadlineDays: 31 }))).toEqual([
      { path: ['defaultDepartureDeadlineDays'], code: 'tooBig' },
    ]);
  });

  it('refuses a time limit in a draft: the time limits are law, not guideline', () => {
    expect(issuesOf({ ...draftOf(), appealPeriod: { weeks: 1 } })).toEqual([
      { path: [], code: 'unknownKeys' },
    ]);
  });
});

describe('draftAsVersion', () => {
  it("lays the draft's lists over the base version's time limits", () => {
    const version = draftAsVersion(draftOf({ internalProtectionSafeOblasts: ['Volyn'] }), IN_FORCE);
    expect(version).toEqual({
      ...IN_FORCE,
      version: 'NO-UKR-2027-01-01',
      validFrom: '2027-01-01',
      source: 'UDI guideline (draft)',
      internalProtectionSafeOblasts: ['Volyn'],
    });
    expect(version.appealPeriod).toEqual({ weeks: 3 });
  });

  it("keeps the base version's departure default unless the draft sets one", () => {
    expect(draftAsVersion(draftOf(), IN_FORCE).defaultDepartureDeadlineDays).toBe(21);
    expect(
      draftAsVersion(draftOf({ defaultDepartureDeadlineDays: 14 }), IN_FORCE).defaultDepartureDeadlineDays,
    ).toBe(14);
  });
});

describe('policyImpact', () => {
  it('lists nothing for any open case when the draft says what the version in force says', () => {
    const cases = [
      rejectedOnLviv(),
      interviewed(fromOblast('Kharkiv')),
      registered(fromOblast('Lviv')),
      registered(fromOblast('Kharkiv')),
    ];
    for (const scenario of cases) expect(policyImpact(scenario.events, draftOf(), NOW)).toEqual([]);
  });

  it('names a rejection resting on internal protection in an area the draft no longer holds safe', () => {
    const scenario = rejectedOnLviv();
    const draft = draftOf({
      internalProtectionSafeOblasts: without(IN_FORCE.internalProtectionSafeOblasts, 'Lviv'),
    });
    expect(scenario.state.status).toBe('rejected');
    expect(policyImpact(scenario.events, draft, NOW)).toEqual([
      {
        kind: 'decision-rests-on-unsafe-area',
        message: expect.stringContaining('Lviv'),
        params: {
          oblast: 'Lviv',
          decidedAt: scenario.state.decision?.decidedAt,
          policyVersion: IN_FORCE.version,
        },
      },
    ]);
  });

  it('names an appeal against a rejection resting on an area the draft no longer holds safe', () => {
    const scenario = rejectedOnLviv().send('lodgeAppeal', {
      lodgedAt: '2026-12-12T10:00:00+01:00',
      requestsSuspensiveEffect: false,
    });
    const draft = draftOf({
      internalProtectionSafeOblasts: without(IN_FORCE.internalProtectionSafeOblasts, 'Lviv'),
    });
    expect(scenario.state.status).toBe('appeal-reconsideration');
    expect(policyImpact(scenario.events, draft, NOW).map((effect) => effect.kind)).toEqual([
      'appeal-rests-on-unsafe-area',
    ]);
  });

  it('does not name a rejection whose internal-protection area the draft still holds safe', () => {
    const draft = draftOf({
      internalProtectionSafeOblasts: without(IN_FORCE.internalProtectionSafeOblasts, 'Volyn'),
    });
    expect(policyImpact(rejectedOnLviv().events, draft, NOW)).toEqual([]);
  });

  it('does not name a rejection that rests on no internal-protection area', () => {
    const scenario = interviewed(new Scenario()).send('decide', { outcome: 'rejected', grounds: 'no need' });
    expect(policyImpact(scenario.events, draftOf({ internalProtectionSafeOblasts: [] }), NOW)).toEqual([]);
  });

  it('names a case awaiting a decision whose home area the draft makes safe', () => {
    const scenario = interviewed(fromOblast('Kharkiv'));
    const draft = draftOf({
      internalProtectionSafeOblasts: [...IN_FORCE.internalProtectionSafeOblasts, 'Kharkiv'],
    });
    expect(scenario.state.status).toBe('awaiting-decision');
    expect(policyImpact(scenario.events, draft, NOW)).toEqual([
      {
        kind: 'home-area-becomes-safe',
        message: expect.stringContaining('Kharkiv'),
        params: { oblast: 'Kharkiv', inForce: IN_FORCE.version },
      },
    ]);
  });

  it('does not name a decided case whose home area the draft makes safe', () => {
    const scenario = interviewed(fromOblast('Kharkiv')).send('decide', {
      outcome: 'rejected',
      grounds: 'no need',
    });
    const draft = draftOf({
      internalProtectionSafeOblasts: [...IN_FORCE.internalProtectionSafeOblasts, 'Kharkiv'],
    });
    expect(policyImpact(scenario.events, draft, NOW)).toEqual([]);
  });

  it('names a case awaiting the collective assessment whose home area the draft excludes', () => {
    const scenario = registered(fromOblast('Kharkiv'));
    const draft = draftOf({
      collectiveProtectionExcludedOblasts: [...IN_FORCE.collectiveProtectionExcludedOblasts, 'Kharkiv'],
    });
    expect(scenario.state.status).toBe('awaiting-collective-assessment');
    expect(policyImpact(scenario.events, draft, NOW)).toEqual([
      {
        kind: 'home-area-enters-exclusion',
        message: expect.stringContaining('Kharkiv'),
        params: { oblast: 'Kharkiv', screenedUnder: IN_FORCE.version },
      },
    ]);
  });

  it('names a case awaiting the collective assessment whose home area the draft no longer excludes', () => {
    const scenario = new Scenario(
      anApplication({ applicant: { ...anApplication().applicant, homeOblast: 'Lviv' } }),
    );
    const draft = draftOf({
      collectiveProtectionExcludedOblasts: without(IN_FORCE.collectiveProtectionExcludedOblasts, 'Lviv'),
    });
    expect(scenario.state.status).toBe('lodged');
    expect(policyImpact(scenario.events, draft, NOW).map((effect) => effect.kind)).toEqual([
      'home-area-leaves-exclusion',
    ]);
  });

  it('does not name an assessed case whose home area the draft excludes', () => {
    const scenario = interviewed(fromOblast('Kharkiv'));
    const draft = draftOf({
      collectiveProtectionExcludedOblasts: [...IN_FORCE.collectiveProtectionExcludedOblasts, 'Kharkiv'],
    });
    expect(policyImpact(scenario.events, draft, NOW)).toEqual([]);
  });

  it('gives a closed case no impact', () => {
    const scenario = registered(fromOblast('Kharkiv')).send(
      'assessCollectiveProtection',
      COLLECTIVE_PROTECTION_GRANTED,
    );
    const draft = draftOf({
      internalProtectionSafeOblasts: ['Kharkiv'],
      collectiveProtectionExcludedOblasts: ['Kharkiv'],
    });
    expect(scenario.state.closed).toBe(true);
    expect(policyImpact(scenario.events, draft, NOW)).toEqual([]);
  });
});

describe('impactReach: the open cases a draft can touch at all, read and judged by the impact', () => {
  const scenarios = {
    'rejected on Lviv': rejectedOnLviv(),
    'appealed, rejected on Lviv': rejectedOnLviv().send('lodgeAppeal', {
      lodgedAt: '2026-12-12T10:00:00+01:00',
      requestsSuspensiveEffect: false,
    }),
    'awaiting a decision, from Kharkiv': interviewed(fromOblast('Kharkiv')),
    'decided, from Kharkiv': interviewed(fromOblast('Kharkiv')).send('decide', {
      outcome: 'rejected',
      grounds: 'no need',
    }),
    'awaiting the collective assessment, from Kharkiv': registered(fromOblast('Kharkiv')),
    'lodged, from Lviv': new Scenario(
      anApplication({ applicant: { ...anApplication().applicant, homeOblast: 'Lviv' } }),
    ),
    'awaiting a decision, from Odesa': interviewed(fromOblast('Odesa')),
    // Screened under the version of 22 May 2024, which excluded no oblast.
    'lodged in June 2024, from Kyiv': new Scenario(
      anApplication({
        lodgedAt: '2024-06-01T10:00:00+02:00',
        applicant: { ...anApplication().applicant, homeOblast: 'Kyiv' },
      }),
    ),
  };
  const drafts = {
    'the same as in force': draftOf(),
    'Lviv no longer safe': draftOf({
      internalProtectionSafeOblasts: without(IN_FORCE.internalProtectionSafeOblasts, 'Lviv'),
    }),
    'Kharkiv safe': draftOf({
      internalProtectionSafeOblasts: [...IN_FORCE.internalProtectionSafeOblasts, 'Kharkiv'],
    }),
    'Kharkiv excluded': draftOf({
      collectiveProtectionExcludedOblasts: [...IN_FORCE.collectiveProtectionExcludedOblasts, 'Kharkiv'],
    }),
    'Lviv no longer excluded': draftOf({
      collectiveProtectionExcludedOblasts: without(IN_FORCE.collectiveProtectionExcludedOblasts, 'Lviv'),
    }),
    'nothing safe, nothing excluded': draftOf({
      internalProtectionSafeOblasts: [],
      collectiveProtectionExcludedOblasts: [],
    }),
  };

  it.each(Object.entries(drafts))('holds every case the draft "%s" has an effect for', (_name, draft) => {
    const reach = impactReach(draft, NOW, STANDARD_POLICY);
    for (const [name, scenario] of Object.entries(scenarios)) {
      const touched = policyImpact(scenario.events, draft, NOW).length > 0;
      if (!touched) continue;
      reached.add(name);
      expect({ name, within: withinImpactReach(reach, scenario.state) }).toEqual({ name, within: true });
    }
  });

  // So that the test above can fail: the drafts do touch cases, the one screened under an older version among them.
  const reached = new Set<string>();
  afterAll(() =>
    expect([...reached]).toEqual(
      expect.arrayContaining(['lodged in June 2024, from Kyiv', 'rejected on Lviv']),
    ),
  );

  it('is narrow for a narrow draft: one oblast excluded reaches its cases lodged under the version in force', () => {
    const reach = impactReach(drafts['Kharkiv excluded'], NOW, STANDARD_POLICY);
    expect(reach.decided).toBe(false);
    expect(reach.becomesSafe).toEqual([]);
    expect(reach.screening.at(-1)).toEqual({ homeOblasts: ['Kharkiv'], lodgedFrom: IN_FORCE.validFrom });
    const odesa = scenarios['awaiting a decision, from Odesa'].state;
    expect(withinImpactReach(reach, odesa)).toBe(false);
    // A case from Kyiv lodged under the version in force: Kyiv stays excluded, so the draft cannot touch it.
    expect(withinImpactReach(reach, registered(fromOblast('Kyiv')).state)).toBe(false);
    expect(impactReach(drafts['the same as in force'], NOW, [IN_FORCE])).toEqual({
      screening: [],
      becomesSafe: [],
      decided: false,
    });
    expect(impactReach(drafts['Lviv no longer safe'], NOW, STANDARD_POLICY).decided).toBe(true);
  });
});
