import type { Oblast } from './oblasts';

export interface Period {
  days?: number;
  weeks?: number;
  months?: number;
}

/**
 * The rules that change by law or guideline, as dated data: each version applies from `validFrom` (an Oslo
 * calendar date) until the next. Every event that applied a version records its `version`.
 */
export interface PolicyVersion {
  version: string;
  validFrom: string;
  source: string;
  /** Areas UDI's guideline holds safe for internal protection (utl. § 28 fifth paragraph). */
  internalProtectionSafeOblasts: readonly Oblast[];
  /** Home areas whose applicants go to individual assessment instead of collective protection. */
  collectiveProtectionExcludedOblasts: readonly Oblast[];
  /** fvl. § 29: three weeks from notification. */
  appealPeriod: Period;
  /** fvl. § 31 third paragraph: a late appeal is never considered more than a year after the decision. */
  lateAppealLimit: Period;
  /** Dublin III Art. 22(1), 25(1), 29(1)-(2). */
  dublin: {
    /** Art. 21(1), 23(2): a request within 3 months of lodging, or 2 months of a Eurodac hit. */
    request: Period;
    requestAfterEurodacHit: Period;
    takeChargeReply: Period;
    takeBackReply: Period;
    takeBackReplyOnEurodacHit: Period;
    transfer: Period;
    transferAfterImprisonment: Period;
    transferAfterAbsconding: Period;
  };
  /** utl. § 90: normally 7–30 days; [UNVERIFIED] default, hence data. */
  defaultDepartureDeadlineDays: number;
  interviewReminderDaysBefore: number;
  /**
   * Whether a rejected applicant has a duty to leave (utl. § 90). Suspended for Ukrainians until 22 May 2024, when
   * UDI reinstated it with guideline UDI 2024-004 (domain brief § 2); absent means it applies.
   */
  dutyToLeave?: boolean;
  /**
   * A time scale: when set, every limit counts this many seconds per day (a week is 7 days, a month 30) with no
   * calendar, so that a whole case runs in minutes — for demonstrations, benchmarks and end-to-end tests.
   */
  secondsPerDay?: number;
}

/** The plain number of days in a period, for a scaled clock (a month counts 30). */
export function daysIn(period: Period): number {
  return (period.days ?? 0) + 7 * (period.weeks ?? 0) + 30 * (period.months ?? 0);
}

const FIRST_SIX_EXCLUDED: readonly Oblast[] = [
  'Lviv',
  'Volyn',
  'Zakarpattia',
  'Ivano-Frankivsk',
  'Ternopil',
  'Rivne',
];

const BASE = {
  internalProtectionSafeOblasts: ['Volyn', 'Lviv', 'Zakarpattia'],
  appealPeriod: { weeks: 3 },
  lateAppealLimit: { months: 12 },
  dublin: {
    request: { months: 3 },
    requestAfterEurodacHit: { months: 2 },
    takeChargeReply: { months: 2 },
    takeBackReply: { months: 1 },
    takeBackReplyOnEurodacHit: { weeks: 2 },
    transfer: { months: 6 },
    transferAfterImprisonment: { months: 12 },
    transferAfterAbsconding: { months: 18 },
  },
  defaultDepartureDeadlineDays: 21,
  interviewReminderDaysBefore: 3,
} as const satisfies Partial<PolicyVersion>;

/** The standard policy, oldest first. */
export const STANDARD_POLICY: readonly PolicyVersion[] = [
  {
    ...BASE,
    version: 'NO-UKR-2024-04',
    // [UNVERIFIED] start date: UDI began individual interviews in April 2024; the safe-area guideline is undated.
    validFrom: '2024-04-01',
    source: 'UDI guideline on Ukraine (internal protection: Volyn, Lviv, Zakarpattia)',
    collectiveProtectionExcludedOblasts: [],
    // The duty to leave was still suspended for Ukrainians (the seed; domain brief § 2).
    dutyToLeave: false,
  },
  {
    ...BASE,
    version: 'NO-UKR-2024-05-22',
    validFrom: '2024-05-22',
    source: 'UDI 2024-004 Asylpraksis for Ukraina: the duty to leave reinstated (udi.no, 22 May 2024)',
    collectiveProtectionExcludedOblasts: [],
  },
  {
    ...BASE,
    version: 'NO-UKR-2024-09-28',
    validFrom: '2024-09-28',
    source: 'udi.no: important changes to the right to apply for collective protection (6 oblasts)',
    collectiveProtectionExcludedOblasts: FIRST_SIX_EXCLUDED,
  },
  {
    ...BASE,
    version: 'NO-UKR-2025-01-13',
    validFrom: '2025-01-13',
    source: 'UDI, reported 2025: 14 oblasts excluded from collective protection',
    collectiveProtectionExcludedOblasts: [
      ...FIRST_SIX_EXCLUDED,
      'Cherkasy',
      'Chernivtsi',
      'Khmelnytskyi',
      'Kirovohrad',
      'Kyiv',
      'Poltava',
      'Vinnytsia',
      'Zhytomyr',
    ],
  },
];

/** The standard policy, dated as it is, on a clock where a day lasts `secondsPerDay`. */
function scaled(name: string, secondsPerDay: number): PolicyVersion[] {
  return STANDARD_POLICY.map((version) => ({
    ...version,
    version: `${name}/${version.version}`,
    secondsPerDay,
  }));
}

/**
 * The policy profiles a case can run under, chosen when it starts (`SAKSFLYT_POLICY_PROFILE`). `accelerated` is the
 * standard policy on a clock where a day lasts one second; `bench` (`npm run bench`) one where it lasts 20 ms, so
 * that three weeks to appeal pass in 0.42 s and a whole case, timers and all, runs within a benchmark round.
 */
export const POLICY_PROFILES = {
  standard: STANDARD_POLICY,
  accelerated: scaled('accelerated', 1),
  bench: scaled('bench', 0.02),
} as const satisfies Record<string, readonly PolicyVersion[]>;
export type PolicyProfile = keyof typeof POLICY_PROFILES;
export const POLICY_PROFILE_NAMES = Object.keys(POLICY_PROFILES) as PolicyProfile[];

/** The version in force on an Oslo calendar date (YYYY-MM-DD); before the first, the first. */
export function policyInForce(
  osloDate: string,
  policy: readonly PolicyVersion[] = STANDARD_POLICY,
): PolicyVersion {
  const inForce = [...policy].reverse().find((version) => version.validFrom <= osloDate) ?? policy[0];
  if (!inForce) throw new Error('a policy needs at least one version');
  return inForce;
}
