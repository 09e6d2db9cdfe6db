import { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { CaseProjection, embeddedProjectionUrl, rebuildProjection } from '@saksflyt/audit';
import { type Settings, StartupError } from '@saksflyt/temporal';
import { withAudit } from './audit.command';

/**
 * The projection: `SAKSFLYT_PROJECTION_URL` (or the archive's PostgreSQL), else, on the embedded default (no
 * TEMPORAL_ADDRESS), the store `npm start` serves; elsewhere, why there is none.
 */
function projectionOf(settings: Settings): CaseProjection {
  if (settings.projectionUrl) return new CaseProjection(settings.projectionUrl);
  if (settings.temporal.embedded)
    return new CaseProjection(embeddedProjectionUrl(settings.embeddedProjectionPort));
  throw new StartupError(
    'no projection store is configured',
    'set SAKSFLYT_PROJECTION_URL to the database the workers write the projection to',
  );
}

/** `saksflyt projection status | rebuild`: the read model every read of a case comes from (issue 17). */
export function projectionCommand(): Command {
  const projection = new Command('projection').description(
    "the read model every read of a case comes from, kept by the cases' own events (docs/audit.md)",
  );
  projection
    .command('status')
    .description('how many cases and events the projection holds, and how many events wait past a gap')
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean }) => {
      await withAudit(async ({ settings }) => {
        const store = projectionOf(settings);
        try {
          const status = await store.status();
          console.log(
            options.json
              ? JSON.stringify(status)
              : `${status.cases} cases, ${status.events} events; ${status.waiting} events waiting past a gap`,
          );
        } finally {
          await store.close();
        }
      });
    });
  projection
    .command('rebuild')
    .description(
      "write every case Temporal and the archive hold into the projection again (idempotent; the cases' histories need no worker, cases from before the projection are asked by query)",
    )
    .option('--json', 'the report as JSON')
    .action(async (options: { json?: boolean }) => {
      await withAudit(async ({ settings, client, archive }) => {
        const store = projectionOf(settings);
        const bar = new SingleBar(
          { format: 'projection [{bar}] {value}/{total} cases', stream: process.stderr },
          Presets.shades_classic,
        );
        let started = false;
        try {
          const report = await rebuildProjection({ client, archive, projection: store }, (done, total) => {
            if (!started && !options.json) bar.start(total, 0);
            started = true;
            if (!options.json) bar.update(done);
          });
          if (started && !options.json) bar.stop();
          if (options.json) console.log(JSON.stringify(report));
          else {
            console.log(
              `${report.cases} cases: ${report.fromHistories} from their histories, ${report.fromQueries} by query, ${report.fromArchive} from the archive alone`,
            );
            for (const { dufNumber, reason } of report.unreadable)
              console.log(`  not read: ${dufNumber}: ${reason}`);
          }
          if (report.unreadable.length > 0) process.exitCode = 1;
        } finally {
          await store.close();
        }
      });
    });
  return projection;
}
