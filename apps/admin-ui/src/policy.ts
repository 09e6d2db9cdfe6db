// The policy page's pure parts (issue 16): what a draft would do to a case, in the reader's language, the draft's
// form as the inputs hold it and as the API takes it, and where each version stands on the timeline.
import type { Issue, ListedPolicyVersion } from './api';
import {
  codeOfZodIssue,
  type Oblast,
  PolicyDraft,
  type PolicyEffect,
  PolicyEffectKind,
  UKRAINIAN_REGIONS,
} from './domain';
import type { Messages, PolicyStage } from './i18n';
import { formatDateTime } from './oslo-time';
import { issueText } from './refusal-texts';

const isEffectKind = (kind: string): kind is PolicyEffectKind => PolicyEffectKind.safeParse(kind).success;

/**
 * What a draft would do to a case, as a sentence in the reader's language: the kind in words with its particulars
 * (the decision's date in Oslo time). Never the API's English `message`; a kind this UI does not know (a newer API)
 * still reads as a sentence.
 */
export function policyEffectText(t: Messages, effect: Pick<PolicyEffect, 'kind' | 'params'>): string {
  const kind: string = effect.kind;
  if (!isEffectKind(kind)) return t.policy.unknownEffect;
  const params: Readonly<Record<string, string | undefined>> = effect.params ?? {};
  const decidedAt = params.decidedAt;
  return t.policy.effect[kind]({
    oblast: params.oblast ?? '',
    decidedAt: decidedAt ? formatDateTime(decidedAt, t.locale) : '',
    policyVersion: params.policyVersion ?? '',
    inForce: params.inForce ?? '',
    screenedUnder: params.screenedUnder ?? '',
  });
}

/** A kind of effect a version had on a case listed for review, in words (the review list keeps kinds only). */
export function policyKindText(t: Messages, kind: string): string {
  return isEffectKind(kind) ? t.policy.kind[kind] : t.policy.unknownEffect;
}

/** Where each version stands against the one in force: before it, it, or still to come (the list is oldest first). */
export function policyStages(versions: readonly Pick<ListedPolicyVersion, 'version'>[], inForce: string) {
  const at = versions.findIndex((version) => version.version === inForce);
  return versions.map((_version, index): PolicyStage =>
    index === at ? 'in-force' : at !== -1 && index > at ? 'future' : 'past',
  );
}

