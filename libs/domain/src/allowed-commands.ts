import { limitReached } from './case-limits';
import type { CaseState } from './case-state';
import { COMMAND_NAMES, type CommandName } from './commands';
import { COMMAND_RULES } from './topics';

/** Whether the case takes the command now (contract §1, "allowed when"): open, allowed by its topic, within limits. */
export function isAllowed(state: CaseState, command: CommandName): boolean {
  return !state.closed && COMMAND_RULES[command].allowed(state) && limitReached(state, command) === undefined;
}

export function allowedCommands(state: CaseState): CommandName[] {
  return COMMAND_NAMES.filter((command) => isAllowed(state, command));
}
