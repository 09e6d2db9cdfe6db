import { Command } from 'commander';
import { ensureTemporalTool, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '@saksflyt/temporal';

export function setupCommand(): Command {
  return new Command('setup')
    .description('find or install the pinned Temporal CLI and time-skipping test server (idempotent)')
    .option('--quiet', 'print only what is installed, not what was found')
    .action(async (options: { quiet?: boolean }) => {
      for (const spec of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) {
        const tool = await ensureTemporalTool(spec, (line) => console.log(line));
        if (!options.quiet) console.log(`${spec.envVar}: ${tool.path} (from ${tool.source})`);
      }
    });
}
