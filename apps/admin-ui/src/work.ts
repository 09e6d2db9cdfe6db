// The pure parts of work allocation in the UI (issue 14): a case's age, the order of "My cases", who may be handed
// a case, what a note must be before it is sent, and what the timeline says of an assignment.
import type { AssignableUser, CaseSummary, Session } from './api';

/** The longest note the domain takes (`addNote.text`); a test pins it to the schema. */
export const NOTE_MAX_LENGTH = 4000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since `since` (an ISO instant), or null when there is no such instant. Never negative. */
export function ageInDays(since: string | null | undefined, now: number = Date.now()): number | null {
  if (!since) return null;
  const start = Date.parse(since);
  if (Number.isNaN(start)) return null;
  return Math.max(0, Math.floor((now - start) / DAY_MS));
}

/** When the case's age counts from: its lodging, or (an older API) when its workflow started. */
export const ageStartOf = (item: Pick<CaseSummary, 'lodgedAt' | 'startedAt'>): string =>
  item.lodgedAt ?? item.startedAt;

const instant = (iso: string | null | undefined): number => {
  const parsed = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
};

/**
 * The order of "My cases": the nearest deadline first (cases without one after all that have one), then the
 * oldest; the DUF number last, so that the order is the same on every load. The API orders the same way across
 * pages; this keeps a page in that order whatever the visibility store answers for ties.
 */
export function byNearestDeadlineThenAge(
  a: Pick<CaseSummary, 'nextDeadline' | 'lodgedAt' | 'startedAt' | 'dufNumber'>,
  b: Pick<CaseSummary, 'nextDeadline' | 'lodgedAt' | 'startedAt' | 'dufNumber'>,
): number {
  const deadline = instant(a.nextDeadline) - instant(b.nextDeadline);
  if (deadline !== 0 && !Number.isNaN(deadline)) return deadline;
  const age = instant(ageStartOf(a)) - instant(ageStartOf(b));
  if (age !== 0 && !Number.isNaN(age)) return age;
  return a.dufNumber.localeCompare(b.dufNumber);
}

/** Whom the picker offers: the assignable accounts but the case's holder (it is theirs already), by name. */
export function handToChoices(users: readonly AssignableUser[], holder: string | null): AssignableUser[] {
  return users
    .filter((user) => user.username !== holder)
    .sort((a, b) => a.username.localeCompare(b.username));
}

/** What is wrong with a note before it is sent: nothing, empty, or too long. */
export function noteProblem(text: string): 'empty' | 'tooLong' | null {
  if (text.trim() === '') return 'empty';
  return text.length > NOTE_MAX_LENGTH ? 'tooLong' : null;
}

/**
 * Whom to warn about before the signed-in user acts on a case: its holder, when a caseworker acts on a case someone
 * else holds (the command is still allowed); null otherwise. Admins move cases as their job, so they are not warned.
 */
export function holderToWarnAbout(
  session: Pick<Session, 'role' | 'username'>,
  assignee: string | null,
): string | null {
  if (session.role !== 'caseworker' || assignee === null || assignee === session.username) return null;
  return assignee;
}

export type AssignmentKind = 'taken' | 'handed' | 'returned';

/** What a CaseAssigned event did: someone took the case, someone handed it to another, or it went to a queue. */
export function assignmentKind(data: { assignee: string | null }, actorId: string): AssignmentKind {
  if (data.assignee === null) return 'returned';
  return data.assignee === actorId ? 'taken' : 'handed';
}
