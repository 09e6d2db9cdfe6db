// Message definitions shared by the workflow and every client (API, CLI, tests).
import { defineQuery } from '@temporalio/workflow';
import type { CaseEvent, CaseState } from '@saksflyt/domain';

export const PROTECTION_CASE_WORKFLOW = 'protectionCase';

/** The workflow id of a case (contract §1): one case per DUF number. */
export function caseWorkflowId(dufNumber: string): string {
  return `case-${dufNumber}`;
}

export const stateQuery = defineQuery<CaseState>('state');
export const eventsQuery = defineQuery<CaseEvent[]>('events');
