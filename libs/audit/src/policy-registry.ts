import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import {
  POLICY_REGISTRY_WORKFLOW,
  POLICY_REGISTRY_WORKFLOW_ID,
  PUBLISH_POLICY_VERSION_UPDATE,
  type PolicyPublication,
  type PolicyRegistryState,
  PublishedPolicyVersion,
} from '@saksflyt/domain';

/**
 * The policy registry as its clients see it (issue 16): the published versions read from the registry workflow's
 * history, which needs no worker (the run's input carries what earlier runs published; each completed publication
 * holds the version as published), and a publication as an Update-with-Start, so the first one starts the registry.
 */
export class PolicyRegistry {
  constructor(
    private readonly client: Client,
    private readonly options: { taskQueue: string; workflowId?: string },
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
    try {
      await this.client.workflow.start(POLICY_REGISTRY_WORKFLOW, {
        workflowId: this.workflowId,
        taskQueue: this.options.taskQueue,
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
