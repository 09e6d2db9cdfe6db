import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserStore } from '@saksflyt/accounts';
import { repoRoot } from '@saksflyt/temporal';

const BIN = path.join(repoRoot(), 'apps/cli/bin/saksflyt.js');

describe('saksflyt users', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-users-'));
  const saksflyt = (args: string[], input?: string) => {
    const run = spawnSync(process.execPath, [BIN, 'users', ...args], {
      env: { ...process.env, SAKSFLYT_DATA_DIR: dataDir },
      input: input ?? '',
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
  };

  it('adds an account with a generated password that signs in', async () => {
    const added = saksflyt(['add', 'kari', '--role', 'caseworker']);
    expect(added.status).toBe(0);
    const password = /with password (\S+)/.exec(added.output)?.[1] ?? '';
    expect(await new UserStore(dataDir).verify('kari', password)).toMatchObject({ role: 'caseworker' });
  });

  it('takes a password from standard input, and refuses a short one in one line', async () => {
    expect(
      saksflyt(['add', 'revisor', '--role', 'auditor', '--password-stdin'], 'a long enough password\n')
        .status,
    ).toBe(0);
    expect(await new UserStore(dataDir).verify('revisor', 'a long enough password')).toBeDefined();
    const short = saksflyt(['add', 'ola', '--role', 'auditor', '--password-stdin'], 'short');
    expect(short.status).toBe(1);
    expect(short.output).toMatch(/^saksflyt: password: a password has at least 12 characters/);
    expect(short.output.split('\n')).toHaveLength(1);
  });

  it('lists, disables and re-enables accounts, and resets a password', async () => {
    expect(saksflyt(['list']).output).toMatch(/kari\s+caseworker\s+active/);
    expect(saksflyt(['disable', 'kari']).status).toBe(0);
    expect(saksflyt(['list']).output).toMatch(/kari\s+caseworker\s+disabled/);
    expect(saksflyt(['enable', 'kari']).status).toBe(0);
    const reset = saksflyt(['reset-password', 'kari']);
    const password = /new password of kari: (\S+)/.exec(reset.output)?.[1] ?? '';
    expect(await new UserStore(dataDir).verify('kari', password)).toBeDefined();
  });

  it('refuses a password over 72 bytes in one line, since bcrypt would ignore the rest', () => {
    // 40 characters, 80 bytes.
    const long = saksflyt(['add', 'lang', '--role', 'auditor', '--password-stdin'], 'ø'.repeat(40));
    expect(long.status).toBe(1);
    expect(long.output).toMatch(
      /^saksflyt: password: a password has at most 72 bytes .*bcrypt ignores the rest/,
    );
    expect(long.output.split('\n')).toHaveLength(1);
    expect(new UserStore(dataDir).find('lang')).toBeUndefined();
  });

  it("signs an account out everywhere, and a password reset does too: the account's token version moves on", () => {
    const version = () => new UserStore(dataDir).find('kari')?.tokenVersion ?? -1;
    const before = version();
    const revoked = saksflyt(['revoke-tokens', 'kari']);
    expect(revoked).toMatchObject({ status: 0, output: expect.stringMatching(/kari signed out everywhere/) });
    expect(version()).toBe(before + 1);
    expect(saksflyt(['reset-password', 'kari']).status).toBe(0);
    expect(version()).toBe(before + 2);
    expect(saksflyt(['revoke-tokens', 'nobody'])).toMatchObject({
      status: 1,
      output: 'saksflyt: no user nobody — see `saksflyt users list`',
    });
  });

  it('refuses a role that does not exist and a user that does not exist', () => {
    expect(saksflyt(['add', 'x1', '--role', 'superuser']).status).not.toBe(0);
    const missing = saksflyt(['disable', 'nobody']);
    expect(missing).toMatchObject({
      status: 1,
      output: 'saksflyt: no user nobody — see `saksflyt users list`',
    });
  });
});
