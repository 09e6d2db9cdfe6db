import { z } from 'zod';
import { IsoDate } from './application-lodged';
import type { CaseEvent, EventOf } from './case-events';
import type { CaseState } from './case-state';
import { decide } from './decide';
import { osloCalendarDate } from './deadlines';
import { fold } from './evolve';
import { Oblast, UKRAINIAN_REGIONS } from './oblasts';
import { policyInForce, type PolicyVersion, STANDARD_POLICY } from './policy';
import { refusalText } from './refusals';
import { text } from './text';
import { collectiveScreening } from './topics/registration';

/**
 * A list of oblasts a guideline names: each once. A name given twice is most likely a slip for another oblast, so it
 * is refused rather than silently merged; the path names the second mention.
 */
const OblastList = z
  .array(Oblast)
  .max(UKRAINIAN_REGIONS.length)
  .superRefine((oblasts, context) => {
    oblasts.forEach((oblast, index) => {
      if (oblasts.indexOf(oblast) !== index)
        context.addIssue({ code: 'custom', message: refusalText('duplicateOblast'), path: [index] });
    });
  })
  // The JSON Schema (and so the OpenAPI document) says the same to clients: each item once.
  .meta({ uniqueItems: true });

/**
 * A policy version not yet published (issue 16): what UDI's guideline may change at runtime, and nothing else. The
 * time limits are law (fvl. §§ 29, 31; Dublin III) and stay code: a draft that names one is refused as an unknown
 * field.
 */
export const PolicyDraft = z
  .object({
    version: text(100),
    /** The Oslo calendar date from which the version applies. */
    validFrom: IsoDate,
    /** The guideline or decision the version follows. */
    source: text(500),
    /** Areas held safe for internal protection (utl. § 28 fifth paragraph). */
    internalProtectionSafeOblasts: OblastList,
    /** Home areas whose applicants go to individual assessment instead of collective protection. */
    collectiveProtectionExcludedOblasts: OblastList,
    /** utl. § 90: a departure deadline is normally between 7 and 30 days; absent, the base version's default. */
    defaultDepartureDeadlineDays: z.number().int().min(7).max(30).optional(),
  })
  .strict();
export type PolicyDraft = z.infer<typeof PolicyDraft>;

/** The draft as a version: its lists (and departure default) over the base version's time limits, which are law. */
export function draftAsVersion(draft: PolicyDraft, base: PolicyVersion): PolicyVersion {
  return {
    ...base,
    version: draft.version,
    validFrom: draft.validFrom,
    source: draft.source,
    internalProtectionSafeOblasts: [...draft.internalProtectionSafeOblasts],
    collectiveProtectionExcludedOblasts: [...draft.collectiveProtectionExcludedOblasts],
    defaultDepartureDeadlineDays: draft.defaultDepartureDeadlineDays ?? base.defaultDepartureDeadlineDays,
  };
}

export type PolicyEffectParams = Readonly<Record<string, string>>;

/**
 * How a draft would treat an open case differently, by kind (a closed list the UI translates), each with its English
 * message for readers of the JSON and the CLI.
 */
export const POLICY_EFFECTS = {
  'decision-rests-on-unsafe-area': ({ oblast, decidedAt, policyVersion }: PolicyEffectParams) =>
    `the rejection of ${decidedAt} rests on internal protection in ${oblast}, which the draft no longer holds ` +
    `safe (it was under ${policyVersion})`,
  'appeal-rests-on-unsafe-area': ({ oblast, decidedAt, policyVersion }: PolicyEffectParams) =>
    `the appealed rejection of ${decidedAt} rests on internal protection in ${oblast}, which the draft no longer ` +
    `holds safe (it was under ${policyVersion})`,
  'home-area-becomes-safe': ({ oblast, inForce }: PolicyEffectParams) =>
    `awaiting a decision, from ${oblast}, which the draft holds safe for internal protection (${inForce} does not)`,
  'home-area-enters-exclusion': ({ oblast, screenedUnder }: PolicyEffectParams) =>
    `awaiting the collective assessment, from ${oblast}, which the draft excludes from collective protection ` +
    `(the screening under ${screenedUnder} did not)`,
  'home-area-leaves-exclusion': ({ oblast, screenedUnder }: PolicyEffectParams) =>
    `awaiting the collective assessment, from ${oblast}, which the draft no longer excludes from collective ` +
    `protection (the screening under ${screenedUnder} did)`,
} as const satisfies Record<string, (params: PolicyEffectParams) => string>;

