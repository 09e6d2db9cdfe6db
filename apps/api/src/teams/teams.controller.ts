import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';
import { isRoutedTeam, type Settings, TeamConfig } from '@saksflyt/temporal';
import { SETTINGS } from '../temporal-client.provider';

export const TeamListing = z.object({
  items: z.array(
    TeamConfig.extend({
      routed: z.boolean().meta({
        description:
          "cases move into this team's queue by their status (teamFor); the others are assigned by hand",
      }),
    }),
  ),
});
export type TeamListing = z.infer<typeof TeamListing>;

/** The configured teams (`SAKSFLYT_TEAMS`), for the queue pickers and the assign form; every role may read them. */
@Controller('api/teams')
export class TeamsController {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  @Get()
  teams(): TeamListing {
    return { items: this.settings.teams.map((team) => ({ ...team, routed: isRoutedTeam(team.id) })) };
  }
}
