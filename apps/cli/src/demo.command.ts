import { Command, Option } from 'commander';
import { openPersonIndex } from '@saksflyt/audit';
import {
  connectClient,
  createDataConverter,
  loadSettings,
  openKeyRing,
  PersonIndexCipher,
  StartupError,
} from '@saksflyt/temporal';
import { seedDemo } from '@saksflyt/workflows/demo';

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'seed realistic demo cases (generated names, mixed paths, some deadlines near) into a running system',
    )
    .addOption(
      new Option('--count <n>', 'how many cases')
        .argParser((value) => Number.parseInt(value, 10))
        .default(24),
    )
    .addOption(
      new Option('--seed <n>', 'the random seed (the same seed gives the same cases)').argParser((value) =>
        Number.parseInt(value, 10),
      ),
    )
    .action(async (options: { count: number; seed?: number }) => {
      if (!Number.isInteger(options.count) || options.count < 1 || options.count > 10_000) {
        throw new StartupError(
          `--count ${options.count} is not a whole number from 1 to 10000`,
          'give e.g. --count 24',
        );
      }
      const settings = loadSettings();
      const keys = await openKeyRing(settings.encryption);
      const client = await connectClient(
        settings.temporal,
        createDataConverter(keys, { reader: 'client', plaintext: settings.encryption.plaintext }),
      );
      // The demo's applicants go into the person index as the API's would, so the list finds them by name.
      const people = openPersonIndex(settings.dataDir, settings.archiveUrl, new PersonIndexCipher(keys));
      try {
        const result = await seedDemo(
          client,
          { taskQueue: settings.temporal.taskQueue, policyProfile: settings.policyProfile },
          options.count,
          options.seed,
          (application) => people.index(application),
        );
        console.log(
          `demo: ${result.started} cases started${result.skipped ? `, ${result.skipped} already there` : ''}`,
        );
      } finally {
        await people.close();
        await client.connection.close();
      }
    });
}
