import type { Role } from './roles';
import type { User, UserStore } from './user-store';

/** The roles a case may be assigned to: the ones that send commands. An auditor reads and never holds a case. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['caseworker', 'admin'];

export interface AssignmentIssue {
  path: ['assignee'] | ['team'];
  message: string;
}

/** Why this user may not hold a case, or undefined when they may. */
export function whyNotAssignable(user: User | undefined, username: string): string | undefined {
  if (!user) return `no user ${username}`;
  if (user.disabled) return `${username}'s account is disabled`;
  if (!ASSIGNABLE_ROLES.includes(user.role))
    return `${username} is an ${user.role}: only caseworkers and admins hold cases`;
  return undefined;
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
    if (why) issues.push({ path: ['assignee'], message: why });
  }
  if (assignment.team !== undefined && !context.teams.some((team) => team.id === assignment.team)) {
    issues.push({
      path: ['team'],
      message: `no team ${assignment.team}; the teams are ${context.teams.map((team) => team.id).join(', ')}`,
    });
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
