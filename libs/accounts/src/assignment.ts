import {
  refusalText,
  type ParamsOf,
  type RefusalArgs,
  type RefusalCode,
  type RefusalParams,
} from '@saksflyt/domain';
import type { Role } from './roles';
import type { User, UserStore } from './user-store';

/** The roles a case may be assigned to: the ones that send commands. An auditor reads and never holds a case. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['caseworker', 'admin'];

export interface AssignmentIssue {
  path: ['assignee'] | ['team'];
  message: string;
  code: RefusalCode;
  params: RefusalParams;
}

/** Why this user may not hold a case, or undefined when they may. */
export function whyNotAssignable(
  user: User | undefined,
  username: string,
): Pick<AssignmentIssue, 'message' | 'code' | 'params'> | undefined {
  if (!user) return issue('noSuchUser', { username });
  if (user.disabled) return issue('accountDisabled', { username });
  if (!ASSIGNABLE_ROLES.includes(user.role)) return issue('roleHoldsNoCases', { username, role: user.role });
  return undefined;
}

function issue<Code extends 'noSuchUser' | 'accountDisabled' | 'roleHoldsNoCases' | 'noSuchTeam'>(
  code: Code,
  params: ParamsOf<Code>,
): Pick<AssignmentIssue, 'message' | 'code' | 'params'> {
  return {
    message: refusalText(code, ...([params] as RefusalArgs<Code>)),
    code,
    params: params as RefusalParams,
  };
}

/**
 * What the workflow cannot check for `assignCase`, since it knows neither the user store nor the configured teams:
 * the assignee is an enabled caseworker or admin, and the team is one of the configuration's. The API (a 400) and
 * the CLI (an error before anything is sent) ask the same question here.
 */
export function assignmentIssues(
  assignment: { assignee: string | null; team?: string | undefined },
  context: { users: Pick<UserStore, 'find'>; teams: readonly { id: string }[] },
): AssignmentIssue[] {
  const issues: AssignmentIssue[] = [];
  if (assignment.assignee !== null) {
    const why = whyNotAssignable(context.users.find(assignment.assignee), assignment.assignee);
    if (why) issues.push({ path: ['assignee'], ...why });
  }
  if (assignment.team !== undefined && !context.teams.some((team) => team.id === assignment.team)) {
    const teams = context.teams.map((team) => team.id);
    issues.push({ path: ['team'], ...issue('noSuchTeam', { team: assignment.team, teams }) });
  }
  return issues;
}

/** The usernames of disabled accounts: their cases belong in their team's queue again ("holder disabled"). */
export function disabledUsernames(users: Pick<UserStore, 'list'>): string[] {
  return users
    .list()
    .filter((user) => user.disabled)
    .map((user) => user.username);
}
