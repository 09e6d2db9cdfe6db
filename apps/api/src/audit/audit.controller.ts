import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { DufNumber } from '@saksflyt/domain';
import { Roles } from '../auth/access';
import { parseOr400 } from '../http/validation';
import { ReplayService } from './replay.service';

export const ReplayRequest = z.object({ dufNumbers: z.array(DufNumber).max(1000).optional() }).strict();

@Controller('api/audit')
export class AuditController {
  constructor(@Inject(ReplayService) private readonly replays: ReplayService) {}

  /** Replays the named cases' histories (every case when none is named) against today's workflow code. */
  @Roles('auditor', 'admin')
  @Post('replay')
  @HttpCode(200)
  replay(@Body() body: unknown) {
    return this.replays.replay(parseOr400(ReplayRequest, body ?? {}, 'replay request').dufNumbers);
  }
}
