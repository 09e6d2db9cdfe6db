import type { CaseProjection } from '@saksflyt/audit';
import { type CaseEvent, fold } from '@saksflyt/domain';

/** A case as its workflow tells it: the events its `events` query returned at the end of the run. */
export interface RecordedCase {
  workflowId: string;
  dufNumber: string;
  events: CaseEvent[];
}

/** What the chaos run says about the projection (issue 17): every case's read model against its workflow. */
export interface ProjectionCheck {
  /** Cases the projection has. */
  projected: number;
  /** Cases whose projected events or state differ from the workflow's (or which the projection lacks). */
  mismatches: number;
  /** Events stored past a gap at the end of the run (`status().waiting`): each is an event no read shows. */
  waiting: number;
  problems: string[];
}

/**
 * Compares each case's projection with its workflow: the same events, and the state that `fold` makes of them. The
 * projection keeps both as jsonb, which orders an object's keys its own way and drops what JSON cannot hold, so
 * both sides are compared as JSON with their keys sorted. A case whose events could not be read is left out here:
 * the run already reports it.
 */
export async function checkProjection(
  projection: Pick<CaseProjection, 'record' | 'status' | 'dufNumbers'>,
  cases: readonly RecordedCase[],
): Promise<ProjectionCheck> {
  const problems: string[] = [];
  let mismatches = 0;
  for (const recorded of cases) {
    if (recorded.events.length === 0) continue;
    const caseProblems = await caseProblemsOf(projection, recorded);
    if (caseProblems.length > 0) mismatches += 1;
    problems.push(...caseProblems);
  }
  const started = new Set(cases.map((recorded) => recorded.dufNumber));
  const projectedDufNumbers = await projection.dufNumbers();
  for (const dufNumber of projectedDufNumbers) {
    if (!started.has(dufNumber))
      problems.push(`${dufNumber}: in the projection, but the run never started it`);
  }
  const { waiting } = await projection.status();
  if (waiting > 0) problems.push(`${waiting} events wait in the projection past a gap in their case's seqs`);
  return { projected: projectedDufNumbers.length, mismatches, waiting, problems };
}

async function caseProblemsOf(
  projection: Pick<CaseProjection, 'record'>,
  { workflowId, dufNumber, events }: RecordedCase,
): Promise<string[]> {
  const record = await projection.record(dufNumber);
  const lastSeq = events.at(-1)?.seq;
  if (!record) return [`${workflowId}: not in the projection (the workflow has events 1-${lastSeq})`];
  const problems: string[] = [];
  const projectedSeqs = record.events.map((event) => event.seq);
  if (canonicalJson(record.events) !== canonicalJson(events)) {
    const differsAt = events.findIndex(
      (event, index) => canonicalJson(event) !== canonicalJson(record.events[index]),
    );
    const at = differsAt === -1 ? record.events.length : differsAt;
    problems.push(
      `${workflowId}: the projection has ${record.events.length} events (seqs ${seqRanges(projectedSeqs)}), ` +
        `the workflow ${events.length} (seqs ${seqRanges(events.map((event) => event.seq))}); first difference ` +
        `at index ${at}: projection ${JSON.stringify(record.events[at] ?? null)}, workflow ${JSON.stringify(events[at] ?? null)}`,
    );
  }
  const folded = fold(events);
  if (canonicalJson(record.state) !== canonicalJson(folded)) {
    problems.push(
      `${workflowId}: the projected state (lastEventSeq ${record.state.lastEventSeq}, ${record.state.status}) is not ` +
        `the fold of the workflow's events (lastEventSeq ${folded?.lastEventSeq}, ${folded?.status}); keys that differ: ` +
        `${differingKeys(record.state, folded).join(', ')}`,
    );
  }
  return problems;
}

/** JSON with every object's keys sorted: equal for two values exactly when jsonb would store them alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(JSON.parse(JSON.stringify(value ?? null)) as unknown));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The top-level keys of two states whose values differ, so that a mismatch says where to look. */
function differingKeys(projected: object, folded: object | null): string[] {
  const left = projected as Record<string, unknown>;
  const right = (folded ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(left), ...Object.keys(right)])]
    .filter((key) => canonicalJson(left[key]) !== canonicalJson(right[key]))
    .sort();
}

/** 1-5,7,9-10: which seqs a list holds, short enough for a report line. */
function seqRanges(seqs: readonly number[]): string {
  const ranges: string[] = [];
  for (let index = 0; index < seqs.length;) {
    const start = seqs[index] as number;
    let end = start;
    while (seqs[index + 1] === end + 1) end = seqs[++index] as number;
    ranges.push(start === end ? `${start}` : `${start}-${end}`);
    index += 1;
  }
  return ranges.join(',') || 'none';
}
