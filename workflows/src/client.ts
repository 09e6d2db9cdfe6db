// Client-side helpers for the API, the CLI and tests. Not part of the workflow bundle (index.ts does not import it).
import {
  type Client,
  type WorkflowHandleWithFirstExecutionRunId,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { PolicyRegistry } from '@saksflyt/audit';
import { asPolicyData, type ApplicationLodged } from '@saksflyt/domain';
import { caseWorkflowId, type CommandContext, type ProtectionCaseOptions } from './messages';
import type { protectionCase } from './protection-case.workflow';

/**
 * Starts the case of one application. A DUF number has one case for ever: a second start is refused with
 * `WorkflowExecutionAlreadyStartedError`, whether the first case is still open or long closed.
 */
export async function startProtectionCase(
  client: Client,
  application: ApplicationLodged,
  taskQueue: string,
  options: ProtectionCaseOptions = {},
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof protectionCase>> {
  return client.workflow.start<typeof protectionCase>('protectionCase', {
    args: [application, { ...options, ...(await commandContext(client)) }],
    taskQueue,
    workflowId: caseWorkflowId(application.dufNumber),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
  });
}

/**
 * What goes with a case's start and each command (issue 16): the versions published to the policy registry, read from
 * the registry's history (no worker needed), without who published them or their review lists.
 */
export async function commandContext(client: Client): Promise<Required<CommandContext>> {
  return { publishedPolicy: (await new PolicyRegistry(client).published()).map(asPolicyData) };
}

/** The workflow has completed (or Temporal's retention has deleted it): an Update cannot reach it. */
export function isCaseWorkflowGone(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError || (error as { code?: number }).code === 5;
}

/**
 * The case closed and its workflow is finishing (archiving): it took no Update. What a closed case still takes (a
 * note) goes to its archived record instead.
 */
export function refusedAsClosed(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    (error.cause.details?.[0] as { caseClosed?: boolean } | undefined)?.caseClosed === true
  );
}
