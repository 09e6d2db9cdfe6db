import {
  type CaseStatus,
  AWAITING_COLLECTIVE_ASSESSMENT,
  fold,
  impactReach,
  type ImpactReach,
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

const inList = (oblasts: readonly string[]) => oblasts.map((oblast) => `'${oblast}'`).join(', ');

/** The day before an Oslo calendar date, at midnight UTC: no instant of that Oslo date lies before it. */
function dayBefore(osloDate: string): string {
  return new Date(Date.parse(`${osloDate}T00:00:00Z`) - 86_400_000).toISOString();
}

/**
 * The open cases within a draft's reach (`impactReach`, `withinImpactReach` in the domain) as a visibility clause,
 * widened where visibility cannot say as much: lodging dates by whole UTC days around the Oslo ones, and a case whose
 * workflow set no `LodgedAt` (started before work allocation, not reindexed; no `DecidedAt` either) is read whenever
 * its home area or a decision is within reach. Undefined when the draft reaches no case at all.
 */
export function reachClause({ screening, becomesSafe, decided }: ImpactReach): string | undefined {
  const clauses: string[] = [];
  for (const { homeOblasts, lodgedFrom, lodgedBefore } of screening) {
    const lodged = [
      ...(lodgedFrom > '0001-01-01' ? [`LodgedAt >= '${dayBefore(lodgedFrom)}'`] : []),
      ...(lodgedBefore ? [`LodgedAt < '${lodgedBefore}T00:00:00.000Z'`] : []),
    ];
    clauses.push(
      [
        `CaseStatus IN (${inList(AWAITING_COLLECTIVE_ASSESSMENT)})`,
        `HomeOblast IN (${inList(homeOblasts)})`,
        ...lodged,
      ].join(' AND '),
    );
  }
  const screened = [...new Set(screening.flatMap((range) => range.homeOblasts))];
  if (screened.length) clauses.push(`LodgedAt IS NULL AND HomeOblast IN (${inList(screened)})`);
  if (becomesSafe.length) clauses.push(`HomeOblast IN (${inList(becomesSafe)})`);
  if (decided) clauses.push('DecidedAt IS NOT NULL', 'LodgedAt IS NULL');
  return clauses.length ? clauses.map((clause) => `(${clause})`).join(' OR ') : undefined;
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
