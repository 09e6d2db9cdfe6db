import { allowedCommands } from './allowed-commands';
import type { CaseEvent, CaseEventType, EventOf } from './case-events';
import { CLOSED_STATUSES, type CaseState, type WorkItem } from './case-state';
import { osloCalendarDate } from './deadlines';
import { EVENT_RULES } from './topics';
import { workPermitEligibility } from './topics/applicant-facts';
import { openedCase } from './topics/registration';
import { underFirstRules, type EventRule } from './topics/topic';
import { allocated } from './topics/work-allocation';

/** Before the first event there is no case. */
export const initialState: CaseState | null = null;

type LaterEventType = Exclude<CaseEventType, 'ApplicationLodged'>;

/**
 * Folds one event into the state. Pure and total: every recorded event is a fact, so it never fails; the due dates
 * were computed by `decide` and recorded in the events, so a later change of holiday data or policy cannot move
 * the deadlines of a case already running. Each event's change is its topic's (`topics/`).
 */
export function evolve(state: CaseState | null, event: CaseEvent): CaseState {
  if (event.type === 'ApplicationLodged') return derive(null, openedCase(event), event);
  if (!state) throw new Error(`a case starts with ApplicationLodged, not ${event.type}`);
  const rule = EVENT_RULES[event.type] as EventRule<LaterEventType>;
  return derive(state, rule.evolve(state, event as EventOf<LaterEventType>), event);
}

export function fold(events: readonly CaseEvent[], from: CaseState | null = initialState): CaseState | null {
  return events.reduce<CaseState | null>(evolve, from);
}

/** Recomputes what follows from the rest, the same way after every event. */
function derive(previous: CaseState | null, state: CaseState, event: CaseEvent): CaseState {
  const closed = CLOSED_STATUSES.has(state.status);
  const passport =
    // The seed: the passport "cannot be returned as long as your application is being processed".
    closed && state.passport.custody === 'police'
      ? { ...state.passport, custody: 'returned' as const }
      : state.passport;
  const settled: CaseState = {
    ...state,
    passport,
    deadlines: closed ? [] : state.deadlines,
    closed,
    ...processingMilestones(state, event),
    ...allocated(previous, state),
    lastEventSeq: event.seq,
    updatedAt: event.at,
  };
  const eligibility = workPermitEligibility(settled, osloCalendarDate(event.at));
  const withPermit = { ...settled, workPermit: { ...settled.workPermit, ...eligibility } };
  return { ...withPermit, workItems: workItemsOf(withPermit), allowedCommands: allowedCommands(withPermit) };
}

/** When the case was first decided and when it closed: each set once, by the event that did it. */
function processingMilestones(
  state: CaseState,
  event: CaseEvent,
): Pick<CaseState, 'firstDecisionAt' | 'closedAt'> {
  const decided = state.decision || state.appealable || state.status === 'collective-protection-granted';
  const firstDecisionAt = state.firstDecisionAt ?? (decided ? event.at : undefined);
  const closedAt = state.closedAt ?? (CLOSED_STATUSES.has(state.status) ? event.at : undefined);
  return { ...(firstDecisionAt ? { firstDecisionAt } : {}), ...(closedAt ? { closedAt } : {}) };
}

/** What the case waits for someone at UDI to do: the dashboard's work lists. */
function workItemsOf(state: CaseState): WorkItem[] {
  if (state.closed) return [];
  const items: WorkItem[] = [];
  if (!underFirstRules(state)) {
    const { appealable, appeal } = state;
    if (appealable && !appealable.served && !state.decisionFinal && !appeal)
      items.push('decision-not-served');
    if (appeal?.requestsSuspensiveEffect && !appeal.suspensiveEffect && !appeal.une)
      items.push('suspensive-effect-waiting');
  }
  if (state.status === 'interview-scheduled' && state.interview?.phoneCall?.reached === false)
    items.push('interview-call-not-reached');
  if (state.documents.some((document) => document.forwardTo && !document.forwardedAt))
    items.push('document-to-forward');
  return items;
}
