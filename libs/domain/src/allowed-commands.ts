import { limitReached } from './case-limits';
import type { CaseState } from './case-state';
import { COMMAND_NAMES, type CommandName } from './commands';
import { COMMAND_RULES } from './topics';

/** Commands a closed case still takes: a note joins its record (contract §1, `addNote`). */
const ALLOWED_ON_CLOSED_CASES: ReadonlySet<CommandName> = new Set<CommandName>(['addNote']);

/** Whether the case takes the command now (contract §1, "allowed when"): open, allowed by its topic, within limits. */
export function isAllowed(state: CaseState, command: CommandName): boolean {
  return (
    (!state.closed || ALLOWED_ON_CLOSED_CASES.has(command)) &&
    COMMAND_RULES[command].allowed(state) &&
    limitReached(state, command) === undefined
  );
}

export function allowedCommands(state: CaseState): CommandName[] {
  return COMMAND_NAMES.filter((command) => isAllowed(state, command));
}
