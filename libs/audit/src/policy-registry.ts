import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import {
  POLICY_REGISTRY_WORKFLOW,
  POLICY_REGISTRY_WORKFLOW_ID,
  PUBLISH_POLICY_VERSION_UPDATE,
  osloCalendarDate,
  type PolicyDraft,
  type PolicyListing,
  policyInForce,
  type PolicyPublication,
  type PolicyRegistryState,
  type PolicyVersion,
  policyWithPublished,
  PublishedPolicyVersion,
} from '@saksflyt/domain';
import type { CaseSource } from './case-source';
import { openCasesImpact } from './policy-impact';

/**
 * The policy registry as its clients see it (issue 16): the published versions read from the registry workflow's
 * history, which needs no worker (the run's input carries what earlier runs published; each completed publication
 * holds the version as published), and a publication as an Update-with-Start, so the first one starts the registry.
 */
export class PolicyRegistry {
  constructor(
    private readonly client: Client,
    /** `taskQueue`: where the registry runs, for publishing (it starts the registry the first time). */
    private readonly options: { taskQueue?: string; workflowId?: string } = {},
  ) {}

  private get workflowId(): string {
    return this.options.workflowId ?? POLICY_REGISTRY_WORKFLOW_ID;
  }

  /** Every published version, oldest first; none before the first publication. */
  async published(): Promise<PublishedPolicyVersion[]> {
    let history;
    try {
      history = await this.client.workflow.getHandle(this.workflowId).fetchHistory();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || (error as { code?: number }).code === 5) return [];
      throw error;
    }
    const converter = this.client.options.loadedDataConverter;
    const published: PublishedPolicyVersion[] = [];
    for (const event of history.events ?? []) {
      const started = event.workflowExecutionStartedEventAttributes;
      if (started) {
        const [carried] = (await decodeArrayFromPayloads(converter, started.input?.payloads)) as [
          PolicyRegistryState | undefined,
        ];
        published.push(...(carried?.published ?? []).map((version) => PublishedPolicyVersion.parse(version)));
      }
      const completed = event.workflowExecutionUpdateCompletedEventAttributes;
      const success = completed?.outcome?.success;
      if (success) {
        const [version] = await decodeArrayFromPayloads(converter, success.payloads);
        published.push(PublishedPolicyVersion.parse(version));
      }
    }
    return published;
  }

  /**
   * Publishes a version, starting the registry the first time. The registry's validator refuses a bad one (a
   * WorkflowUpdateFailedError whose cause is an ApplicationFailure of type ValidationError or Conflict), and then
   * nothing is recorded. (Start, then Update, rather than Update-with-Start: every server this runs on, the
   * time-skipping test server among them, has both.)
   */
  async publish(publication: PolicyPublication): Promise<PublishedPolicyVersion> {
    const { taskQueue } = this.options;
    if (!taskQueue) throw new Error('publishing a policy version needs the task queue the registry runs on');
    try {
      await this.client.workflow.start(POLICY_REGISTRY_WORKFLOW, {
        workflowId: this.workflowId,
        taskQueue,
        args: [{ published: [] } satisfies PolicyRegistryState],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    const version = await this.client.workflow
      .getHandle(this.workflowId)
      .executeUpdate(PUBLISH_POLICY_VERSION_UPDATE, { args: [publication] });
    return PublishedPolicyVersion.parse(version);
  }
}

/** The cases' policy now: a profile's built-in versions with every published one among them by date. */
export async function currentPolicy(
  registry: Pick<PolicyRegistry, 'published'>,
  builtIn: readonly PolicyVersion[],
): Promise<{ versions: readonly PolicyVersion[]; published: PublishedPolicyVersion[] }> {
  const published = await registry.published();
  return { versions: policyWithPublished(builtIn, published), published };
}

/**
 * Publishes a draft as the API and the CLI do (issue 16): its impact on the open cases is found first, under the
 * policy now in force, and the cases it touches are published with it as its review list. The registry's refusal
 * comes back as the WorkflowUpdateFailedError it is; nothing is published then.
 */
export async function publishWithReview(
  {
    registry,
    source,
    builtIn,
  }: { registry: PolicyRegistry; source: CaseSource; builtIn: readonly PolicyVersion[] },
  draft: PolicyDraft,
  publishedBy: string,
): Promise<PublishedPolicyVersion> {
  const { versions } = await currentPolicy(registry, builtIn);
  const impact = await openCasesImpact(source, draft, { now: new Date().toISOString(), policy: versions });
  const review = impact.map(({ dufNumber, effects }) => ({
    dufNumber,
    kinds: [...new Set(effects.map((effect) => effect.kind))],
  }));
  return registry.publish({ draft, publishedBy, review });
}

/** Every version, oldest first, and the name of the one in force on `now`'s Oslo date. */
export async function policyListing(
  registry: Pick<PolicyRegistry, 'published'>,
  builtIn: readonly PolicyVersion[],
  now: string = new Date().toISOString(),
): Promise<PolicyListing> {
  const { versions, published } = await currentPolicy(registry, builtIn);
  const byName = new Map(published.map((version) => [version.version, version]));
  return {
    inForce: policyInForce(osloCalendarDate(now), versions).version,
    versions: versions.map((version) => {
      const publication = byName.get(version.version);
      return {
        version: version.version,
        validFrom: version.validFrom,
        source: version.source,
        internalProtectionSafeOblasts: [...version.internalProtectionSafeOblasts],
        collectiveProtectionExcludedOblasts: [...version.collectiveProtectionExcludedOblasts],
        defaultDepartureDeadlineDays: version.defaultDepartureDeadlineDays,
        publishedAt: publication?.publishedAt ?? null,
        publishedBy: publication?.publishedBy ?? null,
        review: publication?.review ?? [],
      };
    }),
  };
}
