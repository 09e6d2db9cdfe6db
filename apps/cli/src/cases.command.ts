import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { isCaseWorkflowGone } from '@saksflyt/workflows/client';
import { ApplicationFailure } from '@temporalio/common';
import { assignmentIssues, UserStore } from '@saksflyt/accounts';
import { CommandPayloads, DufNumber, Username } from '@saksflyt/domain';
import {
  connectClient,
  createDataConverter,
  type KeyRing,
  loadSettings,
  openKeyRing,
  PersonIndexCipher,
  type Settings,
  StartupError,
} from '@saksflyt/temporal';
import { openPersonIndex, type PersonIndex, queryCase } from '@saksflyt/audit';
import {
  caseWorkflowId,
  dufNumberOf,
  commandUpdates,
  PROTECTION_CASE_WORKFLOW,
  publishSearchAttributesSignal,
  stateQuery,
} from '@saksflyt/workflows';
import { actorFor } from './acting-user';
import { addNoteCommand } from './cases-note.command';
import { HELD_CASES_LIMIT, heldCasesQuery, readOrdered, workListRowOf } from '@saksflyt/workflows/work-lists';

type Client = Awaited<ReturnType<typeof connectClient>>;

async function withClient<T>(
  use: (settings: Settings, client: Client, keys: KeyRing) => Promise<T>,
): Promise<T> {
  const settings = loadSettings();
  const keys = await openKeyRing(settings.encryption);
  const client = await connectClient(
    settings.temporal,
    createDataConverter(keys, { reader: 'client', plaintext: settings.encryption.plaintext }),
  );
  try {
    return await use(settings, client, keys);
  } finally {
    await client.connection.close();
  }
}

function parsedOrExit<T>(
  schema: {
    safeParse(value: unknown): { success: boolean; data?: T; error?: { issues: { message: string }[] } };
  },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new StartupError(
      `${what}: ${result.error?.issues[0]?.message ?? 'invalid'}`,
      'see `saksflyt cases --help`',
    );
  return result.data as T;
}

/** A refusal from the workflow (held by someone else, a closed case) as one line. */
function refusalOf(error: unknown, dufNumber: string): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const detail = (error.cause.details?.[0] ?? {}) as { heldBy?: string };
    return new StartupError(
      `case ${dufNumber}: ${error.cause.message}`,
      detail.heldBy ? `ask ${detail.heldBy} or an admin to hand it on` : 'see the case in the admin UI',
    );
  }
  if (isCaseWorkflowGone(error)) return new StartupError(`no open case ${dufNumber}`, 'check the DUF number');
  return error;
}

