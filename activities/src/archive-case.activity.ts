import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { archiveCase, type CaseArchive } from '@saksflyt/audit';

export interface ArchiveCaseInput {
  dufNumber: string;
  reason: 'case-closed' | 'on-demand';
}

export interface ArchiveDependencies {
  client: Client;
  archive: CaseArchive;
}

/**
 * Copies a case from Temporal into the archive: called by the case itself as it closes, or on demand.
 */
export function archiveCaseActivity(dependencies: ArchiveDependencies | undefined) {
  return async (input: ArchiveCaseInput): Promise<{ index: number; hash: string }> => {
    if (!dependencies) {
      throw ApplicationFailure.nonRetryable('the worker has no archive configured', 'ConfigurationError');
    }
    const record = await archiveCase(
      dependencies.client,
      dependencies.archive,
      input.dufNumber,
      input.reason,
    );
    return { index: record.index, hash: record.hash };
  };
}
