import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  currentPolicy,
  openCasesImpact,
  policyListing,
  PolicyRegistry,
  publishWithReview,
} from '@saksflyt/audit';
import { POLICY_PROFILES, PolicyDraft, validationRejection } from '@saksflyt/domain';
import { UserStore } from '@saksflyt/accounts';
import { loadSettings, StartupError } from '@saksflyt/temporal';
import { actorFor } from './acting-user';
import { type AuditContext, withAudit } from './audit.command';

/** The draft in a JSON file, checked as the API checks it, before anything connects: one line for what is wrong. */
function draftFrom(file: string): PolicyDraft {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StartupError(
      `--draft ${file}: ${(error as Error).message}`,
      'give a JSON file of a draft version',
    );
  }
  const parsed = PolicyDraft.safeParse(input);
  if (!parsed.success)
    throw new StartupError(
      `--draft ${file}: ${validationRejection('PolicyDraft', parsed.error.issues).message}`,
      'nothing was read; see `saksflyt policy impact --help`',
    );
  return parsed.data;
}

const registryOf = ({ client, settings }: AuditContext) =>
  new PolicyRegistry(client, { taskQueue: settings.temporal.taskQueue });

/** `saksflyt policy list|impact|publish`: the policy versions, and what a change would do (issue 16). */
export function policyCommand(): Command {
  const policy = new Command('policy').description(
    'the policy versions: list them, see what a draft would change, publish one',
  );
  policy
    .command('list')
    .description(
      'every version, oldest first: built in (the law) or published, by whom; * marks the one in force',
    )
    .option('--json', 'print JSON (as GET /api/policy) instead of lines')
    .action(async (options: { json?: boolean }) => {
      await withAudit(async (context) => {
        const listing = await policyListing(
          registryOf(context),
          POLICY_PROFILES[context.settings.policyProfile],
        );
        if (options.json) {
          console.log(JSON.stringify(listing, null, 2));
          return;
        }
        for (const version of listing.versions)
          console.log(
            `${version.version === listing.inForce ? '*' : ' '} ${version.validFrom} ${version.version} ` +
              (version.publishedBy
                ? `published by ${version.publishedBy} at ${version.publishedAt}, ${version.review.length} open case(s) listed for review`
                : 'built in') +
              `; safe: ${version.internalProtectionSafeOblasts.join(', ') || '—'}` +
              `; excluded: ${version.collectiveProtectionExcludedOblasts.join(', ') || '—'}` +
              `; departure ${version.defaultDepartureDeadlineDays} days`,
          );
      });
    });
  policy
    .command('impact')
    .description(
      'every open case a draft version would treat differently, and how: one line per case and effect ' +
        '(the draft: version, validFrom, source, internalProtectionSafeOblasts, collectiveProtectionExcludedOblasts, ' +
        'defaultDepartureDeadlineDays?)',
    )
    .requiredOption('--draft <file.json>', 'the draft version, as POST /api/policy/impact takes it')
    .action(async (options: { draft: string }) => {
      const draft = draftFrom(options.draft);
      await withAudit(async (context) => {
        const { versions } = await currentPolicy(
          registryOf(context),
          POLICY_PROFILES[context.settings.policyProfile],
        );
        const cases = await openCasesImpact(context.source, draft, {
          now: new Date().toISOString(),
          policy: versions,
        });
        if (cases.length === 0)
          console.log(`no open case would be treated differently under ${draft.version}`);
        for (const { dufNumber, status, effects } of cases)
          for (const effect of effects)
            console.log(`${dufNumber} ${status} ${effect.kind}: ${effect.message}`);
      });
    });
  policy
    .command('publish')
    .description(
      'publish a draft version (an admin): in force for every open case from its validFrom, with the open cases ' +
        'its impact touches listed for review; refused if validFrom is past or taken, or the name is taken',
    )
    .requiredOption('--draft <file.json>', 'the draft version, as POST /api/policy/versions takes it')
    .requiredOption('--as <username>', 'the admin publishing it (on the record as publishedBy)')
    .action(async (options: { draft: string; as: string }) => {
      const draft = draftFrom(options.draft);
      const actor = actorFor(new UserStore(loadSettings().dataDir), options.as);
      if (actor.role !== 'admin')
        throw new StartupError(
          `--as ${options.as}: only an admin publishes a policy version`,
          'nothing was published',
        );
      await withAudit(async (context) => {
        try {
          const published = await publishWithReview(
            {
              registry: registryOf(context),
              source: context.source,
              builtIn: POLICY_PROFILES[context.settings.policyProfile],
            },
            draft,
            actor.id,
          );
          console.log(
            `published ${published.version}, in force from ${published.validFrom}; ` +
              `${published.review.length} open case(s) listed for review`,
          );
          for (const { dufNumber, kinds } of published.review)
            console.log(`  ${dufNumber} ${kinds.join(', ')}`);
        } catch (error) {
          if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
            throw new StartupError(`${draft.version}: ${error.cause.message}`, 'nothing was published');
          throw error;
        }
      });
    });
  return policy;
}
