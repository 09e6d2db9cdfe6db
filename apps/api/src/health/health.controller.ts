import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { checkHealth, type Health, type Settings } from '@saksflyt/temporal';
import { Public } from '../auth/access';
import { SETTINGS, TEMPORAL_CLIENT, type TemporalClient } from '../temporal-client.provider';

@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: TemporalClient,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** 200 only when Temporal answers and a worker polls the task queue; 503 says which part is missing. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const health = await checkHealth(this.client, this.settings.temporal.taskQueue);
    response.status(health.healthy ? 200 : 503);
    return health;
  }
}
