import { StartupError } from './startup-error';

/** Runs a process's main function: a StartupError becomes one line and exit code 1, never a stack trace. */
export function runMain(main: () => Promise<void>, name = 'saksflyt'): void {
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
