import { temporal } from '@temporalio/proto';
import { countHistories, countHistory } from './history';

const EventType = temporal.api.enums.v1.EventType;
type EventTypeName = keyof typeof EventType;

const historyOf = (...types: EventTypeName[]): temporal.api.history.v1.IHistory => ({
  events: types.map((type) => ({ eventType: EventType[type] })),
});

// A workflow started, then given one Update that a worker took two tries at (the first timed out), then completed.
const ONE_UPDATE = historyOf(
  'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
  'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
  'EVENT_TYPE_WORKFLOW_TASK_STARTED',
  'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
  'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
  'EVENT_TYPE_WORKFLOW_TASK_STARTED',
  'EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT',
  'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
  'EVENT_TYPE_WORKFLOW_TASK_STARTED',
  'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
);

describe('countHistory', () => {
  it('counts every event, and the workflow tasks by how they ended', () => {
    expect(countHistory(ONE_UPDATE)).toEqual({
      events: 13,
      workflowTasks: 2,
      workflowTasksFailed: 0,
      workflowTasksTimedOut: 1,
    });
  });

  it('counts a failed workflow task apart from the completed one that retried it', () => {
    const failedOnce = historyOf(
      'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
      'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
      'EVENT_TYPE_WORKFLOW_TASK_STARTED',
      'EVENT_TYPE_WORKFLOW_TASK_FAILED',
      'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
      'EVENT_TYPE_WORKFLOW_TASK_STARTED',
      'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
    );
    expect(countHistory(failedOnce)).toMatchObject({ workflowTasks: 1, workflowTasksFailed: 1 });
  });

  it('counts an empty history (a fetch that returned no events) as nothing', () => {
    expect(countHistory({})).toEqual({
      events: 0,
      workflowTasks: 0,
      workflowTasksFailed: 0,
      workflowTasksTimedOut: 0,
    });
  });
});

describe('countHistories', () => {
  it('gives per case means, as CPU per case is a total over the cases, and totals of the tasks that went wrong', () => {
    const twoTasks = historyOf(
      'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
      'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
      'EVENT_TYPE_WORKFLOW_TASK_STARTED',
      'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
    );
    expect(countHistories([ONE_UPDATE, twoTasks])).toEqual({
      histories: 2,
      eventsPerCase: 8.5,
      workflowTasksPerCase: 1.5,
      workflowTasksFailed: 0,
      workflowTasksTimedOut: 1,
    });
  });

  it('has no mean of no histories', () => {
    expect(countHistories([])).toMatchObject({ histories: 0, eventsPerCase: NaN, workflowTasksPerCase: NaN });
  });
});
