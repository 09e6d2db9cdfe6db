import type { CaseEvent, CaseEventType, EventOf } from './case-events';
import type { CaseState } from './case-state';
import type { Effect } from './effects';
import { EVENT_RULES } from './topics';
import type { EventRule } from './topics/topic';

export { recipientOf } from './topics/case-changes';

/** The side effects one event calls for, judged on the state the event led to (each topic says its own). */
export function effectsOf(event: CaseEvent, state: CaseState): Effect[] {
  if (event.type === 'ApplicationLodged') return [];
  const rule = EVENT_RULES[event.type] as EventRule<Exclude<CaseEventType, 'ApplicationLodged'>>;
  return rule.effects?.(event as EventOf<Exclude<CaseEventType, 'ApplicationLodged'>>, state) ?? [];
}
