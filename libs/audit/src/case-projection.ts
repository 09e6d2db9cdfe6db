import { Pool } from 'pg';
import { type CaseEvent, type CaseState, evolve } from '@saksflyt/domain';
import { schemaOnce } from './postgres-schema';

/** A case as the projection holds it: its events and their fold, up to the last event it has without a gap. */
export interface ProjectedCase {
  events: CaseEvent[];
  state: CaseState;
}

/** What one write did: how far the case's fold now reaches, and how many of the events given were new. */
export interface ProjectionWrite {
  lastEventSeq: number;
  added: number;
}

/** How far the projection lags behind the cases: what an operator watches (`saksflyt projection status`). */
export interface ProjectionStatus {
  cases: number;
  events: number;
  /** Events stored past a gap, waiting for the events before them: 0 unless a write is in flight or was lost. */
  waiting: number;
}

/** Attempts at moving a case's fold before a write gives up: each is lost only to another writer's newer fold. */
const FOLD_ATTEMPTS = 20;

/** The store's tables and indexes (`CREATE … IF NOT EXISTS`: run by whichever process uses the store first). */
const PROJECTION_SCHEMA = `CREATE TABLE IF NOT EXISTS saksflyt_projection_events (
    duf_number text NOT NULL,
    seq integer NOT NULL,
    event jsonb NOT NULL,
    projected_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (duf_number, seq)
  );
  CREATE TABLE IF NOT EXISTS saksflyt_projection_cases (
    duf_number text PRIMARY KEY,
    last_event_seq integer NOT NULL,
    state jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );`;

/**
 * The read model of every case (issue 17): its domain events, and the state they fold to with the same `evolve` as
 * the workflow, in PostgreSQL (production: `SAKSFLYT_PROJECTION_URL`, by default the archive's database) or in the
 * embedded PGlite that `npm start` serves over the same protocol (`embedded-projection.ts`): one SQL dialect.
 *
 * A write is idempotent by (case, seq): the workflow's `projectCase` activity may be retried, and a rebuild may
 * write what the workflow already wrote. Each statement stands alone, never in a transaction (PGlite's socket server
 * shares one session among its connections): the events go in first, then the fold moves forward over the events
 * that follow its last one without a gap, under an optimistic check on that last seq, so two writers of one case
 * can only ever move it forward, and an event that arrives before the one it follows waits for it.
 *
 * It is derived data, never evidence: the archive keeps the evidence (docs/audit.md). Dropping the tables loses
 * nothing that `saksflyt projection rebuild` cannot write again from Temporal and the archive.
 */
export class CaseProjection {
  private readonly pool: Pool;
  /** Creates the tables when they are missing; every other method calls it first. */
  readonly schema: () => Promise<void>;

  constructor(connectionString: string, poolSize = 4) {
    // Idle connections never keep a process alive that has nothing else to do (a CLI command, a test).
    this.pool = new Pool({ connectionString, max: poolSize, allowExitOnIdle: true });
    this.schema = schemaOnce(this.pool, PROJECTION_SCHEMA);
    // An idle connection the server dropped must not crash the process that holds the pool.
    this.pool.on('error', () => undefined);
  }

