import { StartupError } from './startup-error';

/**
 * What every file and folder a Saksflyt process creates withholds from other local users: everything. The data folder
 * holds personal data (the outbox's messages, exports, the archive, the dev server's database, key files), so files
 * are made 0600 and folders 0700 (issue 13, finding 5); child processes (the Temporal dev server) inherit it.
 */
export const PRIVATE_UMASK = 0o077;

/**
 * Runs a process's main function: files it creates are private to its user, and a StartupError becomes one line and
 * exit code 1, never a stack trace.
 */
export function runMain(main: () => Promise<void>, name = 'saksflyt'): void {
  process.umask(PRIVATE_UMASK);
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      if (error instanceof StartupError) {
        console.error(`${name}: ${error.message}`);
      } else {
        console.error(`${name}: unexpected failure:`, error);
      }
      process.exit(1);
    },
  );
}
