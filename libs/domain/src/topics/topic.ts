import type { CaseEventType, EventDraft, EventOf } from '../case-events';
import type { CaseState, DeadlineKind } from '../case-state';
import type { CommandName, CommandPayload, DeadlineReached } from '../commands';
import { dublinDeadline, endOfOsloDay, legalDeadline, osloCalendarDate } from '../deadlines';
import type { Effect } from '../effects';
import { refusalText, type RefusalArgs, type RefusalCode, type RefusalParams } from '../refusals';
import { daysIn, policyInForce, type Period, type PolicyVersion, STANDARD_POLICY } from '../policy';

/**
 * A topic of the case (registration, Dublin, interview, decision, appeal, departure, applicant facts, the record)
 * reads top to bottom in one file: when each of its commands is allowed and what it decides, what its deadlines do
 * when they run out, how each of its events changes the case, and which side effects each event calls for.
 */

export interface DecideContext {
  /** The moment of the decision: the workflow's time, never the machine's clock. */
  now: string;
  policy?: readonly PolicyVersion[];
}

export interface Issue {
  path: (string | number)[];
  /** In English, for readers of the JSON and the logs. */
  message: string;
  /** What the UIs translate (issue 15); absent only from rejections recorded before it. */
  code?: RefusalCode;
  params?: RefusalParams;
}

export type Rejection =
  | { error: 'ValidationError'; message: string; issues: Issue[] }
  | {
      error: 'InvalidTransition';
      message: string;
      /** Why not, as the UIs translate it (issue 15). */
      code?: RefusalCode;
      params?: RefusalParams;
      allowedCommands: CommandName[];
      /** The caseworker who holds the case, when that is why the command was refused. */
      heldBy?: string;
      /** The case is closed and its workflow only finishing: a note goes to the archived record instead. */
      caseClosed?: boolean;
    };

export type RuleOutcome = EventDraft[] | Rejection;

export type Rule<Name extends CommandName> = (
  state: CaseState,
  payload: CommandPayload<Name>,
  context: DecideContext,
) => RuleOutcome;

export interface CommandRule<Name extends CommandName> {
  /** When the command is allowed, judged on the case alone (contract §1, "allowed when"). */
  allowed: (state: CaseState) => boolean;
  /** What it does, or why not: the rules that need the payload. */
  decide: Rule<Name>;
}
export type TopicCommands = { [Name in CommandName]?: CommandRule<Name> };

/** A deadline ran out with nothing moving it: what the case does then. */
export type DeadlineRule = (
  state: CaseState,
  deadline: DeadlineReached,
  context: DecideContext,
) => RuleOutcome;
export type TopicDeadlines = { [Kind in DeadlineKind]?: DeadlineRule };

export interface EventRule<Type extends CaseEventType> {
  /** How the event changes the case: pure and total, since a recorded event is a fact. */
  evolve: (state: CaseState, event: EventOf<Type>) => CaseState;
  /** The side effects the event calls for, judged on the case it led to. */
  effects?: (event: EventOf<Type>, state: CaseState) => Effect[];
}
export type TopicEvents = { [Type in Exclude<CaseEventType, 'ApplicationLodged'>]?: EventRule<Type> };

/** The cases started under the first release keep its rules where the law allows (docs/versioning.md). */
export const underFirstRules = (state: Pick<CaseState, 'rulesVersion'>): boolean => state.rulesVersion === 1;

/** A field of the command breaks a rule of the case: a ValidationError naming the field, by code. */
export function invalid<Code extends RefusalCode>(
  path: string,
  code: Code,
  ...params: RefusalArgs<Code>
): Rejection {
  const message = refusalText(code, ...params);
  return {
    error: 'ValidationError',
    message,
    issues: [{ path: [path], message, ...coded(code, params[0] as object | undefined) }],
  };
}

/** The command does not fit the case now: an InvalidTransition, by code. */
export function notNow<Code extends RefusalCode>(
  state: CaseState,
  code: Code,
  ...params: RefusalArgs<Code>
): Rejection {
  return {
    error: 'InvalidTransition',
    message: refusalText(code, ...params),
    ...coded(code, params[0] as object | undefined),
    allowedCommands: state.allowedCommands as CommandName[],
  };
}

export const coded = (code: RefusalCode, params?: object): { code: RefusalCode; params?: RefusalParams } => ({
  code,
  ...(params ? { params: params as RefusalParams } : {}),
});

export function policyAt(context: DecideContext, instant: string = context.now): PolicyVersion {
  return policyInForce(osloCalendarDate(instant), context.policy ?? STANDARD_POLICY);
}

/**
 * The instant a Norwegian time limit counted from `from` runs out: the end of its last (working) day in Oslo; or,
 * under a profile with a time scale, the same number of scaled days later.
 */
export function dueAfter(from: string, period: Period, policy: PolicyVersion): string {
  if (policy.secondsPerDay !== undefined) return scaledDueAfter(from, period, policy.secondsPerDay);
  return endOfOsloDay(legalDeadline(from, period)).toISOString();
}

/**
 * The instant a Dublin III time limit runs out: every calendar day counts and the limit is never moved to a working
 * day (Art. 42); under a profile with a time scale, the same number of scaled days later.
 */
export function dublinDueAfter(from: string, period: Period, policy: PolicyVersion): string {
  if (policy.secondsPerDay !== undefined) return scaledDueAfter(from, period, policy.secondsPerDay);
  return endOfOsloDay(dublinDeadline(from, period)).toISOString();
}

/** The Dublin limits of a case: calendar days under rules version 2, the first release's working-day rule before. */
export function dublinLimit(state: CaseState): typeof dueAfter {
  return underFirstRules(state) ? dueAfter : dublinDueAfter;
}

function scaledDueAfter(from: string, period: Period, secondsPerDay: number): string {
  return new Date(Date.parse(from) + daysIn(period) * secondsPerDay * 1000).toISOString();
}

/** The length of one day of the case's time under the policy, in milliseconds. */
export function dayLengthMs(policy: PolicyVersion): number {
  return (policy.secondsPerDay ?? 24 * 60 * 60) * 1000;
}

/** The departure deadline from `from`, when the duty to leave applies under the policy (brief § 2: from 22 May 2024). */
export function departureDueAfter(from: string, days: number, policy: PolicyVersion): string | undefined {
  return policy.dutyToLeave === false ? undefined : dueAfter(from, { days }, policy);
}