/** The draft's fields, as the editor names them (and as the API's issues name them by their first path key). */
export const DRAFT_FIELDS = [
  'version',
  'validFrom',
  'source',
  'internalProtectionSafeOblasts',
  'collectiveProtectionExcludedOblasts',
  'defaultDepartureDeadlineDays',
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** The draft as its inputs hold it: text as typed, each list as the oblasts ticked. */
export interface DraftInputs {
  version: string;
  validFrom: string;
  source: string;
  internalProtectionSafeOblasts: readonly Oblast[];
  collectiveProtectionExcludedOblasts: readonly Oblast[];
  defaultDepartureDeadlineDays: string;
}

/** A new draft from a version (the one in force): its two lists; a name, date, source and departure default to give. */
export function draftInputsFrom(
  version: Pick<ListedPolicyVersion, 'internalProtectionSafeOblasts' | 'collectiveProtectionExcludedOblasts'>,
): DraftInputs {
  return {
    version: '',
    validFrom: '',
    source: '',
    internalProtectionSafeOblasts: inRegionOrder(version.internalProtectionSafeOblasts),
    collectiveProtectionExcludedOblasts: inRegionOrder(version.collectiveProtectionExcludedOblasts),
    defaultDepartureDeadlineDays: '',
  };
}

/** The oblasts in the order of the list of regions, each once. */
export function inRegionOrder(oblasts: readonly string[]): Oblast[] {
  return UKRAINIAN_REGIONS.filter((region) => oblasts.includes(region));
}

/** A list with an oblast ticked or unticked, in the order of the list of regions. */
export function withOblast(oblasts: readonly Oblast[], oblast: Oblast, ticked: boolean): Oblast[] {
  return inRegionOrder(ticked ? [...oblasts, oblast] : oblasts.filter((item) => item !== oblast));
}

/**
 * The draft as the API takes it. An empty text is left out, so the schema calls it required rather than malformed;
 * an empty departure default is left out (the version in force's then applies).
 */
export function draftValue(inputs: DraftInputs): Record<string, unknown> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const days = inputs.defaultDepartureDeadlineDays.trim();
  const value: Record<string, unknown> = {
    version: text(inputs.version),
    validFrom: text(inputs.validFrom),
    source: text(inputs.source),
    internalProtectionSafeOblasts: [...inputs.internalProtectionSafeOblasts],
    collectiveProtectionExcludedOblasts: [...inputs.collectiveProtectionExcludedOblasts],
    defaultDepartureDeadlineDays: days === '' ? undefined : /^\d+$/.test(days) ? Number(days) : days,
  };
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

/** Issues in the reader's language: each at its field where it names one, the rest general. */
export interface DraftIssues {
  byField: Partial<Record<DraftField, string[]>>;
  general: string[];
}

export const issueCount = (issues: DraftIssues): number =>
  Object.values(issues.byField).reduce((sum, messages) => sum + (messages?.length ?? 0), 0) +
  issues.general.length;

const isDraftField = (key: unknown): key is DraftField => DRAFT_FIELDS.includes(key as DraftField);

/** Puts issues (the API's, or the schema's in the browser, both by refusal code) at their fields, in words. */
export function placeDraftIssues(
  t: Messages,
  issues: readonly Pick<Issue, 'path' | 'code' | 'params'>[],
): DraftIssues {
  const placed: DraftIssues = { byField: {}, general: [] };
  for (const issue of issues) {
    const [field] = issue.path;
    const text = issueText(t, issue);
    const list = isDraftField(field) ? (placed.byField[field] ??= []) : placed.general;
    if (!list.includes(text)) list.push(text);
  }
  return placed;
}

/** The draft checked with the domain's own schema before anything is sent: the draft, or its issues in words. */
export function checkDraft(
  t: Messages,
  inputs: DraftInputs,
): { ok: true; draft: PolicyDraft } | { ok: false; issues: DraftIssues } {
  const value = draftValue(inputs);
  const parsed = PolicyDraft.safeParse(value);
  if (parsed.success) return { ok: true, draft: parsed.data };
  return {
    ok: false,
    issues: placeDraftIssues(
      t,
      parsed.error.issues.map((issue) => {
        const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
        // A field left empty is required, whatever language zod words its issue in (the UI sets its locale).
        const missing = path.length === 1 && value[String(path[0])] === undefined;
        return { path, ...(missing ? { code: 'required' as const } : codeOfZodIssue(issue)) };
      }),
    ),
  };
}

/** Two drafts are the same when their inputs say the same: the impact of one is the impact of the other. */
export const draftKey = (inputs: DraftInputs): string => JSON.stringify(draftValue(inputs));

/** A published version with the open cases it listed for review (issue 16, point 6): the work list's view of it. */
export type ReviewedVersion = Pick<
  ListedPolicyVersion,
  'version' | 'validFrom' | 'publishedAt' | 'publishedBy' | 'review'
> & { publishedAt: string };

/** Newest first: the latest publication first, then the later `validFrom`, then the name (so the order is stable). */
const newestFirst = (
  a: Pick<ListedPolicyVersion, 'version' | 'validFrom'> & { publishedAt: string },
  b: Pick<ListedPolicyVersion, 'version' | 'validFrom'> & { publishedAt: string },
): number =>
  Date.parse(b.publishedAt) - Date.parse(a.publishedAt) ||
  b.validFrom.localeCompare(a.validFrom) ||
  b.version.localeCompare(a.version);

/** The published versions whose review list holds a case, newest first; the built-in ones list none. */
export function versionsToReview(
  versions: readonly Pick<
    ListedPolicyVersion,
    'version' | 'validFrom' | 'publishedAt' | 'publishedBy' | 'review'
  >[],
): ReviewedVersion[] {
  return versions
    .filter(
      (version): version is ReviewedVersion => version.publishedAt !== null && version.review.length > 0,
    )
    .sort(newestFirst);
}

/** One version's listing of one case: why the case is to be reviewed after that version. */
export interface CaseReview {
  version: string;
  validFrom: string;
  publishedAt: string;
  publishedBy: string | null;
  kinds: readonly string[];
}

/** The published versions that listed a case for review, newest first, each with the kinds of effect it had on it. */
export function reviewsForCase(
  versions: readonly Pick<
    ListedPolicyVersion,
    'version' | 'validFrom' | 'publishedAt' | 'publishedBy' | 'review'
  >[],
  dufNumber: string,
): CaseReview[] {
  return versionsToReview(versions).flatMap((version) => {
    const entry = version.review.find((item) => item.dufNumber === dufNumber);
    return entry
      ? [
          {
            version: version.version,
            validFrom: version.validFrom,
            publishedAt: version.publishedAt,
            publishedBy: version.publishedBy,
            kinds: entry.kinds,
          },
        ]
      : [];
  });
}

/** A review list with the cases the reader holds first, otherwise in the order the version listed them. */
export function heldFirst<T extends { dufNumber: string }>(
  review: readonly T[],
  held: ReadonlySet<string>,
): T[] {
  return [
    ...review.filter((entry) => held.has(entry.dufNumber)),
    ...review.filter((entry) => !held.has(entry.dufNumber)),
  ];
}

/** The kinds of effect as one sentence-like list in the reader's language; never the kinds' ids. */
export const policyKindsText = (t: Messages, kinds: readonly string[]): string =>
  kinds.map((kind) => policyKindText(t, kind)).join('; ');
