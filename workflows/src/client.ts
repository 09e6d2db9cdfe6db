// Client-side helpers for the API, the CLI and tests. Not part of the workflow bundle (index.ts does not import it).
import { type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { ApplicationLodged } from '@saksflyt/domain';
import { caseWorkflowId, type ProtectionCaseOptions } from './messages';
import type { protectionCase } from './protection-case.workflow';

/**
 * Starts the case of one application. A DUF number has one case for ever: a second start is refused with
 * `WorkflowExecutionAlreadyStartedError`, whether the first case is still open or long closed.
 */
export function startProtectionCase(
  client: Client,
  application: ApplicationLodged,
  taskQueue: string,
  options?: ProtectionCaseOptions,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof protectionCase>> {
  return client.workflow.start<typeof protectionCase>('protectionCase', {
    args: options ? [application, options] : [application],
    taskQueue,
    workflowId: caseWorkflowId(application.dufNumber),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
  });
}
