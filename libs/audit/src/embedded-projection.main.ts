// The embedded default's projection store as a process of its own (`startEmbeddedProjectionStore`): PGlite served
// over the PostgreSQL protocol. Arguments: port, host, folder (none: in memory).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { EMBEDDED_PROJECTION_READY, embeddedProjectionUrl } from './embedded-projection';

async function main(): Promise<void> {
  const [port, host = '127.0.0.1', folder] = process.argv.slice(2);
  if (folder) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(folder);
  const server = new PGLiteSocketServer({ db, host, port: Number(port), maxConnections: 64 });
  await server.start();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    // Closing writes PGlite's files out: a store killed without it may lose what it took since it last did.
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The store serves the process that started it (npm start's supervisor, a test): should that one end without
  // stopping it (killed, or a test's teardown that timed out), the store stops too instead of living on alone.
  const starter = process.ppid;
  setInterval(() => {
    if (process.ppid !== starter) void stop();
  }, 1_000).unref();
  console.log(`${EMBEDDED_PROJECTION_READY} ${embeddedProjectionUrl(Number(port), host)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
