import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineUpdate,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  allVersionsOf,
  osloCalendarDate,
  PolicyPublication,
  publicationRefusal,
  PUBLISH_POLICY_VERSION_UPDATE,
  validationRejection,
  type PolicyRegistryState,
  type PublicationRefusal,
  type PublishedPolicyVersion,
} from '@saksflyt/domain';
import { codecRefusal } from './codec-refusal';

export const publishPolicyVersionUpdate = defineUpdate<PublishedPolicyVersion, [unknown]>(
  PUBLISH_POLICY_VERSION_UPDATE,
);

/** Publications per run before continuing as new; UDI publishes a few a year, so this is a bound, not a rhythm. */
const PUBLICATIONS_PER_RUN = 200;

/**
 * The policy registry (issue 16): one long-running workflow whose history is the audit trail of every version
 * published, by whom and when. Each publication is an Update, refused by its validator (nothing recorded) when the
 * draft is bad, starts in the past, or takes a date or name another version has. The versions are read from the
 * history (libs/audit/src/policy-registry.ts), so reading them needs no worker; each command brings them to its case,
 * which records them as the Update's input (protection-case.workflow.ts, `commandContext` in client.ts).
 */
export async function policyRegistry(carried: PolicyRegistryState = { published: [] }): Promise<void> {
  const published = [...carried.published];
  let publishedThisRun = 0;

  /** The publication as the registry would take it now, or why not. */
  function judge(payload: unknown): { ok: true; publication: PolicyPublication } | PublicationRefusal {
    const refused = codecRefusal(payload);
    if (refused) return refused;
    const parsed = PolicyPublication.safeParse(payload);
    if (!parsed.success) {
      const { message, issues } = validationRejection('PolicyPublication', parsed.error.issues);
      return { error: 'ValidationError', message, issues };
    }
    const today = osloCalendarDate(new Date().toISOString());
    return (
      publicationRefusal(parsed.data.draft, allVersionsOf(published), today) ?? {
        ok: true,
        publication: parsed.data,
      }
    );
  }

  setHandler(
    publishPolicyVersionUpdate,
    (payload) => {
      // A replayed update skips its validator: the handler judges again, on the same state, and so alike.
      const judged = judge(payload);
      if (!('ok' in judged)) throw refusalFailure(judged);
      const { draft, publishedBy, review } = judged.publication;
      const version: PublishedPolicyVersion = {
        ...draft,
        publishedAt: new Date().toISOString(),
        publishedBy,
        review: review ?? [],
      };
      published.push(version);
      publishedThisRun += 1;
      return version;
    },
    {
      validator: (payload) => {
        const judged = judge(payload);
        if (!('ok' in judged)) throw refusalFailure(judged);
      },
    },
  );

  await condition(() => publishedThisRun >= PUBLICATIONS_PER_RUN || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof policyRegistry>({ published });
}

function refusalFailure(refusal: PublicationRefusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: refusal.error,
    message: refusal.message,
    nonRetryable: true,
    details: [
      refusal.error === 'ValidationError'
        ? { issues: refusal.issues }
        : { code: refusal.code, params: refusal.params },
    ],
  });
}
