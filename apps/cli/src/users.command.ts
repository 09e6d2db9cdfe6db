import { Command, Option } from 'commander';
import { Password, randomPassword, Role, UserError, UserStore, Username } from '@saksflyt/accounts';
import { loadSettings, StartupError } from '@saksflyt/temporal';

function store(): UserStore {
  return new UserStore(loadSettings().dataDir);
}

function parsed<T>(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new StartupError(
      `${what}: ${result.error.issues[0]?.message ?? 'invalid'}`,
      'see `saksflyt users --help`',
    );
  return result.data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Runs a store change; a known user error is one line, not a stack trace. */
async function guarded(change: () => Promise<void> | void): Promise<void> {
  try {
    await change();
  } catch (error) {
    if (error instanceof UserError) throw new StartupError(error.message, 'see `saksflyt users list`');
    throw error;
  }
}

/** `saksflyt users add|list|disable|enable|reset-password|revoke-tokens`: the local accounts under the data folder. */
export function usersCommand(): Command {
  const users = new Command('users').description('manage the accounts of caseworkers, auditors and admins');
  users
    .command('add <username>')
    .description('add an account; prints a generated password unless one comes on stdin')
    .addOption(
      new Option('--role <role>', 'caseworker, auditor or admin').choices(Role.options).makeOptionMandatory(),
    )
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, options: { role: Role; passwordStdin?: boolean }) =>
      guarded(async () => {
        const name = parsed(Username, username, 'username');
        const password = options.passwordStdin
          ? parsed(Password, await readStdin(), 'password')
          : randomPassword();
        await store().add(name, options.role, password);
        console.log(
          options.passwordStdin
            ? `added ${name} (${options.role})`
            : `added ${name} (${options.role}) with password ${password}`,
        );
      }),
    );
  users
    .command('list')
    .description('list the accounts')
    .action(() => {
      for (const user of store().list()) {
        console.log(
          `${user.username.padEnd(20)} ${user.role.padEnd(11)} ${user.disabled ? 'disabled' : 'active  '} since ${user.createdAt}`,
        );
      }
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(`${name} <username>`)
      .description(
        disabled
          ? 'disable an account (its tokens stop working at once, and stay ended if it is enabled again)'
          : 'enable an account again (it signs in anew)',
      )
      .action((username: string) =>
        guarded(() => {
          store().setDisabled(username, disabled);
          console.log(`${username} ${disabled ? 'disabled' : 'enabled'}`);
        }),
      );
  }
  users
    .command('reset-password <username>')
    .description(
      'set a new password, ending every token of the account; prints a generated one unless one comes on stdin',
    )
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, options: { passwordStdin?: boolean }) =>
      guarded(async () => {
        const password = options.passwordStdin
          ? parsed(Password, await readStdin(), 'password')
          : randomPassword();
        await store().resetPassword(username, password);
        console.log(
          options.passwordStdin
            ? `password of ${username} changed`
            : `new password of ${username}: ${password}`,
        );
      }),
    );
  users
    .command('revoke-tokens <username>')
    .description('sign an account out everywhere: every token issued to it so far stops working at once')
    .action((username: string) =>
      guarded(() => {
        store().revokeTokens(username);
        console.log(`${username} signed out everywhere: every token issued so far is refused`);
      }),
    );
  return users;
}
