import path from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TokenService, UserStore } from '@saksflyt/accounts';
import { type KeyRing, openArchiveKeys, PersonIndexCipher, type Settings } from '@saksflyt/temporal';
import { AuditController } from './audit/audit.controller';
import { ReplayService } from './audit/replay.service';
import { AccessGuard } from './auth/access';
import { AuthController } from './auth/auth.controller';
import { CsrfTokens } from './auth/csrf';
import { loginLimit } from './auth/login-limit';
import { CodecController } from './codec/codec.controller';
import type { ApiMetrics } from './metrics/api-metrics';
import { MetricsServer } from './metrics/metrics-server';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { DashboardController } from './cases/dashboard.controller';
import { PageTokens } from './cases/page-tokens';
import { DocsController } from './docs/docs.controller';
import { PolicyController } from './policy/policy.controller';
import { HealthController } from './health/health.controller';
import { ProcessingStatsService } from './stats/processing-stats.service';
import { StatsController } from './stats/stats.controller';
import { WorkloadController } from './stats/workload.controller';
import { TeamsController } from './teams/teams.controller';
import { UsersController } from './users/users.controller';
import { ErrorFilter } from './http/error.filter';
import { CaseProjection, CaseSource, openArchive, openPersonIndex } from '@saksflyt/audit';
import {
  ARCHIVE,
  KEY_RING,
  LIFECYCLE,
  METRICS,
  type Lifecycle,
  CASE_SOURCE,
  CSRF_TOKENS,
  PAGE_TOKENS,
  PERSON_INDEX,
  SETTINGS,
  TEMPORAL_CLIENT,
  TOKEN_SERVICE,
  USER_STORE,
  type TemporalClient,
} from './temporal-client.provider';

@Module({})
export class AppModule {
  /** The client is connected before Nest starts, so an unreachable Temporal stops start-up with one line. */
  static with(
    settings: Settings,
    client: TemporalClient,
    keys: KeyRing,
    users: UserStore,
    lifecycle: Lifecycle,
    metrics: ApiMetrics,
  ): DynamicModule {
    const secret = TokenService.secretFrom(settings.dataDir, settings.api.tokenSecret);
    const tokens = new TokenService(secret, settings.api.tokenTtlSeconds);
    // Every archived record the API serves is checked against the archive keys first.
    const archive = openArchive(
      settings.dataDir,
      settings.archiveUrl,
      openArchiveKeys(settings.archiveKeys, keys),
    );
    return {
      module: AppModule,
      // Only the login route is throttled (it opts in with ThrottlerGuard), with counts shared in the data folder.
      imports: [
        ThrottlerModule.forRoot(loginLimit(path.dirname(users.file), settings.api.loginAttemptsPerMinute)),
      ],
      controllers: [
        HealthController,
        AuthController,
        CasesController,
        DashboardController,
        StatsController,
        AuditController,
        DocsController,
        CodecController,
        TeamsController,
        WorkloadController,
        UsersController,
        PolicyController,
      ],
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: TEMPORAL_CLIENT, useValue: client },
        { provide: USER_STORE, useValue: users },
        { provide: TOKEN_SERVICE, useValue: tokens },
        { provide: CSRF_TOKENS, useValue: new CsrfTokens(secret) },
        { provide: ARCHIVE, useValue: archive },
        { provide: KEY_RING, useValue: keys },
        { provide: LIFECYCLE, useValue: lifecycle },
        { provide: METRICS, useValue: metrics },
        // Metrics on a port of their own, when one is set: never on the public API port.
        { provide: MetricsServer, useValue: new MetricsServer(metrics, settings.api.metrics) },
        { provide: PAGE_TOKENS, useValue: new PageTokens(secret) },
        // Reads come from the projection the workers keep (issue 17), so they need no worker.
        {
          provide: CASE_SOURCE,
          useValue: new CaseSource(
            client,
            archive,
            settings.projectionUrl ? new CaseProjection(settings.projectionUrl, 8) : undefined,
          ),
        },
        // Beside the archive: in its database, or in the data folder (issue 15, point 8).
        {
          provide: PERSON_INDEX,
          useValue: openPersonIndex(settings.dataDir, settings.archiveUrl, new PersonIndexCipher(keys)),
        },
        { provide: CasesService, useClass: CasesService },
        { provide: ProcessingStatsService, useClass: ProcessingStatsService },
        { provide: ReplayService, useClass: ReplayService },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
