import { type User, type UserStore, whyNotAssignable } from '@saksflyt/accounts';
import type { Actor } from '@saksflyt/domain';
import { StartupError } from '@saksflyt/temporal';

/**
 * The person the CLI acts for (`--as`): the actor on the record, as the API takes it from the signed-in user. Only
 * an enabled caseworker or admin sends commands, as at the API.
 */
export function actorFor(users: UserStore, username: string): Actor & { user: User } {
  const user = users.find(username);
  const why = whyNotAssignable(user, username);
  if (why || !user) throw new StartupError(`--as ${username}: ${why?.message}`, 'see `saksflyt users list`');
  return { id: user.username, role: user.role === 'admin' ? 'admin' : 'caseworker', user };
}
