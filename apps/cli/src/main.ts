import { Command } from 'commander';
import { runMain } from '@saksflyt/temporal';
import { setupCommand } from './setup.command';
import { startCommand } from './start/start.command';
import { usersCommand } from './users.command';
import { demoCommand } from './demo.command';
import { auditCommand } from './audit.command';
import { casesCommand } from './cases.command';
import { keysCommand } from './keys.command';
import { policyCommand } from './policy.command';
import { projectionCommand } from './projection.command';
import { clusterCommand } from './cluster/cluster.command';
import { doctorCommand } from './doctor/doctor.command';

export function buildProgram(): Command {
  return new Command('saksflyt')
    .description('Saksflyt: case handling for applications for individual protection, on Temporal')
    .addCommand(startCommand())
    .addCommand(clusterCommand())
    .addCommand(setupCommand())
    .addCommand(usersCommand())
    .addCommand(demoCommand())
    .addCommand(auditCommand())
    .addCommand(casesCommand())
    .addCommand(keysCommand())
    .addCommand(policyCommand())
    .addCommand(projectionCommand())
    .addCommand(doctorCommand())
    .showHelpAfterError();
}

/** The `saksflyt` command's entry (bin/saksflyt.js). */
export function run(argv: string[] = process.argv): void {
  runMain(async () => {
    await buildProgram().parseAsync(argv);
  });
}
