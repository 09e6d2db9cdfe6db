import { type DynamicModule, Module } from '@nestjs/common';
import type { Settings } from '@saksflyt/temporal';
import { HealthController } from './health/health.controller';
import { SETTINGS, TEMPORAL_CLIENT, type TemporalClient } from './temporal-client.provider';

@Module({})
export class AppModule {
  /** The client is connected before Nest starts, so an unreachable Temporal stops start-up with one line. */
  static with(settings: Settings, client: TemporalClient): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController],
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: TEMPORAL_CLIENT, useValue: client },
      ],
    };
  }
}
