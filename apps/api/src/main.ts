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
import { ensureInitialAdmin, UserStore } from '@saksflyt/accounts';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const settings = loadSettings();
  await assertPortFree(settings.api.port, settings.api.host, 'SAKSFLYT_API_PORT');
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
  const initialPassword = await ensureInitialAdmin(users, settings.dataDir);
  if (initialPassword) {
    console.log(
      `First start: created user "admin" with password ${initialPassword} ` +
        `(also in ${settings.dataDir}/initial-admin-password; shown only now)`,
    );
  }
  const lifecycle = { shuttingDown: false };
  const app = await createApp(settings, client, keys, { users, lifecycle, refusals });
  await app.listen(settings.api.port, settings.api.host);
  console.log(`API and admin UI on http://${settings.api.host}:${settings.api.port}`);
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
