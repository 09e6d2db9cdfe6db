import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { existsSync } from 'node:fs';
import { replayHistories, type ReplayFailure } from '@saksflyt/audit';
import { bundleWorkflows, createDataConverter, type KeyRing, type Settings } from '@saksflyt/temporal';
import { caseWorkflowId, PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import { KEY_RING, SETTINGS, TEMPORAL_CLIENT, type TemporalClient } from '../temporal-client.provider';

export interface ReplayReport {
  replayed: number;
  failed: ReplayFailure[];
}

/** Replays case histories against today's workflow code, on one replay worker: a case that would no longer replay is named. */
@Injectable()
export class ReplayService {
  private bundle?: Promise<{ code: string }>;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: TemporalClient,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(KEY_RING) private readonly keys: KeyRing,
  ) {}

  async replay(dufNumbers?: string[]): Promise<ReplayReport> {
    const ids = dufNumbers?.length ? await this.existing([...new Set(dufNumbers)]) : await this.allCaseIds();
    const client = this.client;
    async function* histories() {
      for (const workflowId of ids) {
        yield { workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() };
      }
    }
    const report: ReplayReport = { replayed: 0, failed: [] };
    const results = replayHistories(
      {
        workflowBundle: await this.workflowBundle(),
        // The replay decides as the worker did: with its policy for unencrypted payloads, and as a worker.
        dataConverter: createDataConverter(this.keys, {
          reader: 'worker',
          plaintext: this.settings.encryption.plaintext,
        }),
      },
      histories(),
    );
    for await (const result of results) {
      report.replayed += 1;
      if (result.error) {
        report.failed.push({
          dufNumber: result.workflowId.replace(/^case-/, ''),
          error: result.error.message,
        });
      }
    }
    return report;
  }

  /** A named case Temporal does not hold is the caller's mistake (404), found before anything is replayed. */
  private async existing(dufNumbers: string[]): Promise<string[]> {
    const missing: string[] = [];
    // A few at a time: a request may name a thousand cases.
    for (let start = 0; start < dufNumbers.length; start += 50) {
      await Promise.all(
        dufNumbers.slice(start, start + 50).map((dufNumber) =>
          this.client.workflow
            .getHandle(caseWorkflowId(dufNumber))
            .describe()
            .catch((error: unknown) => {
              if (!(error instanceof WorkflowNotFoundError)) throw error;
              missing.push(dufNumber);
            }),
        ),
      );
    }
    if (missing.length > 0) {
      throw new NotFoundException({ error: 'NotFound', message: `no case ${missing.sort().join(', ')}` });
    }
    return dufNumbers.map(caseWorkflowId);
  }

  private async allCaseIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const execution of this.client.workflow.list({
      query: `WorkflowType = '${PROTECTION_CASE_WORKFLOW}'`,
    })) {
      ids.push(execution.workflowId);
    }
    return [...new Set(ids)];
  }

  /** The prebuilt bundle the worker runs when there is one; otherwise today's sources, bundled once. */
  private workflowBundle(): Promise<{ code: string } | { codePath: string }> {
    const prebuilt = this.settings.worker.workflowBundle;
    if (prebuilt && existsSync(prebuilt)) return Promise.resolve({ codePath: prebuilt });
    this.bundle ??= bundleWorkflows(require.resolve('@saksflyt/workflows'));
    return this.bundle;
  }
}
