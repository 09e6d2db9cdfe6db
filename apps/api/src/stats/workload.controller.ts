import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';
import { ASSIGNABLE_ROLES, disabledUsernames, Role, type UserStore } from '@saksflyt/accounts';
import type { Settings } from '@saksflyt/temporal';
import { queueClause } from '@saksflyt/workflows/work-lists';
import { Roles } from '../auth/access';
import { visibilityQuery } from '../cases/case-list.query';
import { CasesService } from '../cases/cases.service';
import { SETTINGS, USER_STORE } from '../temporal-client.provider';

export const Workload = z.object({
  caseworkers: z.array(
    z.object({
      username: z.string(),
      role: Role,
      disabled: z.boolean(),
      open: z.number().int().meta({ description: 'open (running) cases the person holds' }),
    }),
  ),
  teams: z.array(
    z.object({
      team: z.string(),
      open: z.number().int().meta({ description: 'open cases in the team, held or in its queue' }),
      unassigned: z.number().int().meta({ description: 'open cases in its queue, no one holding them' }),
      holderDisabled: z.number().int().meta({ description: 'open cases held by a disabled account' }),
    }),
  ),
});
export type Workload = z.infer<typeof Workload>;

/**
 * Who holds how much, and how much waits in each queue: visibility counts on AssignedTo and Team, one count a person
 * and three a team, so it costs the same at 100 cases as at 100,000. Admins only: it is about people's work.
 */
@Controller('api/stats/workload')
export class WorkloadController {
  constructor(
    @Inject(CasesService) private readonly cases: CasesService,
    @Inject(USER_STORE) private readonly users: UserStore,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Roles('admin')
  @Get()
  async workload(): Promise<Workload> {
    const people = this.users.list().filter((user) => ASSIGNABLE_ROLES.includes(user.role));
    const disabled = disabledUsernames(this.users);
    const count = (query: string) => this.cases.count(query);
    const [caseworkers, teams] = await Promise.all([
      Promise.all(
        people.map(async (user) => ({
          username: user.username,
          role: user.role,
          disabled: user.disabled,
          open: await count(visibilityQuery({ assignedTo: user.username })),
        })),
      ),
      Promise.all(
        this.settings.teams.map(async ({ id }) => {
          const [open, unassigned, holderDisabled] = await Promise.all([
            count(`${visibilityQuery({ team: id })} AND ExecutionStatus = 'Running'`),
            count(`${visibilityQuery({ team: id })} AND ${queueClause([])}`),
            disabled.length
              ? count(
                  `${visibilityQuery({ team: id })} AND ExecutionStatus = 'Running' AND ` +
                    `AssignedTo IN (${disabled.map((username) => `'${username}'`).join(', ')})`,
                )
              : 0,
          ]);
          return { team: id, open, unassigned, holderDisabled };
        }),
      ),
    ]);
    return { caseworkers, teams };
  }
}
