import { z } from 'zod';
import { Username } from './actor';
import { DufNumber, IsoDate, IsoDateTime } from './application-lodged';
import { Oblast } from './oblasts';
import { draftAsVersion, PolicyDraft, PolicyEffectKind } from './policy-draft';
import { policyInForce, type PolicyVersion, STANDARD_POLICY } from './policy';
import { refusalText, type RefusalCode, type RefusalParams } from './refusals';
import { invalid, type Issue } from './topics/topic';

/**
 * The policy registry (issue 16): the versions UDI publishes at runtime, kept by one long-running Temporal workflow
 * whose history is the audit trail of who published what, when (workflows/src/policy-registry.workflow.ts). The
 * versions in `policy.ts` are its first versions, built in; a published version adds the two oblast lists and the
 * departure default, over the time limits of the law in force on its `validFrom`.
 */
export const POLICY_REGISTRY_WORKFLOW = 'policyRegistry';
export const POLICY_REGISTRY_WORKFLOW_ID = 'saksflyt-policy-registry';
export const PUBLISH_POLICY_VERSION_UPDATE = 'publishPolicyVersion';

/** An open case the version would treat differently when it was published: listed for review, nothing reversed. */
export const PolicyReviewCase = z.object({ dufNumber: DufNumber, kinds: z.array(PolicyEffectKind).min(1) });
export type PolicyReviewCase = z.infer<typeof PolicyReviewCase>;

/** Open cases a version lists for review at most; more than this many is a draft to reconsider, not a work list. */
export const POLICY_REVIEW_LIMIT = 20_000;

/** What the registry is asked to publish: the draft, who publishes it, and the open cases its impact touched. */
export const PolicyPublication = z
  .object({
    draft: PolicyDraft,
    publishedBy: Username,
    review: z.array(PolicyReviewCase).max(POLICY_REVIEW_LIMIT).default([]),
  })
  .strict();
export type PolicyPublication = z.input<typeof PolicyPublication>;

export const PublishedPolicyVersion = PolicyDraft.extend({
  publishedAt: IsoDateTime,
  publishedBy: Username,
  review: z.array(PolicyReviewCase),
});
export type PublishedPolicyVersion = z.infer<typeof PublishedPolicyVersion>;

/** A published version as a case needs it: its lists, dates and name, without who published it or the review list. */
export function asPolicyData({
  version,
  validFrom,
  source,
  internalProtectionSafeOblasts,
  collectiveProtectionExcludedOblasts,
  defaultDepartureDeadlineDays,
}: PolicyDraft): PolicyDraft {
  return {
    version,
    validFrom,
    source,
    internalProtectionSafeOblasts,
    collectiveProtectionExcludedOblasts,
    ...(defaultDepartureDeadlineDays === undefined ? {} : { defaultDepartureDeadlineDays }),
  };
}

/** What the registry carries from one run to the next (continue-as-new). */
export interface PolicyRegistryState {
  published: PublishedPolicyVersion[];
}

/** A refused publication: a field's issue (400), or a version or date already taken (409). Nothing is published. */
export type PublicationRefusal =
  | { error: 'ValidationError'; message: string; issues: Issue[] }
  | { error: 'Conflict'; message: string; code: RefusalCode; params: RefusalParams };

const conflict = (code: RefusalCode, params: Record<string, string>): PublicationRefusal => ({
  error: 'Conflict',
  message: refusalText(code as never, params as never),
  code,
  params,
});

/**
 * Whether a draft may be published on the Oslo date `today`, beside the versions there are. A version in force is
 * never changed: it applies from today or later, on a date no other version has, under a name no other has; a
 * correction is a new version.
 */
export function publicationRefusal(
  draft: PolicyDraft,
  existing: readonly Pick<PolicyVersion, 'version' | 'validFrom'>[],
  today: string,
): PublicationRefusal | undefined {
  if (draft.validFrom < today) {
    const { message, issues } = invalid('validFrom', 'validFromInPast', { today }) as PublicationRefusal & {
      issues: Issue[];
    };
    return { error: 'ValidationError', message, issues };
  }
  const sameDate = existing.find((version) => version.validFrom === draft.validFrom);
  if (sameDate)
    return conflict('policyValidFromTaken', { validFrom: draft.validFrom, version: sameDate.version });
  if (existing.some((version) => version.version === draft.version))
    return conflict('policyVersionTaken', { version: draft.version });
  return undefined;
}

/** Every version there is: the built-in ones (the standard policy's dates), then those published, oldest first. */
export function allVersionsOf(
  published: readonly PublishedPolicyVersion[],
): Pick<PolicyVersion, 'version' | 'validFrom'>[] {
  return [...STANDARD_POLICY, ...published];
}

/**
 * A case's policy: its profile's built-in versions with the published ones among them by date. A published version
 * takes the time limits (law) of the built-in version in force on its `validFrom`, and so a profile's time scale too.
 */
export function policyWithPublished(
  builtIn: readonly PolicyVersion[],
  published: readonly PolicyDraft[],
): readonly PolicyVersion[] {
  if (published.length === 0) return builtIn;
  const added = published.map((version) =>
    draftAsVersion(version, policyInForce(version.validFrom, builtIn)),
  );
  return [...builtIn, ...added].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
}

/** A version as `GET /api/policy` and `saksflyt policy list --json` list it (contract §4), with its review list. */
export const ListedPolicyVersion = z.object({
  version: z.string(),
  validFrom: IsoDate,
  source: z.string(),
  internalProtectionSafeOblasts: z.array(Oblast),
  collectiveProtectionExcludedOblasts: z.array(Oblast),
  defaultDepartureDeadlineDays: z.number().int(),
  publishedAt: IsoDateTime.nullable().meta({
    description: 'When the version was published; null for the versions built into the code (the law)',
  }),
  publishedBy: Username.nullable().meta({
    description: 'Who published the version; null for the versions built into the code',
  }),
  review: z.array(PolicyReviewCase).meta({
    description:
      'The open cases the version treated differently when it was published, and how: listed for a caseworker to review (nothing is reversed automatically); empty for the built-in versions',
  }),
});
export type ListedPolicyVersion = z.infer<typeof ListedPolicyVersion>;

export const PolicyListing = z.object({
  inForce: z
    .string()
    .meta({ description: "The version in force today (Oslo date): one of `versions`' names" }),
  versions: z.array(ListedPolicyVersion).meta({ description: 'Every version, oldest first' }),
});
export type PolicyListing = z.infer<typeof PolicyListing>;
