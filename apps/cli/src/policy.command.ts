import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { openCasesImpact } from '@saksflyt/audit';
import { POLICY_PROFILES, PolicyDraft, validationRejection } from '@saksflyt/domain';
import { StartupError } from '@saksflyt/temporal';
import { withAudit } from './audit.command';

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

/** `saksflyt policy impact`: what a policy version would change, before it is published (issue 16). */
export function policyCommand(): Command {
  const policy = new Command('policy').description('the policy versions: what a change would do');
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
      await withAudit(async ({ settings, source }) => {
        const cases = await openCasesImpact(source, draft, {
          now: new Date().toISOString(),
          policy: POLICY_PROFILES[settings.policyProfile],
        });
        if (cases.length === 0)
          console.log(`no open case would be treated differently under ${draft.version}`);
        for (const { dufNumber, status, effects } of cases)
          for (const effect of effects)
            console.log(`${dufNumber} ${status} ${effect.kind}: ${effect.message}`);
      });
    });
  return policy;
}
