import { assertPortFree, connectClient, loadSettings, runMain } from '@saksflyt/temporal';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const settings = loadSettings();
  await assertPortFree(settings.api.port, settings.api.host, 'SAKSFLYT_API_PORT');
  const client = await connectClient(settings.temporal);
  const app = await createApp(settings, client);
  await app.listen(settings.api.port, settings.api.host);
  console.log(`API and admin UI on http://${settings.api.host}:${settings.api.port}`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(
        signal,
        () =>
          void app
            .close()
            .then(() => client.connection.close())
            .then(resolve),
      );
    }
  });
}

runMain(main);
