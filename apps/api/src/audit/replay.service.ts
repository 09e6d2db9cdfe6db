import { Inject, Injectable, Logger, NotFoundException, type OnApplicationShutdown } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { existsSync } from 'node:fs';
import { replayHistories, type ReplayFailure } from '@saksflyt/audit';
import { bundleWorkflows, createDataConverter, type KeyRing, type Settings } from '@saksflyt/temporal';
import { caseWorkflowId, dufNumberOf, PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import { KEY_RING, SETTINGS, TEMPORAL_CLIENT, type TemporalClient } from '../temporal-client.provider';
import { type ReplayJob, ReplayJobs } from './replay-jobs';

export interface ReplayReport {
  replayed: number;
  failed: ReplayFailure[];
}

/** A running job writes its progress at most this often (and once at the end). */
const PROGRESS_EVERY_MS = 500;

class Stopped extends Error {}

/**
 * Replays case histories against today's workflow code, on one replay worker: a case that would no longer replay is
 * named. Named cases are replayed while the request waits; every case is a job that reports its progress, one at a
 * time per API instance.
 */
@Injectable()
export class ReplayService implements OnApplicationShutdown {
  private bundle?: Promise<{ code: string }>;
  private readonly jobs: ReplayJobs;
  private readonly logger = new Logger('replay');
  private running?: { job: ReplayJob; done: Promise<void> };
  private stopping = false;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: TemporalClient,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(KEY_RING) private readonly keys: KeyRing,
  ) {
    this.jobs = new ReplayJobs(settings.dataDir);
  }

  /** The named cases, now; a name Temporal does not hold is a 404 before anything is replayed. */
  async replay(dufNumbers: string[]): Promise<ReplayReport> {
    const report: ReplayReport = { replayed: 0, failed: [] };
    await this.run(await this.existing([...new Set(dufNumbers)]), (failure) => {
      report.replayed += 1;
      if (failure) report.failed.push(failure);
    });
    return report;
  }

  /**
   * Every case, as a job: answers at once with the job, which goes on in the background. While one runs on this
   * instance, asking again answers the running one rather than starting a second.
   */
  startAll(requestedBy: string): ReplayJob {
    if (this.running) return this.jobs.find(this.running.job.id) ?? this.running.job;
    const job = this.jobs.create(requestedBy);
    const done = this.runJob(job).finally(() => {
      this.running = undefined;
    });
    this.running = { job, done };
    return job;
  }

  job(id: string): ReplayJob {
    const job = this.jobs.find(id);
    if (!job) throw new NotFoundException({ error: 'NotFound', message: `no replay job ${id}` });
    return job;
  }

  /** A stopping API ends its job after the case in hand, marked failed, so no job is left running forever. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running?.done;
  }

  private async runJob(job: ReplayJob): Promise<void> {
    let written = Date.now();
    try {
      const ids = await this.allCaseIds();
      job.total = ids.length;
      this.jobs.save(job);
      await this.run(ids, (failure) => {
        job.replayed += 1;
        if (failure) job.failed.push(failure);
        if (Date.now() - written >= PROGRESS_EVERY_MS) {
          this.jobs.save(job);
          written = Date.now();
        }
      });
      if (job.replayed < ids.length) throw new Stopped();
      job.status = 'done';
    } catch (error) {
      job.status = 'failed';
      job.error =
        error instanceof Stopped
          ? 'the API stopped before the replay finished; start another'
          : 'the replay could not go on; the error is in the API log';
      if (!(error instanceof Stopped)) this.logger.error(`replay job ${job.id}: ${String(error)}`);
    }
    job.finishedAt = new Date().toISOString();
    this.jobs.save(job);
  }

  private async run(ids: string[], onResult: (failure?: ReplayFailure) => void): Promise<void> {
    if (ids.length === 0) return;
    const client = this.client;
    const stopped = () => this.stopping;
    async function* histories() {
      for (const workflowId of ids) {
        if (stopped()) throw new Stopped();
        yield { workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() };
      }
    }
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
      onResult(
        result.error ? { dufNumber: dufNumberOf(result.workflowId), error: result.error.message } : undefined,
      );
    }
  }

  /** A named case Temporal does not hold is the caller's mistake (404), found before anything is replayed. */
  private async existing(dufNumbers: string[]): Promise<string[]> {
    const missing: string[] = [];
    // A few at a time.
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
      if (this.stopping) throw new Stopped();
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
