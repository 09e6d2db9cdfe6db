import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import { Role } from './roles';

export interface TokenClaims {
  username: string;
  role: Role;
}

const ISSUER = 'saksflyt';

/**
 * Signed access tokens (JWT, HS256) with an expiry. The key comes from `SAKSFLYT_TOKEN_SECRET`, or is made once
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
    const accessToken = await new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.username)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  /** The claims of a valid, unexpired token of ours; undefined for anything else. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = Role.safeParse(payload.role);
      if (!payload.sub || !role.success) return undefined;
      return { username: payload.sub, role: role.data };
    } catch {
      return undefined;
    }
  }
}