export const PolicyEffectKind = z.enum(Object.keys(POLICY_EFFECTS) as [keyof typeof POLICY_EFFECTS]);
export type PolicyEffectKind = z.infer<typeof PolicyEffectKind>;

export const PolicyEffect = z.object({
  kind: PolicyEffectKind,
  message: z.string(),
  params: z.record(z.string(), z.string()),
});
export type PolicyEffect = z.infer<typeof PolicyEffect>;

const effect = (kind: PolicyEffectKind, params: PolicyEffectParams): PolicyEffect => ({
  kind,
  message: POLICY_EFFECTS[kind](params),
  params,
});

/** Where a case waits for UDI's collective assessment: the screening at lodging is what it will be judged on. */
export const AWAITING_COLLECTIVE_ASSESSMENT: readonly CaseState['status'][] = [
  'lodged',
  'awaiting-collective-assessment',
];
/** Where an appeal against the first-instance decision is being considered, by UDI or by UNE. */
const UNDER_APPEAL: ReadonlySet<CaseState['status']> = new Set(['appeal-reconsideration', 'at-une']);

/**
 * What a draft would change for one case, found by judging the case's own history again with the same pure core: the
 * events are folded with `evolve`, and where an event applied a policy, the same `decide` (or the same screening) is
 * asked what the draft would have said. The draft is judged as if in force for the whole case, since once published
 * it is what every later step of the case (an appeal, a decision still to come) is judged by. `policy` is the profile
 * the cases run under; the version in force `now` gives the time limits and is what "becomes" is measured from.
 * A closed case has no impact.
 */
export function policyImpact(
  events: readonly CaseEvent[],
  draft: PolicyDraft,
  now: string,
  policy: readonly PolicyVersion[] = STANDARD_POLICY,
): PolicyEffect[] {
  const state = fold(events);
  if (!state || state.closed) return [];
  const inForce = policyInForce(osloCalendarDate(now), policy);
  const whatIf = [draftAsVersion(draft, inForce)];
  return [
    ...collectiveScreeningAgain(state, whatIf),
    ...homeAreaBecomesSafe(state, whatIf[0] as PolicyVersion, inForce),
    ...decisionAgain(events, state, whatIf),
  ];
}

/** (c) The screening at lodging, done again under the draft: does the home area enter or leave the exclusion list? */
function collectiveScreeningAgain(state: CaseState, whatIf: PolicyVersion[]): PolicyEffect[] {
  if (!AWAITING_COLLECTIVE_ASSESSMENT.includes(state.status)) return [];
  const excluded = (reasons: readonly string[]) => reasons.includes('home-oblast-excluded');
  const recorded = state.collectiveScreening;
  const again = collectiveScreening(state.application, whatIf, state.rulesVersion);
  if (excluded(again.reasons) === excluded(recorded.reasons)) return [];
  return [
    effect(excluded(again.reasons) ? 'home-area-enters-exclusion' : 'home-area-leaves-exclusion', {
      oblast: state.homeOblast,
      screenedUnder: recorded.policyVersion,
    }),
  ];
}

/**
 * (b) A case not yet decided at first instance whose home area the draft holds safe and the version in force does
 * not: internal protection there becomes a possible ground for rejection (utl. § 28 fifth paragraph).
 */
function homeAreaBecomesSafe(
  state: CaseState,
  drafted: PolicyVersion,
  inForce: PolicyVersion,
): PolicyEffect[] {
  if (state.firstDecisionAt !== undefined) return [];
  const safe = (version: PolicyVersion) => version.internalProtectionSafeOblasts.includes(state.homeOblast);
  if (!safe(drafted) || safe(inForce)) return [];
  return [effect('home-area-becomes-safe', { oblast: state.homeOblast, inForce: inForce.version })];
}

/**
 * (a) The decision the case rests on, decided again: the same command, by the same caseworker, on the case as it
 * stood, at the same moment, under the draft. A refusal because the internal-protection area is not safe means the
 * rejection (or the appeal against it) rests on an area the draft no longer holds safe.
 */
