import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import { Role } from './roles';

export interface TokenClaims {
  username: string;
  role: Role;
  /** The account's token version when the token was issued; the API refuses it once the account's has moved on. */
  tokenVersion: number;
}

/** The version claim: the account's token version at sign-in (see UserStore.revokeTokens). */
const VERSION_CLAIM = 'ver';

const ISSUER = 'saksflyt';

/**
 * Signed access tokens (JWT, HS256) with a short expiry and the account's token version, so that a password change
 * or a sign-out everywhere ends them before they expire. The key comes from `SAKSFLYT_TOKEN_SECRET`, or is made once
 * and kept in the data folder (mode 0600), so tokens survive a restart and several API instances can share it.
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  static secretFrom(dataDir: string, configured?: string): string {
    if (configured) return configured;
    const file = path.join(dataDir, 'token-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  }

  async issue(claims: TokenClaims): Promise<{ accessToken: string; expiresAt: string }> {
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const accessToken = await new SignJWT({ role: claims.role, [VERSION_CLAIM]: claims.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.username)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The claims of a valid, unexpired token of ours; undefined for anything else. Whether its version is still the
   * account's is for the caller to check against the store (`isCurrent`).
   */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = Role.safeParse(payload.role);
      const version = payload[VERSION_CLAIM];
      // A token without a version (issued before versions existed) is no longer accepted.
      if (!payload.sub || !role.success || !Number.isSafeInteger(version)) return undefined;
      return { username: payload.sub, role: role.data, tokenVersion: version as number };
    } catch {
      return undefined;
    }
  }
}

/** Whether a token's claims still stand for the account as the store has it now: enabled, and the same version. */
export function isCurrent(
  claims: TokenClaims,
  user: { disabled: boolean; tokenVersion: number } | undefined,
): boolean {
  return user !== undefined && !user.disabled && user.tokenVersion === claims.tokenVersion;
}
