import type { EventDraft } from '../case-events';
import type { CaseState } from '../case-state';
import type { CommandName, CommandPayload } from '../commands';
import { endOfOsloDay, legalDeadline, osloCalendarDate } from '../deadlines';
import { daysIn, policyInForce, type Period, type PolicyVersion, STANDARD_POLICY } from '../policy';

export interface DecideContext {
  /** The moment of the decision: the workflow's time, never the machine's clock. */
  now: string;
  policy?: readonly PolicyVersion[];
}

export interface Issue {
  path: (string | number)[];
  message: string;
}

export type Rejection =
  | { error: 'ValidationError'; message: string; issues: Issue[] }
  | { error: 'InvalidTransition'; message: string; allowedCommands: CommandName[] };

export type RuleOutcome = EventDraft[] | Rejection;

export type Rule<Name extends CommandName> = (
  state: CaseState,
  payload: CommandPayload<Name>,
  context: DecideContext,
) => RuleOutcome;

export function invalid(path: string, message: string): Rejection {
  return { error: 'ValidationError', message, issues: [{ path: [path], message }] };
}

export function notNow(state: CaseState, message: string): Rejection {
  return { error: 'InvalidTransition', message, allowedCommands: state.allowedCommands as CommandName[] };
}

export function policyAt(context: DecideContext, instant: string = context.now): PolicyVersion {
  return policyInForce(osloCalendarDate(instant), context.policy ?? STANDARD_POLICY);
}

/**
 * The instant a time limit counted from `from` runs out: the end of its last (working) day in Oslo; or, under a
 * profile with a time scale, the same number of scaled days later.
 */
export function dueAfter(from: string, period: Period, policy: PolicyVersion): string {
  if (policy.secondsPerDay !== undefined) {
    return new Date(Date.parse(from) + daysIn(period) * policy.secondsPerDay * 1000).toISOString();
  }
  return endOfOsloDay(legalDeadline(from, period)).toISOString();
}

/** The length of one day of the case's time under the policy, in milliseconds. */
export function dayLengthMs(policy: PolicyVersion): number {
  return (policy.secondsPerDay ?? 24 * 60 * 60) * 1000;
}