function decisionAgain(
  events: readonly CaseEvent[],
  state: CaseState,
  whatIf: PolicyVersion[],
): PolicyEffect[] {
  const index = events.map((event) => event.type).lastIndexOf('DecisionMade');
  const made = events[index] as EventOf<'DecisionMade'> | undefined;
  if (!made?.data.internalProtectionOblast || state.decision?.decidedAt !== made.data.decidedAt) return [];
  const before = fold(events.slice(0, index));
  if (!before) return [];
  const { outcome, grounds, internalProtectionOblast, returnCountry, departureDeadlineDays } = made.data;
  const again = decide(
    before,
    {
      type: 'decide',
      payload: {
        actor: made.actor,
        outcome,
        grounds,
        internalProtectionOblast,
        ...(returnCountry ? { returnCountry } : {}),
        departureDeadlineDays,
      },
    },
    { now: made.at, policy: whatIf },
  );
  const notSafe =
    !again.ok &&
    again.rejection.error === 'ValidationError' &&
    again.rejection.issues.some((issue) => issue.code === 'oblastNotSafe');
  if (!notSafe) return [];
  return [
    effect(UNDER_APPEAL.has(state.status) ? 'appeal-rests-on-unsafe-area' : 'decision-rests-on-unsafe-area', {
      oblast: internalProtectionOblast,
      decidedAt: made.data.decidedAt,
      policyVersion: made.data.policyVersion,
    }),
  ];
}

/** Open cases lodged (Oslo date) in [`lodgedFrom`, `lodgedBefore`) from one of `homeOblasts`, awaiting the assessment. */
export interface ScreeningReach {
  homeOblasts: Oblast[];
  lodgedFrom: string;
  /** Absent: to this day. */
  lodgedBefore?: string;
}

export interface ImpactReach {
  /** (c) Awaiting the collective assessment, screened under a version whose exclusion list the draft changes. */
  screening: ScreeningReach[];
  /** (b) From an area the draft holds safe and the version in force does not. */
  becomesSafe: Oblast[];
  /** (a) Decided at first instance, when some version held safe an area the draft does not. */
  decided: boolean;
}

/**
 * Which open cases a draft can touch at all, as a bound to read within: a superset of every case `policyImpact`
 * finds an effect for (each one in it is still judged by the pure core). A case can be touched only if
 * (c) it awaits the collective assessment and its home area's place on the exclusion list differs between the draft
 * and the version it was screened under (the one in force on its lodging date); or (b) the draft holds its home area
 * safe and the version in force does not; or (a) a decision may rest on an area the draft no longer holds safe.
 */
export function impactReach(
  draft: PolicyDraft,
  now: string,
  policy: readonly PolicyVersion[] = STANDARD_POLICY,
): ImpactReach {
  const inForce = policyInForce(osloCalendarDate(now), policy);
  const screening = policy.flatMap((version, index): ScreeningReach[] => {
    const homeOblasts = symmetricDifference(
      draft.collectiveProtectionExcludedOblasts,
      version.collectiveProtectionExcludedOblasts,
    );
    if (homeOblasts.length === 0) return [];
    const next = policy[index + 1];
    // Before the first version, the first is in force (policyInForce).
    const lodgedFrom = index === 0 ? '0000-01-01' : version.validFrom;
    return [{ homeOblasts, lodgedFrom, ...(next ? { lodgedBefore: next.validFrom } : {}) }];
  });
  const becomesSafe = draft.internalProtectionSafeOblasts.filter(
    (oblast) => !inForce.internalProtectionSafeOblasts.includes(oblast),
  );
  const everSafe = new Set(policy.flatMap((version) => version.internalProtectionSafeOblasts));
  const decided = [...everSafe].some((oblast) => !draft.internalProtectionSafeOblasts.includes(oblast));
  return { screening, becomesSafe, decided };
}

function symmetricDifference(first: readonly Oblast[], second: readonly Oblast[]): Oblast[] {
  return [
    ...first.filter((oblast) => !second.includes(oblast)),
    ...second.filter((oblast) => !first.includes(oblast)),
  ].sort();
}

/** Whether a case lies within a draft's reach (`openCasesImpact` selects a superset of these from visibility). */
export function withinImpactReach(reach: ImpactReach, state: CaseState): boolean {
  const lodged = osloCalendarDate(state.lodgedAt);
  const screened =
    AWAITING_COLLECTIVE_ASSESSMENT.includes(state.status) &&
    reach.screening.some(
      (range) =>
        range.homeOblasts.includes(state.homeOblast) &&
        range.lodgedFrom <= lodged &&
        (range.lodgedBefore === undefined || lodged < range.lodgedBefore),
    );
  return (
    screened ||
    reach.becomesSafe.includes(state.homeOblast) ||
    (reach.decided && state.firstDecisionAt !== undefined)
  );
}