  /**
   * Adds a case's events (any of them, in any order, again or not) and moves its fold over every event that now
   * follows it without a gap. Returns how far the fold reaches.
   */
  async append(dufNumber: string, events: readonly CaseEvent[]): Promise<ProjectionWrite> {
    await this.schema();
    let added = 0;
    if (events.length > 0) {
      const inserted = await this.pool.query(
        `INSERT INTO saksflyt_projection_events (duf_number, seq, event)
           SELECT $1, (e->>'seq')::integer, e FROM jsonb_array_elements($2::jsonb) AS e
           ON CONFLICT (duf_number, seq) DO NOTHING`,
        [dufNumber, JSON.stringify(events)],
      );
      added = inserted.rowCount ?? 0;
    }
    for (let attempt = 1; attempt <= FOLD_ATTEMPTS; attempt++) {
      const current = await this.foldRow(dufNumber);
      const after = current?.lastEventSeq ?? 0;
      const { rows } = await this.pool.query<{ event: CaseEvent }>(
        `SELECT event FROM saksflyt_projection_events WHERE duf_number = $1 AND seq > $2 ORDER BY seq`,
        [dufNumber, after],
      );
      let state: CaseState | null = current?.state ?? null;
      let last = after;
      for (const { event } of rows) {
        if (event.seq !== last + 1) break;
        state = evolve(state, event);
        last = event.seq;
      }
      if (last === after || !state) return { lastEventSeq: after, added };
      const moved = await this.pool.query(
        `INSERT INTO saksflyt_projection_cases (duf_number, last_event_seq, state) VALUES ($1, $2, $3)
           ON CONFLICT (duf_number) DO UPDATE SET last_event_seq = $2, state = $3, updated_at = now()
           WHERE saksflyt_projection_cases.last_event_seq = $4`,
        [dufNumber, last, JSON.stringify(state), after],
      );
      if (moved.rowCount === 1) return { lastEventSeq: last, added };
      // Another writer moved the fold first: read where it left it and go on from there.
    }
    throw new Error(`case ${dufNumber}: the projection's fold kept moving under ${FOLD_ATTEMPTS} writes`);
  }

  /** How far the case's fold reaches (0: the projection does not have the case). */
  async lastEventSeq(dufNumber: string): Promise<number> {
    return (await this.foldRow(dufNumber))?.lastEventSeq ?? 0;
  }

  /** The case's state, or undefined when the projection does not have it. */
  async state(dufNumber: string): Promise<CaseState | undefined> {
    return (await this.foldRow(dufNumber))?.state;
  }

  /** The case's events up to its fold, and the fold; undefined when the projection does not have the case. */
  async record(dufNumber: string): Promise<ProjectedCase | undefined> {
    const row = await this.foldRow(dufNumber);
    if (!row) return undefined;
    const { rows } = await this.pool.query<{ event: CaseEvent }>(
      `SELECT event FROM saksflyt_projection_events WHERE duf_number = $1 AND seq <= $2 ORDER BY seq`,
      [dufNumber, row.lastEventSeq],
    );
    return { events: rows.map((r) => r.event), state: row.state };
  }

  /**
   * Waits until the case's fold reaches `seq` (read-your-writes: a command's answer waits for its own events), or
   * `timeoutMs` passes. Returns how far it reached.
   */
  async waitFor(dufNumber: string, seq: number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const reached = await this.lastEventSeq(dufNumber);
      if (reached >= seq || Date.now() >= deadline) return reached;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  async status(): Promise<ProjectionStatus> {
    await this.schema();
    const { rows } = await this.pool.query<{ cases: number; events: number; waiting: number }>(
      `SELECT (SELECT count(*)::integer FROM saksflyt_projection_cases) AS cases,
              (SELECT count(*)::integer FROM saksflyt_projection_events) AS events,
              (SELECT count(*)::integer FROM saksflyt_projection_events e
                 LEFT JOIN saksflyt_projection_cases c USING (duf_number)
                 WHERE e.seq > coalesce(c.last_event_seq, 0)) AS waiting`,
    );
    return rows[0] ?? { cases: 0, events: 0, waiting: 0 };
  }

  /** Every case the projection has, for a check or a rebuild. */
  async dufNumbers(): Promise<string[]> {
    await this.schema();
    const { rows } = await this.pool.query<{ duf_number: string }>(
      `SELECT duf_number FROM saksflyt_projection_cases ORDER BY duf_number`,
    );
    return rows.map((row) => row.duf_number);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async foldRow(dufNumber: string): Promise<{ lastEventSeq: number; state: CaseState } | undefined> {
    await this.schema();
    const { rows } = await this.pool.query<{ last_event_seq: number; state: CaseState }>(
      `SELECT last_event_seq, state FROM saksflyt_projection_cases WHERE duf_number = $1`,
      [dufNumber],
    );
    const row = rows[0];
    return row ? { lastEventSeq: row.last_event_seq, state: row.state } : undefined;
  }
}
