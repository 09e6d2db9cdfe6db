import type { CaseState } from '../case-state';
import type { RoutedTeam } from '../vocabulary';
import { notNow, type Rejection, type TopicCommands, type TopicEvents } from './topic';

/**
 * Who works on the case, and the notes caseworkers leave on it. A case waits in the queue of the team its status
 * calls for until someone takes it; while a person holds it, it stays theirs whatever its status, until they hand it
 * on or return it to the queue. Notes are internal: on the record, never in a message to the applicant.
 */

/** The team the case's status calls for: the unit that does what the case waits for. */
export function teamFor(state: Pick<CaseState, 'status' | 'interview'>): RoutedTeam {
  switch (state.status) {
    case 'lodged':
    case 'awaiting-collective-assessment':
    case 'collective-protection-granted':
      return 'registration';
    case 'dublin-procedure':
    case 'transferred':
      return 'dublin-unit';
    // The case waits for an interview: the seed's offices are Oslo and Trondheim; online interviews are Oslo's.
    case 'individual-assessment':
    case 'interview-scheduled':
      return state.interview?.location === 'trondheim' ? 'interviews-trondheim' : 'interviews-oslo';
    case 'awaiting-decision':
    case 'protection-granted':
    case 'rejected':
    case 'departure-pending':
    case 'enforcement':
    case 'departed':
    case 'withdrawn':
    case 'dismissed':
      return 'decisions';
    case 'appeal-reconsideration':
    case 'at-une':
      return 'appeals';
  }
}

/** The case is someone else's: a caseworker may not take it or hand it on (an admin may). */
function heldBySomeoneElse(state: CaseState, holder: string): Rejection {
  return {
    ...notNow(state, 'heldBySomeoneElse', { holder }),
    heldBy: holder,
  } as Rejection;
}

export const workAllocationCommands = {
  assignCase: {
    allowed: (state) => !state.closed,
    decide: (state, { actor, assignee, team }) => {
      const holder = state.assignee;
      if (actor.role === 'caseworker' && holder !== null && holder !== actor.id)
        return heldBySomeoneElse(state, holder);
      // Returned to the queue: the team named, or the one the status calls for; handed on: the case keeps its team.
      const nextTeam = team ?? (assignee === null ? teamFor(state) : state.team);
      // Taking a case one already holds (a second click, a retried request) changes nothing.
      if (assignee === holder && nextTeam === state.team) return [];
      return [{ type: 'CaseAssigned', data: { assignee, previousAssignee: holder, team: nextTeam } }];
    },
  },
  addNote: {
    allowed: () => true,
    decide: (_state, { text }) => [{ type: 'NoteAdded', data: { text } }],
  },
} satisfies TopicCommands;

export const workAllocationEvents = {
  CaseAssigned: {
    evolve: (state, event) => ({ ...state, assignee: event.data.assignee, team: event.data.team }),
  },
  NoteAdded: { evolve: (state) => state },
} satisfies TopicEvents;

/**
 * After every event: a case no one holds moves to the team its new status calls for. A case from before work
 * allocation (a state carried over without these fields) is unassigned, in its status's team.
 */
export function allocated(previous: CaseState | null, next: CaseState): Pick<CaseState, 'assignee' | 'team'> {
  const assignee = next.assignee ?? null;
  const statusMoved = previous === null || previous.status !== next.status;
  const team = !next.team || (assignee === null && statusMoved) ? teamFor(next) : next.team;
  return { assignee, team };
}
