import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cors from 'cors';
import { json } from 'express';
import helmet from 'helmet';
import { UserStore } from '@saksflyt/accounts';
import { ADMIN_UI_DIR } from '@saksflyt/admin-ui';
import { createLogger, type KeyRing, type PlaintextRefusals, type Settings } from '@saksflyt/temporal';
import type { Logger } from 'pino';
import { requestLog } from './http/request-log';
import { requestSpan } from './http/request-span';
import { AppModule } from './app.module';
import { CODEC_PATH } from './auth/session-cookie';
import { openApiDocument } from './docs/openapi.document';
import { requestShape } from './http/request-shape';
import { ApiMetrics } from './metrics/api-metrics';
import type { Lifecycle, TemporalClient } from './temporal-client.provider';

/** Far below Temporal's 2 MB payload limit: no command or application is anywhere near this. */
const BODY_LIMIT = '256kb';
const CODEC_BODY_LIMIT = '4mb';

export async function createApp(
  settings: Settings,
  client: TemporalClient,
  keys: KeyRing,
  options: {
    users?: UserStore;
    lifecycle?: Lifecycle;
    logger?: Logger;
    /** The refusals of the client's codec, counted on /metrics. */
    refusals?: PlaintextRefusals;
  } = {},
): Promise<NestExpressApplication> {
  const users = options.users ?? new UserStore(settings.dataDir);
  const lifecycle = options.lifecycle ?? { shuttingDown: false };
  const logger = options.logger ?? createLogger('api', settings.apiLogLevel);
  const metrics = new ApiMetrics(client, options.refusals);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.with(settings, client, keys, users, lifecycle, metrics),
    {
      logger: ['error', 'warn'],
      bodyParser: false,
    },
  );
  app.disable('x-powered-by');
  // Believe X-Forwarded-For and X-Forwarded-Proto from this many proxies in front, no more: request.ip (the sign-in
  // limit's address) and request.secure (the session cookie's Secure flag) follow from it. 0 believes none.
  app.set('trust proxy', settings.api.trustedProxyHops);
  app.use(helmet());
  app.use(metrics.countRequests);
  app.use(requestLog(logger));
  app.use(requestSpan);
  // The Temporal Web UI calls the codec from its own origin, with the session cookie.
  app.use(
    CODEC_PATH,
    cors({
      origin: settings.codecCorsOrigins,
      credentials: true,
      methods: ['POST'],
      allowedHeaders: ['Content-Type', 'X-Namespace', 'Authorization'],
      maxAge: 600,
    }),
    // A history's payloads, encrypted and in base64, can be near Temporal's 2 MB limit and a third larger again.
    json({ limit: CODEC_BODY_LIMIT, strict: true }),
  );
  app.use(requestShape(openApiDocument().paths));
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true });
  app.useStaticAssets(ADMIN_UI_DIR);
  return app;
}
