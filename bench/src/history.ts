import { temporal } from '@temporalio/proto';
import { round } from './stats';

type History = temporal.api.history.v1.IHistory;
const EventType = temporal.api.enums.v1.EventType;

/** What one workflow's history holds: its events, and the workflow tasks among them by outcome. */
export interface HistoryCount {
  events: number;
  /** Workflow tasks a worker completed: each is one activation of the workflow (a replay of it all, without a cache). */
  workflowTasks: number;
  /** Workflow tasks a worker failed (e.g. nondeterminism): each is retried, so it costs a task more. */
  workflowTasksFailed: number;
  /** Workflow tasks no worker finished in time (a worker too busy): the server hands the task out again. */
  workflowTasksTimedOut: number;
}

/**
 * Counts a history's events and workflow tasks. An Update the workflow's validator rejected ran in a speculative
 * workflow task that leaves no event, so such tasks are not here (a round's `refused` counts them).
 */
export function countHistory(history: History): HistoryCount {
  const events = history.events ?? [];
  const ofType = (type: temporal.api.enums.v1.EventType) =>
    events.filter((event) => event.eventType === type).length;
  return {
    events: events.length,
    workflowTasks: ofType(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    workflowTasksFailed: ofType(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
    workflowTasksTimedOut: ofType(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT),
  };
}

/** A round's histories in a few figures: per case means (as CPU per case is a total over the cases), and totals. */
export interface HistoryCounts {
  histories: number;
  eventsPerCase: number;
  workflowTasksPerCase: number;
  workflowTasksFailed: number;
  workflowTasksTimedOut: number;
}

export function countHistories(histories: readonly History[]): HistoryCounts {
  const counts = histories.map(countHistory);
  const total = (pick: (count: HistoryCount) => number) =>
    counts.reduce((sum, count) => sum + pick(count), 0);
  const perCase = (pick: (count: HistoryCount) => number) =>
    counts.length === 0 ? NaN : round(total(pick) / counts.length, 1);
  return {
    histories: counts.length,
    eventsPerCase: perCase((count) => count.events),
    workflowTasksPerCase: perCase((count) => count.workflowTasks),
    workflowTasksFailed: total((count) => count.workflowTasksFailed),
    workflowTasksTimedOut: total((count) => count.workflowTasksTimedOut),
  };
}
