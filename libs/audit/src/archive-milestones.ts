import { type CaseMilestones, type CaseState, fold } from '@saksflyt/domain';
import type { ArchiveEntry } from './archive';

/**
 * A case's processing milestones as its archived record holds them. A record written before the state carried
 * `firstDecisionAt` and `closedAt` has them folded again from its events with today's `evolve`, which sets them
 * the same way; should that fold fail, a closed case counts as closed when its state was last updated, with no
 * decision time known.
 */
export function milestonesOfRecord(
  entry: Pick<ArchiveEntry, 'state' | 'events'>,
): CaseMilestones | undefined {
  const { state } = entry;
  // Statistics must never stop the archive from reading a record: one without a lodged case is left out.
  if (typeof state?.lodgedAt !== 'string' || typeof state.track !== 'string') return undefined;
  // A closed state without `closedAt` was written before the milestones existed; an open one is not counted.
  const folded = state.closed && state.closedAt === undefined ? foldedOrUndefined(entry) : state;
  const firstDecisionAt = folded?.firstDecisionAt ?? state.firstDecisionAt;
  const closedAt = state.closed ? (folded?.closedAt ?? state.closedAt ?? state.updatedAt) : undefined;
  return {
    track: state.track,
    lodgedAt: state.lodgedAt,
    ...(firstDecisionAt ? { firstDecisionAt } : {}),
    ...(closedAt ? { closedAt } : {}),
  };
}

function foldedOrUndefined(entry: Pick<ArchiveEntry, 'events'>): CaseState | undefined {
  try {
    return Array.isArray(entry.events) ? (fold(entry.events) ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/** The closed cases among the latest milestones of each case, closed at or after `since`. */
export function closedSince(milestones: Iterable<CaseMilestones>, since: Date): CaseMilestones[] {
  const from = since.getTime();
  // A case closes after it was lodged and decided: closed before `since`, no milestone of it can lie in the window.
  return [...milestones].filter(
    (case_) => case_.closedAt !== undefined && Date.parse(case_.closedAt) >= from,
  );
}
