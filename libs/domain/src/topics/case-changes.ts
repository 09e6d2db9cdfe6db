import { deadlineOf, type CaseState, type DeadlineKind } from '../case-state';
import type { Effect, NotificationFacts, NotificationTemplate, NotifyApplicant, Recipient } from '../effects';

/** The helpers every topic's `evolve` and effects share. */

export type DeadlineChanges = Partial<Record<DeadlineKind, string | undefined>>;

/** Sets (a due time) or ends (undefined) the named deadlines; the rest run on. */
export function withDeadlines(state: CaseState, changes: DeadlineChanges): CaseState {
  const kept = state.deadlines.filter((deadline) => !(deadline.kind in changes));
  const added = Object.entries(changes)
    .filter((entry): entry is [DeadlineKind, string] => entry[1] !== undefined)
    .map(([kind, dueAt]) => ({ kind, dueAt }));
  return {
    ...state,
    deadlines: [...kept, ...added].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)),
  };
}

/** Ends every running deadline, then applies `changes`. */
export function allCleared(state: CaseState, changes: DeadlineChanges): DeadlineChanges {
  return { ...Object.fromEntries(state.deadlines.map((deadline) => [deadline.kind, undefined])), ...changes };
}

/**
 * The object without the named members. A member set to `undefined` is not the same record as one left out
 * (`audit verify` compares a folded state with the live one, which has been through JSON): leave it out.
 */
export function without<Shape extends object, Key extends keyof Shape>(
  shape: Shape,
  ...keys: Key[]
): Omit<Shape, Key> {
  const copy = { ...shape };
  for (const key of keys) delete copy[key];
  return copy;
}

/** `{ [key]: value }` when the value is there, `{}` when not: for spreading optional members. */
export function optional<Key extends string, Value>(
  key: Key,
  value: Value | undefined,
): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}

/** Dublin responsibility passes to Norway: the application is assessed individually here. */
export function norwayTakesTheCase(state: CaseState): CaseState {
  return withDeadlines(
    {
      ...without(state, 'appeal', 'appealable'),
      status: 'individual-assessment',
      track: 'individual',
      dublin: { ...requireDublin(state), norwayResponsible: true },
      decisionFinal: false,
      policeEnforcing: false,
    },
    { 'dublin-reply': undefined, 'dublin-transfer': undefined, appeal: undefined, departure: undefined },
  );
}

export function requireDublin(state: CaseState): NonNullable<CaseState['dublin']> {
  if (!state.dublin) throw new Error('a Dublin event on a case with no Dublin procedure');
  return state.dublin;
}

export function requireAppeal(state: CaseState): NonNullable<CaseState['appeal']> {
  if (!state.appeal) throw new Error('an appeal event on a case with no appeal');
  return state.appeal;
}

/** How the applicant is reached now: through the reception centre's staff, or directly at a private address. */
export function recipientOf(state: CaseState): Recipient {
  const { residence, contact } = state.application.applicant;
  return residence.kind === 'reception-centre'
    ? { channel: 'reception-centre', centreName: residence.centreName }
    : {
        channel: 'private',
        address: residence.address,
        ...optional('phone', contact.phone),
        ...optional('email', contact.email),
      };
}

export function notify(
  state: CaseState,
  template: NotificationTemplate,
  facts: NotificationFacts = {},
): NotifyApplicant {
  return {
    kind: 'notify-applicant',
    template,
    language: state.application.applicant.preferredLanguage,
    fullName: state.application.applicant.fullName,
    recipient: recipientOf(state),
    facts,
  };
}

/** The police are told a Dublin transfer is due, with the state it goes to and the last day it may happen. */
export function transferDue(state: CaseState): Effect {
  const transfer = deadlineOf(state, 'dublin-transfer');
  return {
    kind: 'notify-police',
    reason: 'dublin-transfer-due',
    ...optional('responsibleState', state.dublin?.responsibleState),
    ...optional('dueAt', transfer?.dueAt),
  };
}

/** A transfer decision accepted by the other state and not fallen: the Dublin track is heading for a transfer. */
export const dublinAccepted = (state: CaseState): boolean =>
  state.dublin?.reply?.accepted === true && !state.dublin.norwayResponsible;
