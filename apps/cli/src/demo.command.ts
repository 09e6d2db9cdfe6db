import { Command, Option } from 'commander';
import { connectClient, loadSettings, openDataConverter, StartupError } from '@saksflyt/temporal';
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
      const client = await connectClient(
        settings.temporal,
        await openDataConverter(settings, { reader: 'client' }),
      );
      try {
        const result = await seedDemo(
          client,
          { taskQueue: settings.temporal.taskQueue, policyProfile: settings.policyProfile },
          options.count,
          options.seed,
        );
        console.log(
          `demo: ${result.started} cases started${result.skipped ? `, ${result.skipped} already there` : ''}`,
        );
      } finally {
        await client.connection.close();
      }
    });
}
