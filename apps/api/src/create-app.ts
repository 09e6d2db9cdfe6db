import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ADMIN_UI_DIR } from '@saksflyt/admin-ui';
import type { Settings } from '@saksflyt/temporal';
import { AppModule } from './app.module';
import type { TemporalClient } from './temporal-client.provider';

export async function createApp(settings: Settings, client: TemporalClient): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(settings, client), {
    logger: ['error', 'warn'],
  });
  app.disable('x-powered-by');
  app.useStaticAssets(ADMIN_UI_DIR);
  return app;
}
