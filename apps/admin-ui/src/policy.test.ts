import { afterEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { en as zodEnglish, no as zodNorwegian } from 'zod/locales';
import { POLICY_EFFECTS, type PolicyEffectKind, UKRAINIAN_REGIONS } from './domain';
import { LANGS, MESSAGES } from './i18n';
import {
  checkDraft,
  draftInputsFrom,
  draftKey,
  draftValue,
  heldFirst,
  placeDraftIssues,
  policyEffectText,
  policyKindsText,
  policyKindText,
  policyStages,
  reviewsForCase,
  versionsToReview,
  withOblast,
} from './policy';

const KINDS = Object.keys(POLICY_EFFECTS) as PolicyEffectKind[];
const PARAMS = {
  oblast: 'Lviv',
  decidedAt: '2026-12-22T09:00:00.000Z',
  policyVersion: 'NO-UKR-2025-01-13',
  inForce: 'NO-UKR-2025-01-13',
  screenedUnder: 'NO-UKR-2024-09-28',
};
const effectOf = (kind: PolicyEffectKind) => ({
  kind,
  message: POLICY_EFFECTS[kind](PARAMS),
  params: PARAMS,
});

describe('what a draft would do to a case, in words', () => {
  describe.each(LANGS)('in %s', (lang) => {
    const t = MESSAGES[lang];

    it.each(KINDS)('says %s with its particulars, never the English message', (kind) => {
      const text = policyEffectText(t, effectOf(kind));
      expect(text.trim()).not.toBe('');
      expect(text).not.toBe(POLICY_EFFECTS[kind](PARAMS));
      expect(text).toContain('Lviv');
      if (kind.endsWith('rests-on-unsafe-area')) {
        // The decision's time in Oslo time (10:00 in winter), as the UI shows every time.
        expect(text).toContain(lang === 'nb' ? '22. des. 2026, 10:00' : '22 Dec 2026, 10:00');
        expect(text).toContain(PARAMS.policyVersion);
      }
      if (kind === 'home-area-becomes-safe') expect(text).toContain(PARAMS.inForce);
      if (kind.startsWith('home-area-') && kind.endsWith('exclusion'))
        expect(text).toContain(PARAMS.screenedUnder);
      expect(text).not.toMatch(/undefined/);
    });

    it.each(KINDS)('names %s in a review list', (kind) => {
      expect(policyKindText(t, kind).trim()).not.toBe('');
    });

    it('has a text for every kind and none the domain lacks', () => {
      expect(Object.keys(t.policy.effect).sort()).toEqual([...KINDS].sort());
      expect(Object.keys(t.policy.kind).sort()).toEqual([...KINDS].sort());
    });

    it('still says something of a kind a newer API sends, not its English message', () => {
      const effect = { kind: 'something-new', message: 'the draft does something new', params: {} };
      expect(policyEffectText(t, effect as never)).toBe(t.policy.unknownEffect);
      expect(policyKindText(t, 'something-new')).toBe(t.policy.unknownEffect);
    });
  });

  it('says the two languages differently', () => {
    for (const kind of KINDS)
      expect(policyEffectText(MESSAGES.nb, effectOf(kind))).not.toBe(
        policyEffectText(MESSAGES.en, effectOf(kind)),
      );
  });
});

describe('the versions on the timeline', () => {
  it('marks those before the one in force, it, and those to come', () => {
    const versions = [{ version: 'A' }, { version: 'B' }, { version: 'C' }, { version: 'D' }];
    expect(policyStages(versions, 'B')).toEqual(['past', 'in-force', 'future', 'future']);
    expect(policyStages(versions, 'D')).toEqual(['past', 'past', 'past', 'in-force']);
    expect(policyStages(versions, 'unknown')).toEqual(['past', 'past', 'past', 'past']);
  });
});

describe('the draft editor', () => {
  const t = MESSAGES.nb;
  const inForce = {
    internalProtectionSafeOblasts: ['Zakarpattia', 'Volyn', 'Lviv'] as const,
    collectiveProtectionExcludedOblasts: ['Kharkiv'] as const,
  };
  const filled = () => ({
    ...draftInputsFrom({
      internalProtectionSafeOblasts: [...inForce.internalProtectionSafeOblasts],
      collectiveProtectionExcludedOblasts: [...inForce.collectiveProtectionExcludedOblasts],
    }),
    version: 'NO-UKR-2030',
    validFrom: '2030-01-01',
    source: 'UDI-retningslinje',
  });

  it('starts from the version in force: its lists in the order of the regions, the rest to give', () => {
    const inputs = draftInputsFrom({
      internalProtectionSafeOblasts: ['Zakarpattia', 'Volyn', 'Lviv'],
      collectiveProtectionExcludedOblasts: [],
    });
    expect(inputs).toEqual({
      version: '',
      validFrom: '',
      source: '',
      internalProtectionSafeOblasts: ['Lviv', 'Volyn', 'Zakarpattia'],
      collectiveProtectionExcludedOblasts: [],
      defaultDepartureDeadlineDays: '',
    });
  });

  it('ticks and unticks an oblast, each once, in the order of the regions', () => {
    expect(withOblast(['Volyn'], 'Cherkasy', true)).toEqual(['Cherkasy', 'Volyn']);
    expect(withOblast(['Cherkasy', 'Volyn'], 'Cherkasy', true)).toEqual(['Cherkasy', 'Volyn']);
    expect(withOblast(['Cherkasy', 'Volyn'], 'Cherkasy', false)).toEqual(['Volyn']);
    expect(withOblast([...UKRAINIAN_REGIONS], 'Crimea', true)).toHaveLength(UKRAINIAN_REGIONS.length);
  });

  it('sends what was given: empty texts and an empty departure default left out, days as a number', () => {
    expect(draftValue({ ...filled(), source: '  ' })).not.toHaveProperty('source');
    expect(draftValue(filled())).not.toHaveProperty('defaultDepartureDeadlineDays');
    expect(draftValue({ ...filled(), defaultDepartureDeadlineDays: '14' })).toMatchObject({
      defaultDepartureDeadlineDays: 14,
    });
    const checked = checkDraft(t, { ...filled(), defaultDepartureDeadlineDays: '14' });
    expect(checked).toEqual({
      ok: true,
      draft: {
        version: 'NO-UKR-2030',
        validFrom: '2030-01-01',
        source: 'UDI-retningslinje',
        internalProtectionSafeOblasts: ['Lviv', 'Volyn', 'Zakarpattia'],
        collectiveProtectionExcludedOblasts: ['Kharkiv'],
        defaultDepartureDeadlineDays: 14,
      },
    });
  });

  it('says what is missing or wrong at its field, in Norwegian', () => {
    const checked = checkDraft(t, {
      ...filled(),
      version: '',
      validFrom: '',
      defaultDepartureDeadlineDays: '31',
    });
    expect(checked).toEqual({
      ok: false,
      issues: {
        byField: {
          version: ['Må fylles ut.'],
          validFrom: ['Må fylles ut.'],
          defaultDepartureDeadlineDays: ['Kan være høyst 30.'],
        },
        general: [],
      },
    });
  });

  describe('with zod speaking Norwegian, as the UI has it in nb', () => {
    afterEach(() => {
      z.config(zodEnglish());
    });

    it('still calls an empty field required', () => {
      z.config(zodNorwegian());
      const checked = checkDraft(t, { ...filled(), source: '' });
      expect(checked).toEqual({ ok: false, issues: { byField: { source: ['Må fylles ut.'] }, general: [] } });
    });
  });

  it('puts the service’s issues at their fields by the first key of their path, and the rest in general', () => {
    const placed = placeDraftIssues(MESSAGES.en, [
      { path: ['validFrom'], code: 'validFromInPast', params: { today: '2026-03-01' } },
      { path: ['internalProtectionSafeOblasts', 1], code: 'duplicateOblast' },
      { path: [], code: 'unknownKeys', params: { keys: ['appealPeriod'] } },
    ]);
    expect(placed.byField.validFrom).toEqual([
      'A policy version applies from today (1 Mar 2026) or later; a version in force is never changed.',
    ]);
    expect(placed.byField.internalProtectionSafeOblasts).toEqual([
      'The oblast is on the list already: name each oblast once.',
    ]);
    expect(placed.general).toEqual(['Unknown fields: appealPeriod.']);
  });

  it('knows a draft changed since its impact was found', () => {
    expect(draftKey(filled())).toBe(draftKey(filled()));
    expect(draftKey({ ...filled(), collectiveProtectionExcludedOblasts: [] })).not.toBe(draftKey(filled()));
  });
});

describe('the cases listed for review after a publication (the work list and the case page)', () => {
  const version = (
    name: string,
    validFrom: string,
    publishedAt: string | null,
    review: { dufNumber: string; kinds: PolicyEffectKind[] }[],
  ) => ({ version: name, validFrom, publishedAt, publishedBy: publishedAt ? 'admin' : null, review });
  // Oldest first, as the API lists them: two built in, then three published.
  const VERSIONS = [
    version('NO-UKR-2024-09-28', '2024-09-28', null, []),
    version('NO-UKR-2025-01-13', '2025-01-13', null, []),
    version('NO-UKR-2030', '2030-01-01', '2026-11-01T10:00:00.000Z', [
      { dufNumber: '202416100001', kinds: ['home-area-enters-exclusion'] },
      { dufNumber: '202416100002', kinds: ['decision-rests-on-unsafe-area'] },
    ]),
    version('NO-UKR-2030-NONE', '2030-03-01', '2026-11-10T10:00:00.000Z', []),
    // Published later, for an earlier date: it is the newer publication.
    version('NO-UKR-2029', '2029-06-01', '2026-11-20T10:00:00.000Z', [
      { dufNumber: '202416100001', kinds: ['home-area-leaves-exclusion', 'home-area-becomes-safe'] },
    ]),
  ];

  it('lists the published versions with cases to review, the newest publication first', () => {
    expect(versionsToReview(VERSIONS).map((item) => item.version)).toEqual(['NO-UKR-2029', 'NO-UKR-2030']);
    expect(versionsToReview([])).toEqual([]);
    expect(versionsToReview(VERSIONS.slice(0, 2))).toEqual([]);
  });

  it('orders two versions published at the same moment by their date, then their name', () => {
    const at = '2026-11-01T10:00:00.000Z';
    const same = [
      version('B', '2030-01-01', at, [{ dufNumber: '1', kinds: ['home-area-becomes-safe'] }]),
      version('C', '2031-01-01', at, [{ dufNumber: '1', kinds: ['home-area-becomes-safe'] }]),
      version('A', '2030-01-01', at, [{ dufNumber: '1', kinds: ['home-area-becomes-safe'] }]),
    ];
    expect(versionsToReview(same).map((item) => item.version)).toEqual(['C', 'B', 'A']);
  });

  it('does not reorder the list it was given', () => {
    const copy = [...VERSIONS];
    versionsToReview(VERSIONS);
    expect(VERSIONS).toEqual(copy);
  });

  it('finds the versions that listed a case, newest first, with the kinds each found', () => {
    expect(reviewsForCase(VERSIONS, '202416100001')).toEqual([
      {
        version: 'NO-UKR-2029',
        validFrom: '2029-06-01',
        publishedAt: '2026-11-20T10:00:00.000Z',
        publishedBy: 'admin',
        kinds: ['home-area-leaves-exclusion', 'home-area-becomes-safe'],
      },
      {
        version: 'NO-UKR-2030',
        validFrom: '2030-01-01',
        publishedAt: '2026-11-01T10:00:00.000Z',
        publishedBy: 'admin',
        kinds: ['home-area-enters-exclusion'],
      },
    ]);
    expect(reviewsForCase(VERSIONS, '202416100002').map((item) => item.version)).toEqual(['NO-UKR-2030']);
    expect(reviewsForCase(VERSIONS, '202416199999')).toEqual([]);
  });

  it('puts the cases the reader holds first, each group in the order listed', () => {
    const review = ['1', '2', '3', '4'].map((dufNumber) => ({ dufNumber }));
    expect(heldFirst(review, new Set(['3', '1'])).map((entry) => entry.dufNumber)).toEqual([
      '1',
      '3',
      '2',
      '4',
    ]);
    expect(heldFirst(review, new Set()).map((entry) => entry.dufNumber)).toEqual(['1', '2', '3', '4']);
  });

  describe.each(LANGS)('in %s', (lang) => {
    const t = MESSAGES[lang];

    it('says the kinds in words, never their ids', () => {
      const text = policyKindsText(t, ['home-area-leaves-exclusion', 'home-area-becomes-safe']);
      expect(text).toBe(
        `${t.policy.kind['home-area-leaves-exclusion']}; ${t.policy.kind['home-area-becomes-safe']}`,
      );
      expect(text).not.toMatch(/home-area/);
      expect(policyKindsText(t, ['a-kind-of-a-newer-api'])).toBe(t.policy.unknownEffect);
    });

    it('says where a case was listed, naming the version and its date, and that nothing was reversed', () => {
      const text = t.policy.caseReviewNote('NO-UKR-2030', '1. jan. 2030');
      expect(text).toContain('NO-UKR-2030');
      expect(text).toContain('1. jan. 2030');
      expect(t.policy.caseReviewDecide.trim()).not.toBe('');
    });
  });
});
