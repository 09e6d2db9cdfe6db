import type { CaseEvent } from './case-events';
import { CLOSED_STATUSES, type CaseState } from './case-state';
import { interviewPriority } from './interview-priority';

/** Before the first event there is no case. */
export const initialState: CaseState | null = null;

/** Folds one event into the state. Pure and total: every recorded event is a fact, so it never fails. */
export function evolve(state: CaseState | null, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'ApplicationLodged': {
      const application = event.data;
      return withDerived({
        dufNumber: application.dufNumber,
        status: 'lodged',
        track: 'undetermined',
        lodgedAt: application.lodgedAt,
        homeOblast: application.applicant.homeOblast,
        application,
        interviewPriority: interviewPriority(application),
        deadlines: [],
        passport: { kind: 'none', custody: 'applicant' },
        workPermit: { eligible: false, reasons: [], status: 'not-applied' },
        allowedCommands: [],
        closed: false,
        lastEventSeq: event.seq,
      });
    }
  }
  // No default branch: a new event type without its own branch is a typecheck error here.
}

export function fold(events: readonly CaseEvent[]): CaseState | null {
  return events.reduce<CaseState | null>(evolve, initialState);
}

function withDerived(state: CaseState): CaseState {
  return { ...state, closed: CLOSED_STATUSES.has(state.status) };
}
