import { SYSTEM_ACTOR, type Actor } from './actor';
import { isAllowed } from './allowed-commands';
import { limitReached } from './case-limits';
import { ApplicationLodged } from './application-lodged';
import type { CaseEvent, EventDraft } from './case-events';
import { CURRENT_RULES, deadlineOf, type CaseState, type RulesVersion } from './case-state';
import {
  CommandPayloads,
  FACT_TIME_FIELD,
  type CaseworkerCommand,
  type Command,
  type CommandName,
  type DeadlineReached,
} from './commands';
import { codeOfZodIssue, isRefusalCode, type RefusalParams, type ZodIssueLike } from './refusals';
import { COMMAND_RULES, DEADLINE_RULES } from './topics';
import { collectiveScreening } from './topics/registration';
import { coded, invalid, notNow } from './topics/topic';
import type { CommandRule, DecideContext, Issue, Rejection, RuleOutcome } from './topics/topic';

export type { DecideContext, Issue, Rejection } from './topics/topic';

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; rejection: Rejection };

/**
 * The events that open a case, or the issues that keep it from opening. The rules version is fixed here, for the
 * life of the case: the workflow passes 1 when it replays a case started before version 2 (`patched()`).
 */
export function openCase(
  input: unknown,
  context: DecideContext,
  rulesVersion: RulesVersion = CURRENT_RULES,
): Decision {
  const parsed = ApplicationLodged.safeParse(input);
  if (!parsed.success)
    return { ok: false, rejection: validationRejection('ApplicationLodged', parsed.error.issues) };
  const screening = collectiveScreening(parsed.data, context.policy, rulesVersion);
  return {
    ok: true,
    events: [
      {
        seq: 1,
        type: 'ApplicationLodged',
        at: context.now,
        actor: SYSTEM_ACTOR,
        data: {
          application: parsed.data,
          screening,
          // The first release recorded no version: leaving it out keeps its events as they were.
          ...(rulesVersion === 1 ? {} : { rulesVersion }),
        },
      },
    ],
  };
}

/**
 * Checks a command against the case and says what happened, as events; or why not, as a rejection. A caseworker's
 * command is parsed (ValidationError), allowed in the current state (InvalidTransition), then judged by its topic's
 * rule (`topics/`).
 */
export function decide(
  state: CaseState,
  command: Command | { type: string; payload: unknown },
  context: DecideContext,
): Decision {
  if (command.type === 'deadlineReached')
    return envelope(state, deadlineRule(state, command as DeadlineReached, context), SYSTEM_ACTOR, context);
  const name = command.type;
  if (!Object.hasOwn(CommandPayloads, name)) {
    return {
      ok: false,
      rejection: notNow(state, 'unknownCommand', { command: clip(name, ECHO.key) }),
    };
  }
  const parsed = CommandPayloads[name as CommandName].safeParse((command as { payload: unknown }).payload);
  if (!parsed.success) return { ok: false, rejection: validationRejection(name, parsed.error.issues) };
  const typed = { type: name, payload: parsed.data } as CaseworkerCommand;
  const future = factInTheFuture(typed, context);
  if (future) return { ok: false, rejection: future };
  if (!isAllowed(state, typed.type)) {
    const limit = limitReached(state, typed.type);
    return {
      ok: false,
      rejection:
        limit?.[0] === 'documentLimit'
          ? notNow(state, 'documentLimit', limit[1])
          : limit?.[0] === 'eventLimit'
            ? notNow(state, 'eventLimit', limit[1])
            : notNow(state, 'notAllowedNow', { command: typed.type, status: state.status }),
    };
  }
  const rule = COMMAND_RULES[typed.type] as CommandRule<typeof typed.type>;
  return envelope(state, rule.decide(state, typed.payload as never, context), typed.payload.actor, context);
}

/** A timer that fired for a deadline the case no longer has (moved, or met) changes nothing. */
function deadlineRule(state: CaseState, deadline: DeadlineReached, context: DecideContext): RuleOutcome {
  const current = deadlineOf(state, deadline.kind);
  if (state.closed || !current || current.dueAt !== deadline.dueAt) return [];
  return DEADLINE_RULES[deadline.kind](state, deadline, context);
}

/** Clocks differ a little between systems; more than this ahead of the case's time is a mistake. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

function factInTheFuture(command: CaseworkerCommand, context: DecideContext): Rejection | undefined {
  const field = FACT_TIME_FIELD[command.type];
  const value = field ? (command.payload as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string' || Date.parse(value) <= Date.parse(context.now) + CLOCK_SKEW_MS)
    return undefined;
  return invalid(field as string, 'factInTheFuture', { field: field as string, now: context.now });
}

function envelope(state: CaseState, outcome: RuleOutcome, actor: Actor, context: DecideContext): Decision {
  if (!Array.isArray(outcome)) return { ok: false, rejection: outcome };
  const events = outcome.map(
    (draft: EventDraft, index) =>
      ({ ...draft, seq: state.lastEventSeq + index + 1, at: context.now, actor }) as CaseEvent,
  );
  return { ok: true, events };
}

/**
 * How much of the input a rejection may echo. zod names unknown keys in its messages, so a body of huge or countless
 * keys would come back whole, and a refused signal keeps its rejection in the case's record for good.
 */
const ECHO = { issues: 10, message: 100, key: 40, total: 500 } as const;

const clip = (text: string, length: number) =>
  text.length <= length ? text : `${text.slice(0, length)}… (${text.length} characters)`;

/** A ValidationError naming each field's issue: the one shape of bad input at every boundary. */
export function validationRejection(
  subject: string,
  issues: readonly (ZodIssueLike & { path: PropertyKey[]; params?: RefusalParams })[],
): Extract<Rejection, { error: 'ValidationError' }> {
  const listed: Issue[] = issues.slice(0, ECHO.issues).map((issue) => ({
    path: issue.path
      .filter((key): key is string | number => typeof key !== 'symbol')
      .map((key) => (typeof key === 'string' ? clip(key, ECHO.key) : key)),
    message: clip(issue.message, ECHO.message),
    // An issue that has its code already (an assignment check's) keeps it; zod's are read from their kind.
    ...(isRefusalCode(issue.code) ? coded(issue.code, issue.params) : echoedCode(issue)),
  }));
  const more = issues.length > listed.length ? `; and ${issues.length - listed.length} more` : '';
  return {
    error: 'ValidationError',
    message: clip(
      `${subject}: ${listed.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ')}${more}`,
      ECHO.total,
    ),
    issues: listed,
  };
}

/** A zod issue's code, its params clipped like its message: unknown keys are the input's, echoed. */
function echoedCode(issue: ZodIssueLike): Pick<Issue, 'code' | 'params'> {
  const { code, params } = codeOfZodIssue(issue);
  if (!params) return { code };
  const clipped = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? value.slice(0, ECHO.issues).map((item: string) => clip(item, ECHO.key))
        : typeof value === 'string'
          ? clip(value, ECHO.key)
          : value,
    ]),
  );
  return { code, params: clipped };
}
