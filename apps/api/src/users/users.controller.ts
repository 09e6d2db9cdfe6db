import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';
import { Role, type UserStore, whyNotAssignable } from '@saksflyt/accounts';
import { Roles } from '../auth/access';
import { USER_STORE } from '../temporal-client.provider';

export const AssignableUsers = z.object({
  items: z.array(z.object({ username: z.string(), role: Role })).meta({
    description:
      'the enabled caseworkers and admins (ASSIGNABLE_ROLES), by username: the assignees assignCase takes',
  }),
});
export type AssignableUsers = z.infer<typeof AssignableUsers>;

/**
 * Whom a case may be handed to, for the "Hand to…" picker: the accounts `assignCase` accepts as the assignee (the
 * same `whyNotAssignable` the 400 asks), and nothing else of them. For those who send commands; an auditor never
 * assigns, and the list of colleagues is not theirs to read.
 */
@Controller('api/users')
export class UsersController {
  constructor(@Inject(USER_STORE) private readonly users: UserStore) {}

  @Roles('caseworker', 'admin')
  @Get('assignable')
  assignable(): AssignableUsers {
    return {
      items: this.users
        .list()
        .filter((user) => whyNotAssignable(user, user.username) === undefined)
        .map(({ username, role }) => ({ username, role }))
        .sort((a, b) => a.username.localeCompare(b.username)),
    };
  }
}
