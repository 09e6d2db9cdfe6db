import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ReplayJobStatus = z.enum(['running', 'done', 'failed']);

export const ReplayJob = z.object({
  id: z.uuid(),
  status: ReplayJobStatus,
  /** Who asked for it. */
  requestedBy: z.string(),
  startedAt: z.string(),
  /** Moves with every case replayed: a running job whose `updatedAt` stands still was cut off by a restart. */
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  /** How many cases there are to replay, once they are listed. */
  total: z.number().int().optional(),
  replayed: z.number().int(),
  failed: z.array(z.object({ dufNumber: z.string(), error: z.string() })),
  /** Why the job itself failed (not a case: those are in `failed`). */
  error: z.string().optional(),
});
export type ReplayJob = z.infer<typeof ReplayJob>;

/** How long finished jobs are kept for their caller to read. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

/**
 * The all-cases replay jobs, one JSON file each under `replay-jobs/` in the data folder: any API instance on the
 * same data folder answers `GET /api/audit/replay/:job`, whichever one runs it.
 */
export class ReplayJobs {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = path.join(dataDir, 'replay-jobs');
  }

  create(requestedBy: string): ReplayJob {
    this.forgetOld();
    const now = new Date().toISOString();
    const job: ReplayJob = {
      id: randomUUID(),
      status: 'running',
      requestedBy,
      startedAt: now,
      updatedAt: now,
      replayed: 0,
      failed: [],
    };
    this.save(job);
    return job;
  }

  find(id: string): ReplayJob | undefined {
    const file = this.fileOf(id);
    if (!existsSync(file)) return undefined;
    return ReplayJob.parse(JSON.parse(readFileSync(file, 'utf8')));
  }

  save(job: ReplayJob): void {
    mkdirSync(this.folder, { recursive: true });
    const file = this.fileOf(job.id);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify({ ...job, updatedAt: new Date().toISOString() })}\n`, {
      mode: 0o600,
    });
    renameSync(partial, file);
  }

  private fileOf(id: string): string {
    // The id is a UUID (checked by the route), so it names a file in the folder and nothing else.
    return path.join(this.folder, `${z.uuid().parse(id)}.json`);
  }

  private forgetOld(): void {
    if (!existsSync(this.folder)) return;
    const cutoff = Date.now() - KEEP_MS;
    for (const name of readdirSync(this.folder)) {
      const file = path.join(this.folder, name);
      try {
        if (statSync(file).mtimeMs < cutoff) unlinkSync(file);
      } catch {
        // Another instance removed it first.
      }
    }
  }
}
