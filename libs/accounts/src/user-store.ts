import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { z } from 'zod';
import { withFileLock } from './file-lock';
import { PASSWORD_MAX_BYTES, passwordTooLong, Role, Username } from './roles';

const StoredUser = z.object({
  username: Username,
  role: Role,
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
  /**
   * Tokens carry the version they were issued under and stop working once it moves on: a password change, a
   * sign-out everywhere or disabling the account moves it. Stores written before it existed start at 0.
   */
  tokenVersion: z.number().int().min(0).default(0),
});
export type StoredUser = z.infer<typeof StoredUser>;
export type User = Omit<StoredUser, 'passwordHash'>;

const StoreFile = z.object({ users: z.array(StoredUser) });

/** bcrypt's work factor: about 100 ms a hash on a small server, slow enough for guessing, quick for a sign-in. */
const BCRYPT_ROUNDS = 11;

export class UserError extends Error {}

/**
 * The local user store, `data/users.json` (mode 0600): few users, rarely changed, so one JSON file written
 * atomically is enough. Passwords are kept only as bcrypt hashes.
 */
export class UserStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'users.json');
  }

  list(): User[] {
    return this.read().users.map(({ passwordHash: _hash, ...user }) => user);
  }

  isEmpty(): boolean {
    return this.read().users.length === 0;
  }

  async add(username: string, role: Role, password: string): Promise<User> {
    const passwordHash = await hashOf(password);
    return withFileLock(this.file, () => {
      const store = this.read();
      if (store.users.some((user) => user.username === username))
        throw new UserError(`user ${username} exists`);
      const now = new Date().toISOString();
      const user: StoredUser = {
        username: Username.parse(username),
        role,
        passwordHash,
        disabled: false,
        createdAt: now,
        passwordChangedAt: now,
        tokenVersion: 0,
      };
      this.write({ users: [...store.users, user] });
      const { passwordHash: _hash, ...visible } = user;
      return visible;
    });
  }

  /** Disabling also ends the account's tokens, so enabling it again does not bring them back. */
  setDisabled(username: string, disabled: boolean): User {
    return this.change(username, (user) => ({
      ...user,
      disabled,
      tokenVersion: disabled ? user.tokenVersion + 1 : user.tokenVersion,
    }));
  }

  /** A new password ends every token issued under the old one. */
  async resetPassword(username: string, password: string): Promise<User> {
    const passwordHash = await hashOf(password);
    return this.change(username, (user) => ({
      ...user,
      passwordHash,
      passwordChangedAt: new Date().toISOString(),
      tokenVersion: user.tokenVersion + 1,
    }));
  }

  /** Signs the user out everywhere: every token issued so far stops working at its next request. */
  revokeTokens(username: string): User {
    return this.change(username, (user) => ({ ...user, tokenVersion: user.tokenVersion + 1 }));
  }

  /** The user when the password is right and the account enabled; the same answer for every failure. */
  async verify(username: string, password: string): Promise<User | undefined> {
    const user = this.read().users.find((candidate) => candidate.username === username);
    // Compare against a fixed hash for unknown users, so the answer takes as long either way.
    const matches = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches || user.disabled) return undefined;
    const { passwordHash: _hash, ...visible } = user;
    return visible;
  }

  find(username: string): User | undefined {
    return this.list().find((user) => user.username === username);
  }

  /** Read, change and write under the store's lock, so two API instances or the CLI never undo each other's change. */
  private change(username: string, update: (user: StoredUser) => StoredUser): User {
    return withFileLock(this.file, () => {
      const store = this.read();
      const index = store.users.findIndex((user) => user.username === username);
      const current = store.users[index];
      if (!current) throw new UserError(`no user ${username}`);
      const changed = update(current);
      store.users[index] = changed;
      this.write(store);
      const { passwordHash: _hash, ...visible } = changed;
      return visible;
    });
  }

  private read(): z.infer<typeof StoreFile> {
    if (!existsSync(this.file)) return { users: [] };
    return StoreFile.parse(JSON.parse(readFileSync(this.file, 'utf8')));
  }

  private write(store: z.infer<typeof StoreFile>): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const partial = `${this.file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, this.file);
    chmodSync(this.file, 0o600);
  }
}

/** bcrypt would hash only the first 72 bytes: a longer password is refused rather than silently cut. */
async function hashOf(password: string): Promise<string> {
  if (passwordTooLong(password))
    throw new UserError(
      `a password has at most ${PASSWORD_MAX_BYTES} bytes in UTF-8 (bcrypt ignores the rest)`,
    );
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

const UNKNOWN_USER_HASH = bcrypt.hashSync('no such user', BCRYPT_ROUNDS);

/** A password for a new account or a reset: 18 random bytes, URL-safe. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Where the first start leaves the initial admin password. */
export function initialAdminPasswordFile(dataDir: string): string {
  return path.join(dataDir, 'initial-admin-password');
}

/**
 * The first start with no users creates `admin` with a random password, written only to
 * `initial-admin-password` (mode 0600) in the data folder: never to the console, whose lines container logs keep.
 * Returns the password when it did.
 */
export async function ensureInitialAdmin(store: UserStore, dataDir: string): Promise<string | undefined> {
  if (!store.isEmpty()) return undefined;
  const password = randomPassword();
  try {
    await store.add('admin', 'admin', password);
  } catch (error) {
    // Another instance starting at the same moment made it first.
    if (error instanceof UserError) return undefined;
    throw error;
  }
  const file = initialAdminPasswordFile(dataDir);
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return password;
}
