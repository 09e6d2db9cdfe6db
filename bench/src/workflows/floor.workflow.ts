import { allHandlersFinished, condition, defineUpdate, setHandler } from '@temporalio/workflow';
import { COMMAND_NAMES, type ApplicationLodged } from '@saksflyt/domain';

/** What the floor needs to answer like a case: the JSON size of the state each command returned, in order. */
export interface FloorPlan {
  replySizes: number[];
}

/**
 * The floor of the benchmark: a workflow that accepts the same Updates as `protectionCase` — same names, same
 * payloads, a reply of the same size as the case's state — and does nothing else: no validation, no domain, no
 * timers, no activities, no search attributes. It completes after the last planned Update, with a result of the
 * size of the last state. Whatever a case costs above this is the cost of what the case does.
 */
export async function floorCase(_application: ApplicationLodged, plan: FloorPlan): Promise<string> {
  let received = 0;
  let last = '';
  for (const name of COMMAND_NAMES) {
    setHandler(defineUpdate<string, [unknown]>(name), () => {
      // A string of n - 2 characters is n bytes of JSON, as the case's state was.
      last = 'x'.repeat(Math.max(0, (plan.replySizes[received] ?? 0) - 2));
      received += 1;
      return last;
    });
  }
  await condition(() => received >= plan.replySizes.length && allHandlersFinished());
  return last;
}