/** `saksflyt cases assign|mine|note`: work allocation and notes for operators and scripts, with the API's checks. */
export function casesCommand(): Command {
  const cases = new Command('cases').description('who works on which case');
  cases
    .command('assign <dufNumber> [username]')
    .description("give a case to a caseworker or admin, or (--return) send it back to its team's queue")
    .option('--return', "return the case to its team's queue instead of naming someone")
    .option(
      '--team <id>',
      "the team whose queue the case joins (by default: the one the case's status calls for)",
    )
    .requiredOption('--as <username>', 'who does this (on the record as the actor)')
    .action(
      async (
        duf: string,
        username: string | undefined,
        options: { return?: boolean; team?: string; as: string },
      ) => {
        const settings = loadSettings();
        const users = new UserStore(settings.dataDir);
        const dufNumber = parsedOrExit<string>(DufNumber, duf, 'dufNumber');
        if (Boolean(username) === Boolean(options.return))
          throw new StartupError(
            'name an assignee or give --return, not both',
            'see `saksflyt cases assign --help`',
          );
        const actor = actorFor(users, options.as);
        const assignee = username === undefined ? null : parsedOrExit<string>(Username, username, 'assignee');
        const payload = parsedOrExit<ReturnType<typeof CommandPayloads.assignCase.parse>>(
          CommandPayloads.assignCase,
          {
            assignee,
            ...(options.team === undefined ? {} : { team: options.team }),
            actor: { id: actor.id, role: actor.role },
          },
          'assignCase',
        );
        // The same checks as the API's: an enabled caseworker or admin, a configured team.
        const [issue] = assignmentIssues(payload, { users, teams: settings.teams });
        if (issue) throw new StartupError(`${issue.path[0]}: ${issue.message}`, 'nothing was changed');
        await withClient(async (_settings, client) => {
          try {
            const state = await client.workflow
              .getHandle(caseWorkflowId(dufNumber))
              .executeUpdate<{ assignee: string | null; team: string }, [unknown]>(
                commandUpdates.assignCase.name,
                {
                  args: [payload],
                  updateId: randomUUID(),
                },
              );
            console.log(
              state.assignee === null
                ? `case ${dufNumber} is in the queue of ${state.team}`
                : `case ${dufNumber} is held by ${state.assignee} (${state.team})`,
            );
          } catch (error) {
            throw refusalOf(error, dufNumber);
          }
        });
      },
    );
  cases
    .command('mine')
    .description(
      `a person's open cases, nearest deadline first, then the oldest (at most ${HELD_CASES_LIMIT})`,
    )
    .requiredOption('--as <username>', 'whose cases')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { as: string; json?: boolean }) => {
      const settings = loadSettings();
      const username = parsedOrExit<string>(Username, options.as, '--as');
      if (!new UserStore(settings.dataDir).find(username))
        throw new StartupError(`--as ${username}: no user ${username}`, 'see `saksflyt users list`');
      await withClient(async ({ temporal }, client) => {
        const { executions, complete } = await readOrdered(
          client,
          temporal.namespace,
          heldCasesQuery(username),
        );
        const rows = executions.map(workListRowOf);
        if (!complete)
          console.error(
            `saksflyt: ${username} holds more than ${HELD_CASES_LIMIT} open cases: the order holds among the ${HELD_CASES_LIMIT} read`,
          );
        if (options.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) {
          console.log(`${username} holds no open case`);
          return;
        }
        console.log(
          `${'DUF number'.padEnd(13)} ${'status'.padEnd(30)} ${'team'.padEnd(21)} ${'next deadline'.padEnd(25)} lodged`,
        );
        for (const row of rows) {
          console.log(
            `${row.dufNumber.padEnd(13)} ${(row.status ?? '-').padEnd(30)} ${(row.team ?? '-').padEnd(21)} ` +
              `${(row.nextDeadline ?? '-').padEnd(25)} ${row.lodgedAt ?? '-'}`,
          );
        }
      });
    });
  cases
    .command('reindex')
    .description(
      'set the work-allocation search attributes (Team, AssignedTo, LodgedAt, DecidedAt) on running cases opened ' +
        'before them, and put every case Temporal still lists in the person index (find by name or date of birth)',
    )
    .action(async () => {
      await withClient(async (settings, client, keys) => {
        const signalled = await reindexCases(client);
        console.log(
          signalled === 0
            ? 'every running case has its team'
            : `asked ${signalled} running case${signalled === 1 ? '' : 's'} to set their search attributes`,
        );
        const people = openPersonIndex(settings.dataDir, settings.archiveUrl, new PersonIndexCipher(keys));
        try {
          const { indexed, failed } = await indexPeople(client, people);
          console.log(`indexed ${indexed} case${indexed === 1 ? '' : 's'} in the person index`);
          for (const { dufNumber, error } of failed)
            console.error(`saksflyt: case ${dufNumber} is not in the person index: ${error}`);
          if (failed.length > 0) process.exitCode = 1;
        } finally {
          await people.close();
        }
      });
    });
  addNoteCommand(cases);
  return cases;
}

/**
 * Running cases without a `Team` were opened before work allocation: their workflows replay without its marker and
 * set the new attributes only when something new happens to them. The `publishSearchAttributes` signal is such a
 * thing; it changes nothing on the case. Run after upgrading, once the new workers are up.
 */
async function reindexCases(client: Client): Promise<number> {
  const query = `WorkflowType = '${PROTECTION_CASE_WORKFLOW}' AND ExecutionStatus = 'Running' AND Team IS NULL`;
  let signalled = 0;
  for await (const execution of client.workflow.list({ query })) {
    await client.workflow
      .getHandle(execution.workflowId, execution.runId)
      .signal(publishSearchAttributesSignal);
    signalled++;
  }
  return signalled;
}

/**
 * Puts every case Temporal still lists (running or closed, each workflow once) in the person index, from its
 * state's application: cases started past the API (an integration, a script, a release before the index), and all
 * of them again after the index was lost or the key ring rotated. A closed case read through its workflow needs a
 * worker to answer; one past Temporal's retention keeps the entry it had.
 */
async function indexPeople(
  client: Client,
  people: PersonIndex,
): Promise<{ indexed: number; failed: { dufNumber: string; error: string }[] }> {
  const seen = new Set<string>();
  const failed: { dufNumber: string; error: string }[] = [];
  for await (const execution of client.workflow.list({
    query: `WorkflowType = '${PROTECTION_CASE_WORKFLOW}'`,
  })) {
    if (seen.has(execution.workflowId)) continue;
    seen.add(execution.workflowId);
    try {
      const state = await queryCase(client.workflow.getHandle(execution.workflowId), stateQuery);
      await people.index(state.application);
    } catch (error) {
      failed.push({ dufNumber: dufNumberOf(execution.workflowId), error: (error as Error).message });
    }
  }
  return { indexed: seen.size - failed.length, failed };
}
