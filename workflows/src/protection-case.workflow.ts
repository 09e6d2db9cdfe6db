import {
  ApplicationFailure,
  condition,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  ApplicationLodged,
  type CaseEvent,
  type CaseState,
  evolve,
  nextDeadline,
  SYSTEM_ACTOR,
} from '@saksflyt/domain';
import { SEARCH_ATTRIBUTES } from '@saksflyt/temporal/search-attributes';
import { eventsQuery, stateQuery } from './messages';

/**
 * One application for individual protection, from lodging until the case closes. A thin shell around the pure
 * domain core: every change is an event folded with the same `evolve` the API and the auditors use.
 */
export async function protectionCase(input: ApplicationLodged): Promise<CaseState> {
  const parsed = ApplicationLodged.safeParse(input);
  if (!parsed.success) {
    // A bad start input is the starter's mistake: fail the case at once rather than retry a task forever.
    throw ApplicationFailure.nonRetryable(
      'The start input is not a valid ApplicationLodged',
      'ValidationError',
      {
        issues: parsed.error.issues,
      },
    );
  }
  const events: CaseEvent[] = [];
  const state = append(null, events, {
    seq: 1,
    type: 'ApplicationLodged',
    at: new Date(workflowInfo().startTime).toISOString(),
    actor: SYSTEM_ACTOR,
    data: parsed.data,
  });

  setHandler(stateQuery, () => state);
  setHandler(eventsQuery, () => events);
  publishSearchAttributes(state);

  await condition(() => state.closed);
  return state;
}

function append(state: CaseState | null, events: CaseEvent[], event: CaseEvent): CaseState {
  events.push(event);
  return evolve(state, event);
}

function publishSearchAttributes(state: CaseState): void {
  const deadline = nextDeadline(state);
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.DufNumber, value: state.dufNumber },
    { key: SEARCH_ATTRIBUTES.CaseStatus, value: state.status },
    { key: SEARCH_ATTRIBUTES.CaseTrack, value: state.track },
    { key: SEARCH_ATTRIBUTES.HomeOblast, value: state.homeOblast },
    { key: SEARCH_ATTRIBUTES.InterviewPriority, value: state.interviewPriority },
    { key: SEARCH_ATTRIBUTES.NextDeadline, value: deadline ? new Date(deadline.dueAt) : null },
  ]);
}
