import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { LoginAttempts } from './login-attempts';
import { Password } from './roles';
import { isCurrent, TokenService } from './tokens';
import { ensureInitialAdmin, UserStore } from './user-store';

const scratch = () => mkdtempSync(path.join(os.tmpdir(), 'saksflyt-accounts-'));

describe('the user store', () => {
  it('creates admin with a random password on the first start, written once to a 0600 file', async () => {
    const dataDir = scratch();
    const store = new UserStore(dataDir);
    const password = await ensureInitialAdmin(store, dataDir);
    expect(password).toMatch(/^[\w-]{24}$/);
    const file = path.join(dataDir, 'initial-admin-password');
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(await store.verify('admin', password ?? '')).toMatchObject({ username: 'admin', role: 'admin' });
    expect(await ensureInitialAdmin(store, dataDir)).toBeUndefined();
  });

  it('keeps only a bcrypt hash of the password', async () => {
    const store = new UserStore(scratch());
    await store.add('kari', 'caseworker', 'correct horse battery');
    const stored = readFileSync(store.file, 'utf8');
    expect(stored).not.toContain('correct horse battery');
    expect(stored).toMatch(/"passwordHash": "\$2[aby]\$11\$/);
  });

  it('refuses a wrong password, an unknown user and a disabled account alike', async () => {
    const store = new UserStore(scratch());
    await store.add('kari', 'caseworker', 'correct horse battery');
    expect(await store.verify('kari', 'wrong password!')).toBeUndefined();
    expect(await store.verify('ola', 'correct horse battery')).toBeUndefined();
    store.setDisabled('kari', true);
    expect(await store.verify('kari', 'correct horse battery')).toBeUndefined();
  });

  it('resets a password', async () => {
    const store = new UserStore(scratch());
    await store.add('kari', 'caseworker', 'correct horse battery');
    await store.resetPassword('kari', 'another long password');
    expect(await store.verify('kari', 'correct horse battery')).toBeUndefined();
    expect(await store.verify('kari', 'another long password')).toBeDefined();
  });

  it('moves the token version on a password change, a sign-out everywhere and disabling, not on enabling', async () => {
    const store = new UserStore(scratch());
    expect((await store.add('kari', 'caseworker', 'correct horse battery')).tokenVersion).toBe(0);
    expect((await store.resetPassword('kari', 'another long password')).tokenVersion).toBe(1);
    expect(store.revokeTokens('kari').tokenVersion).toBe(2);
    expect(store.setDisabled('kari', true).tokenVersion).toBe(3);
    expect(store.setDisabled('kari', false).tokenVersion).toBe(3);
    expect(() => store.revokeTokens('nobody')).toThrow(/no user nobody/);
  });

  it('reads a store written before token versions as version 0', async () => {
    const store = new UserStore(scratch());
    await store.add('kari', 'caseworker', 'correct horse battery');
    const old = JSON.parse(readFileSync(store.file, 'utf8')) as { users: Record<string, unknown>[] };
    for (const user of old.users) delete user.tokenVersion;
    writeFileSync(store.file, JSON.stringify(old));
    expect(store.find('kari')?.tokenVersion).toBe(0);
  });

  it('refuses a password over 72 bytes, which bcrypt would silently cut', async () => {
    // 37 characters, 74 bytes: long enough by characters, too long for bcrypt by bytes.
    const accented = 'å'.repeat(37);
    expect(Password.safeParse(accented)).toMatchObject({
      success: false,
      error: { issues: [{ message: expect.stringMatching(/at most 72 bytes.*bcrypt ignores the rest/) }] },
    });
    expect(Password.safeParse('x'.repeat(73)).success).toBe(false);
    expect(Password.safeParse('x'.repeat(72)).success).toBe(true);
    const store = new UserStore(scratch());
    await expect(store.add('kari', 'caseworker', accented)).rejects.toThrow(/at most 72 bytes/);
    await store.add('kari', 'caseworker', 'correct horse battery');
    await expect(store.resetPassword('kari', 'x'.repeat(73))).rejects.toThrow(/at most 72 bytes/);
  });

  it('refuses a second user of the same name', async () => {
    const store = new UserStore(scratch());
    await store.add('kari', 'caseworker', 'correct horse battery');
    await expect(store.add('kari', 'admin', 'correct horse battery')).rejects.toThrow(/exists/);
  });
});

const KARI = { username: 'kari', role: 'caseworker', tokenVersion: 0 } as const;

describe('access tokens', () => {
  it('carries the user, role and token version until it expires', async () => {
    const tokens = new TokenService('a-secret-of-sufficient-length', 60);
    const { accessToken } = await tokens.issue(KARI);
    expect(await tokens.verify(accessToken)).toEqual(KARI);
  });

  it('stands only while the account is enabled and its token version unchanged', async () => {
    const store = new UserStore(scratch());
    await store.add('kari', 'caseworker', 'correct horse battery');
    const tokens = new TokenService('a-secret-of-sufficient-length', 60);
    const claims = await tokens.verify((await tokens.issue(KARI)).accessToken);
    if (!claims) throw new Error('no claims');
    expect(isCurrent(claims, store.find('kari'))).toBe(true);
    store.revokeTokens('kari');
    expect(isCurrent(claims, store.find('kari'))).toBe(false);
    expect(isCurrent(claims, undefined)).toBe(false);
  });

  it('refuses a token without a version', async () => {
    const secret = 'a-secret-of-sufficient-length';
    const unversioned = await new SignJWT({ role: 'caseworker' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('kari')
      .setIssuer('saksflyt')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    expect(await new TokenService(secret, 60).verify(unversioned)).toBeUndefined();
  });

  it('refuses an expired token, a tampered one, and one signed with another key', async () => {
    const tokens = new TokenService('a-secret-of-sufficient-length', -1);
    const expired = (await tokens.issue(KARI)).accessToken;
    expect(await tokens.verify(expired)).toBeUndefined();

    const live = new TokenService('a-secret-of-sufficient-length', 60);
    const token = (await live.issue(KARI)).accessToken;
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'kari', role: 'admin', ver: 0, iss: 'saksflyt', exp: 9_999_999_999 }),
    ).toString('base64url');
    expect(await live.verify(`${header}.${forged}.${signature}`)).toBeUndefined();
    expect(await new TokenService('another-secret-entirely', 60).verify(token)).toBeUndefined();
  });

  it('keeps a generated signing key in the data folder (0600) and reuses it', () => {
    const dataDir = scratch();
    const first = TokenService.secretFrom(dataDir);
    expect(TokenService.secretFrom(dataDir)).toBe(first);
    expect(statSync(path.join(dataDir, 'token-secret')).mode & 0o777).toBe(0o600);
    expect(TokenService.secretFrom(dataDir, 'configured')).toBe('configured');
  });
});

describe('sign-in attempts', () => {
  it('counts per key in a file every instance on the data folder shares, and blocks above the limit', () => {
    const dataDir = scratch();
    const one = new LoginAttempts(dataDir);
    const other = new LoginAttempts(dataDir);
    const now = 1_000_000;
    for (let attempt = 1; attempt <= 4; attempt++) {
      const counter = attempt % 2 ? one : other;
      expect(counter.hit('k', 60_000, 4, 60_000, now + attempt)).toMatchObject({
        totalHits: attempt,
        isBlocked: false,
      });
    }
    expect(one.hit('k', 60_000, 4, 60_000, now + 5)).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    expect(other.hit('k', 60_000, 4, 60_000, now + 6)).toMatchObject({ isBlocked: true });
    expect(other.hit('another key', 60_000, 4, 60_000, now + 6)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
    // A minute after the block began, the key may try again; the file keeps only running counters.
    expect(one.hit('k', 60_000, 4, 60_000, now + 60_010)).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(Object.keys(JSON.parse(readFileSync(one.file, 'utf8')) as object)).toEqual(['k']);
    expect(statSync(one.file).mode & 0o777).toBe(0o600);
  });
});
