import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { UserStore } from '@saksflyt/accounts';
import { type Actor, type CaseState, DufNumber } from '@saksflyt/domain';
import { loadSettings, StartupError } from '@saksflyt/temporal';
import { caseWorkflowId, commandUpdates } from '@saksflyt/workflows';
import { isCaseWorkflowGone, refusedAsClosed } from '@saksflyt/workflows/client';
import { actorFor } from './acting-user';
import { type AuditContext, withAudit } from './audit.command';

export interface NoteOptions {
  as: string;
  text: string;
  /** Makes a retried call idempotent: the same id adds the note once (the Update id, or the archive record's key). */
  requestId?: string;
}

/** A rejection as one line: the field for bad input, the allowed commands for a command the case does not take. */
function rejected(message: string): StartupError {
  return new StartupError(`the note was refused: ${message}`, 'see `saksflyt cases note --help`');
}

/**
 * An open case takes the note through its workflow (the `addNote` Update, as the API sends it); a closed case's
 * workflow has completed, so the note joins its archived record, decided by the same domain `decide`.
 */
export async function addNote(
  context: Pick<AuditContext, 'client' | 'source'>,
  dufNumber: string,
  actor: Actor,
  text: string,
  requestId: string = randomUUID(),
): Promise<{ state: CaseState; via: 'workflow' | 'archive' }> {
  try {
    const state = await context.client.workflow
      .getHandle(caseWorkflowId(dufNumber))
      .executeUpdate(commandUpdates.addNote, { args: [{ text, actor }], updateId: requestId });
    return { state, via: 'workflow' };
  } catch (error) {
    // A case that closed a moment ago refuses the Update while it archives: the note goes to the archive as well.
    if (refusedAsClosed(error)) return { ...(await noteOnArchive()), via: 'archive' };
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
      throw rejected(error.cause.message);
    if (!isCaseWorkflowGone(error)) throw error;
  }
  return { ...(await noteOnArchive()), via: 'archive' };

  async function noteOnArchive(): Promise<{ state: CaseState }> {
    const outcome = await context.source.addNoteToClosedCase({
      dufNumber,
      payload: { text, actor },
      requestId,
    });
    if (!outcome.ok) throw rejected(outcome.rejection.message);
    return { state: outcome.state };
  }
}

/** `note <dufNumber> --as <username> --text <text>`, added to a `cases` command group. */
export function addNoteCommand(cases: Command): Command {
  cases
    .command('note <dufNumber>')
    .description(
      "add an internal note to a case (never sent to the applicant); a closed case's note joins its archived record",
    )
    .requiredOption('--as <username>', 'the caseworker or admin writing the note')
    .requiredOption('--text <text>', 'the note, 1–4000 characters')
    .option('--request-id <id>', 'an id that makes a retried call add the note only once')
    .action(async (value: string, options: NoteOptions) => {
      const duf = DufNumber.safeParse(value);
      if (!duf.success)
        throw new StartupError(`${value} is not a DUF number`, 'give the 12 digits of the case');
      const actor = actorFor(new UserStore(loadSettings().dataDir), options.as);
      await withAudit(async (context) => {
        const { state, via } = await addNote(context, duf.data, actor, options.text, options.requestId);
        console.log(
          via === 'archive'
            ? `note added to closed case ${duf.data} as event ${state.lastEventSeq}, on its archived record`
            : `note added to case ${duf.data} as event ${state.lastEventSeq}`,
        );
      });
    });
  return cases;
}
