import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TokenService } from './tokens';
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

  it('refuses a second user of the same name', async () => {
    const store = new UserStore(scratch());
    await store.add('kari', 'caseworker', 'correct horse battery');
    await expect(store.add('kari', 'admin', 'correct horse battery')).rejects.toThrow(/exists/);
  });
});

describe('access tokens', () => {
  it('carries the user and role until it expires', async () => {
    const tokens = new TokenService('a-secret-of-sufficient-length', 60);
    const { accessToken } = await tokens.issue({ username: 'kari', role: 'caseworker' });
    expect(await tokens.verify(accessToken)).toEqual({ username: 'kari', role: 'caseworker' });
  });

  it('refuses an expired token, a tampered one, and one signed with another key', async () => {
    const tokens = new TokenService('a-secret-of-sufficient-length', -1);
    const expired = (await tokens.issue({ username: 'kari', role: 'caseworker' })).accessToken;
    expect(await tokens.verify(expired)).toBeUndefined();

    const live = new TokenService('a-secret-of-sufficient-length', 60);
    const token = (await live.issue({ username: 'kari', role: 'caseworker' })).accessToken;
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'kari', role: 'admin', iss: 'saksflyt', exp: 9_999_999_999 }),
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
