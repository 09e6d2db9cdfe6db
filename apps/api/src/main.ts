import {
  assertPortFree,
  connectClient,
  createDataConverter,
  loadSettings,
  openKeyRing,
  PlaintextRefusals,
  startTracing,
  runMain,
} from '@saksflyt/temporal';
import { ensureInitialAdmin, initialAdminPasswordFile, UserStore } from '@saksflyt/accounts';
import path from 'node:path';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const settings = loadSettings();
  await assertPortFree(settings.api.port, settings.api.host, 'SAKSFLYT_API_PORT');
  if (settings.api.metrics)
    await assertPortFree(settings.api.metrics.port, settings.api.metrics.host, 'SAKSFLYT_API_METRICS_PORT');
  const keys = await openKeyRing(settings.encryption);
  const tracing = startTracing('saksflyt-api', { otlpUrl: settings.otelTracesUrl });
  // Whatever the API reads from Temporal unencrypted is refused (an error, never a value) and counted on /metrics.
  const refusals = new PlaintextRefusals();
  const client = await connectClient(
    settings.temporal,
    createDataConverter(keys, {
      reader: 'client',
      plaintext: settings.encryption.plaintext,
      onRefused: refusals.record,
    }),
    tracing ? [tracing.plugin] : [],
  );
  const users = new UserStore(settings.dataDir);
  // The password goes to a 0600 file only: console lines end up in container logs, which many can read.
  if (await ensureInitialAdmin(users, settings.dataDir)) {
    console.log(
      `First start: created user "admin"; its password is in ${path.resolve(initialAdminPasswordFile(settings.dataDir))} ` +
        '(mode 0600, shown nowhere else): sign in with it, then change it with `saksflyt users reset-password admin`',
    );
  }
  const lifecycle = { shuttingDown: false };
  const app = await createApp(settings, client, keys, { users, lifecycle, refusals });
  await app.listen(settings.api.port, settings.api.host);
  console.log(`API and admin UI on http://${settings.api.host}:${settings.api.port}`);
  if (settings.api.metrics)
    console.log(`API metrics on http://${settings.api.metrics.host}:${settings.api.metrics.port}/metrics`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        lifecycle.shuttingDown = true;
        // The server stops taking connections and lets requests in flight finish before it closes.
        void app
          .close()
          .then(() => client.connection.close())
          .then(() => tracing?.shutdown())
          .then(resolve);
      });
    }
  });
}

runMain(main);
