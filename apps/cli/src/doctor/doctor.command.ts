import { Command } from 'commander';
import { diagnose, type Finding } from './checks';

const MARK: Record<Finding['outcome'], string> = { ok: '✓', warning: '!', problem: '✗' };

export function formatFindings(findings: Finding[]): string {
  const width = Math.max(...findings.map((finding) => finding.subject.length));
  return findings
    .map((finding) =>
      [
        `${MARK[finding.outcome]} ${finding.subject.padEnd(width)}  ${finding.detail}`,
        ...(finding.fix && finding.outcome !== 'ok' ? [`  ${' '.repeat(width)}  fix: ${finding.fix}`] : []),
      ].join('\n'),
    )
    .join('\n');
}

/** `saksflyt doctor`: checks every setting, reachability included; exits 1 when something must be fixed. */
export function doctorCommand(): Command {
  return new Command('doctor')
    .description(
      'check the configuration and everything it points at (Temporal, keys, SMTP, partners, archive)',
    )
    .action(async () => {
      const findings = await diagnose();
      console.log(formatFindings(findings));
      const problems = findings.filter((finding) => finding.outcome === 'problem').length;
      console.log(problems === 0 ? '\nNo problems found.' : `\n${problems} problem(s) to fix.`);
      process.exitCode = problems === 0 ? 0 : 1;
    });
}
