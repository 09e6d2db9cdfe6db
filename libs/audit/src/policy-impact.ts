import {
  type CaseStatus,
  fold,
  impactReach,
  type PolicyDraft,
  type PolicyEffect,
  policyImpact,
  type PolicyVersion,
} from '@saksflyt/domain';
import { CaseNotFoundError, type CaseSource } from './case-source';
import { limiter } from './open-cases';

/** Cases read at once: a query each, answered by the workers while they go on running the cases. */
export const IMPACT_READS_AT_ONCE = 8;

export interface CaseImpact {
  dufNumber: string;
  status: CaseStatus;
  effects: PolicyEffect[];
}

/**
 * The open cases within a draft's reach (`impactReach`, `withinImpactReach`) as a visibility clause: from a home area
 * it reaches, or decided at first instance when it reaches decisions. A case whose workflow set no `LodgedAt` (started
 * before work allocation, and not reindexed) has no `DecidedAt` either, so it is read whenever decisions are reached.
 * Undefined when the draft reaches no case at all.
 */
export function reachClause({ homeOblasts, decided }: ReturnType<typeof impactReach>): string | undefined {
  const clauses = [
    ...(homeOblasts.length
      ? [`HomeOblast IN (${homeOblasts.map((oblast) => `'${oblast}'`).join(', ')})`]
      : []),
    ...(decided ? ['DecidedAt IS NOT NULL', 'LodgedAt IS NULL'] : []),
  ];
  return clauses.length ? clauses.join(' OR ') : undefined;
}

/**
 * Every open case a draft would treat differently, and how (issue 16): each open case's own events, read as every
 * audit function reads them, judged again by the pure core (`policyImpact`). The open cases are listed from
 * visibility page by page, and at most `readsAtOnce` are read at a time. A case that closed or vanished between the
 * listing and the reading has no impact. Ordered by DUF number, so that two previews of one draft compare line by line.
 */
export async function openCasesImpact(
  source: CaseSource,
  draft: PolicyDraft,
  {
    now,
    policy,
    readsAtOnce = IMPACT_READS_AT_ONCE,
  }: { now: string; policy: readonly PolicyVersion[]; readsAtOnce?: number },
): Promise<CaseImpact[]> {
  const limit = limiter(readsAtOnce);
  const judged: Promise<CaseImpact | undefined>[] = [];
  const within = reachClause(impactReach(draft, now, policy));
  if (within === undefined) return [];
  for await (const dufNumber of source.openDufNumbers(undefined, within)) {
    judged.push(
      limit(async () => {
        try {
          const events = await source.liveEvents(dufNumber);
          const effects = policyImpact(events, draft, now, policy);
          if (effects.length === 0) return undefined;
          const state = fold(events);
          return state ? { dufNumber, status: state.status, effects } : undefined;
        } catch (error) {
          if (error instanceof CaseNotFoundError) return undefined;
          throw error;
        }
      }),
    );
  }
  const impacts = (await Promise.all(judged)).filter((impact): impact is CaseImpact => impact !== undefined);
  return impacts.sort((a, b) => a.dufNumber.localeCompare(b.dufNumber));
}
