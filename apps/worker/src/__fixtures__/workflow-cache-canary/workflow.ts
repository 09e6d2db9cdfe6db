// The smallest workflow that meets the SDK defect the workflow-cache canary watches for (docs/upstream/
// sdk-core-legacy-query-cache.md): a timer branch that emits a command, and an Update that can arrive in the task
// after it. Nothing of Saksflyt's own is in it, so what the canary finds is the SDK's, not the case workflow's.
import {
  condition,
  defineQuery,
  defineUpdate,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';

/** Whether the workflow's run has taken the timer branch: the query's answer shows what history it ran on. */
export interface CanaryView {
  timedOut: boolean;
  updated: boolean;
}

export const canaryViewQuery = defineQuery<CanaryView>('view');
/** Emits no command of its own: the task that carries it sends only the Update's accept and completion messages. */
export const canaryUpdate = defineUpdate<string>('touch');

/** A Keyword attribute every test dev server registers (libs/temporal/src/search-attributes.ts). */
export const CANARY_SEARCH_ATTRIBUTE = 'CaseStatus';

export async function workflowCacheCanary(timerMs: number): Promise<CanaryView> {
  const view: CanaryView = { timedOut: false, updated: false };
  setHandler(canaryViewQuery, () => view);
  setHandler(canaryUpdate, () => {
    view.updated = true;
    return 'touched';
  });
  if (!(await condition(() => view.updated, timerMs))) {
    view.timedOut = true;
    // The timer branch's command: any command would do; an upsert is what the case workflow emits first.
    upsertSearchAttributes({ [CANARY_SEARCH_ATTRIBUTE]: ['timed-out'] });
    await condition(() => view.updated);
  }
  return view;
}
