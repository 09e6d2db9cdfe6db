import { ApplicationFailure } from '@temporalio/common';
import type { DeliveryReceipt } from './activity-input';

/** The activities an effect calls for (`carryOut` in the workflow): each may also run within `carryOutEffects`. */
export const EFFECT_ACTIVITIES = [
  'notifyApplicant',
  'assignLawyer',
  'sendDublinRequest',
  'handCaseToUne',
  'notifyPolice',
  'forwardToUne',
  'forwardOriginalToPolice',
] as const;
export type EffectActivity = (typeof EFFECT_ACTIVITIES)[number];

/** One effect as its own activity would take it: which activity, and that activity's input (its key included). */
export interface EffectCall {
  activity: EffectActivity;
  input: { key: string; dufNumber: string } & Record<string, unknown>;
}

export interface CarryOutEffectsInput {
  dufNumber: string;
  /** In the order the case's events called for them. */
  calls: EffectCall[];
}

/** Each effect's outcome, in the order of the calls: its receipt, or why it failed for good. */
export type EffectOutcome = { done: DeliveryReceipt } | { failed: string };

/** The failures the case's retry policy gives up on at once (`nonRetryableErrorTypes` in the workflow's effects). */
const FOR_GOOD = new Set(['ConfigurationError', 'ValidationError']);

function failedForGood(error: unknown): string | undefined {
  if (error instanceof ApplicationFailure && (error.nonRetryable || FOR_GOOD.has(error.type ?? '')))
    return `${error.type ?? 'Error'}: ${error.message}`;
  if (error instanceof Error && FOR_GOOD.has(error.name)) return `${error.name}: ${error.message}`;
  return undefined;
}

/**
 * The effects of one change as one activity (issue 17): where a change calls for several effects (a decision's
 * notice and the police's notice, say), one activity carries them out in turn, instead of one activity and one
 * workflow task (a full replay on our cacheless worker) for each.
 *
 * Each effect keeps its own idempotency key, so a retry of the whole (one effect's partner was down) sends nothing
 * twice: those already done answer with their first receipt, marked duplicate. An effect that fails for good (a
 * wrong configuration, a refused input) is reported as failed and the others still run, as they did one by one; any
 * other failure fails the activity, and Temporal retries it.
 */
export function carryOutEffectsActivity(
  effects: Record<EffectActivity, (input: never) => Promise<DeliveryReceipt>>,
) {
  return async function carryOutEffects(input: CarryOutEffectsInput): Promise<EffectOutcome[]> {
    if (!input || !Array.isArray(input.calls))
      throw ApplicationFailure.nonRetryable(
        'carryOutEffects: the effects to carry out are required',
        'ValidationError',
      );
    const unknown = input.calls.find((call) => !EFFECT_ACTIVITIES.includes(call?.activity));
    if (unknown)
      throw ApplicationFailure.nonRetryable(
        `carryOutEffects: no effect activity ${JSON.stringify(unknown?.activity)}`,
        'ValidationError',
      );
    const outcomes: EffectOutcome[] = [];
    for (const call of input.calls) {
      try {
        outcomes.push({ done: await effects[call.activity](call.input as never) });
      } catch (error) {
        const failed = failedForGood(error);
        if (failed === undefined) throw error;
        outcomes.push({ failed });
      }
    }
    return outcomes;
  };
}
