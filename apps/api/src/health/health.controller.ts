import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { checkHealth, type Health, type Settings } from '@saksflyt/temporal';
import { Public } from '../auth/access';
import {
  LIFECYCLE,
  type Lifecycle,
  SETTINGS,
  TEMPORAL_CLIENT,
  type TemporalClient,
} from '../temporal-client.provider';

@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: TemporalClient,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LIFECYCLE) private readonly lifecycle: Lifecycle,
  ) {}

  /** The whole system: 200 only when Temporal answers and a worker polls the task queue; 503 says which part is missing. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const health = await checkHealth(this.client, this.settings.temporal.taskQueue);
    response.status(health.healthy ? 200 : 503);
    return health;
  }

  /** Liveness: the process answers. Restarting it would not fix Temporal or a worker being away. */
  @Public()
  @Get('live')
  live(): { live: true } {
    return { live: true };
  }

  /**
   * Readiness: this API instance can serve requests — Temporal answers and it is not shutting down. A missing
   * worker does not make it unready: commands would queue, and reads still work.
   */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ ready: boolean; detail?: string }> {
    if (this.lifecycle.shuttingDown) {
      response.status(503);
      return { ready: false, detail: 'shutting down' };
    }
    try {
      await this.client.workflowService.getSystemInfo({});
      return { ready: true };
    } catch (error) {
      response.status(503);
      return { ready: false, detail: `Temporal does not answer: ${(error as Error).message.split('\n')[0]}` };
    }
  }
}
