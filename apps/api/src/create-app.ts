import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { UserStore } from '@saksflyt/accounts';
import { ADMIN_UI_DIR } from '@saksflyt/admin-ui';
import type { Settings } from '@saksflyt/temporal';
import { AppModule } from './app.module';
import { openApiDocument } from './docs/openapi.document';
import { requestShape } from './http/request-shape';
import type { TemporalClient } from './temporal-client.provider';

/** Far below Temporal's 2 MB payload limit: no command or application is anywhere near this. */
const BODY_LIMIT = '256kb';

export async function createApp(
  settings: Settings,
  client: TemporalClient,
  users: UserStore = new UserStore(settings.dataDir),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(settings, client, users), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(requestShape(openApiDocument().paths));
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true });
  app.useStaticAssets(ADMIN_UI_DIR);
  return app;
}
