import { normalizeIp, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { LoginAttempts } from '@saksflyt/accounts';

/**
 * The throttler's counts in the data folder beside the user store (`login-attempts.json`), under its file lock:
 * every API instance on the same store counts the same attempts, so two instances do not double the limit.
 */
export class SharedThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly attempts: LoginAttempts) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): ReturnType<ThrottlerStorage['increment']> {
    return Promise.resolve(this.attempts.hit(key, ttl, limit, blockDuration));
  }
}

/**
 * Sign-in attempts are counted per (client address, username): one person mistyping behind an office's shared
 * address does not lock out the rest, and guessing at one account stays limited. The address is express's
 * `request.ip`, which believes `X-Forwarded-For` only as far as `SAKSFLYT_TRUSTED_PROXY_HOPS` says; an IPv6
 * address counts by its /64, as the throttler does by default. The throttler hashes the tracker into its key.
 */
export function loginTracker(request: Request): string {
  const body = request.body as { username?: unknown } | undefined;
  const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase().slice(0, 64) : '';
  return `${normalizeIp(request.ip ?? request.socket.remoteAddress ?? '')}\u0000${username}`;
}

export function loginLimit(dataDir: string, attemptsPerMinute: number): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: 60_000, limit: attemptsPerMinute }],
    storage: new SharedThrottlerStorage(new LoginAttempts(dataDir)),
    getTracker: (request) => loginTracker(request as Request),
  };
}
