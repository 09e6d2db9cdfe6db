import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { isCurrent, type Role, type TokenService, type UserStore } from '@saksflyt/accounts';
import { TOKEN_SERVICE, USER_STORE } from '../temporal-client.provider';
import { sessionCookieOf } from './session-cookie';

/** Exactly `Bearer <token>` (RFC 6750): "Bearer <token> <junk>" once passed as the token alone. */
function bearerTokenOf(request: Request): string | undefined {
  return /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.authorization ?? '')?.[1];
}

const PUBLIC = 'saksflyt:public';
const ROLES = 'saksflyt:roles';
const SESSION_COOKIE_ALLOWED = 'saksflyt:session-cookie';

/** A route anyone may call (login, health, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC, true);
/** A route that also takes the sign-in token from the session cookie (the codec, for the Temporal Web UI). */
export const AllowSessionCookie = () => SetMetadata(SESSION_COOKIE_ALLOWED, true);
/** The roles that may call a route; without it every signed-in role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = Request & { user: { username: string; role: Role } };

/**
 * Every route needs a valid bearer token of an enabled user, issued under the account's current token version,
 * unless marked public; `@Roles` narrows it further. 401 for no or a bad token, 403 for the wrong role.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TOKEN_SERVICE) private readonly tokens: TokenService,
    @Inject(USER_STORE) private readonly users: UserStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token =
      bearerTokenOf(request) ??
      (this.reflector.getAllAndOverride<boolean>(SESSION_COOKIE_ALLOWED, targets)
        ? sessionCookieOf(request)
        : undefined);
    if (!token) throw new UnauthorizedException({ error: 'Unauthorized', message: 'sign in first' });
    const claims = await this.tokens.verify(token);
    const user = claims && this.users.find(claims.username);
    // A disabled account, or a token from before a password change or a sign-out everywhere, is refused.
    if (!claims || !user || !isCurrent(claims, user)) {
      throw new UnauthorizedException({
        error: 'Unauthorized',
        message: 'the token is invalid or expired; sign in again',
      });
    }
    // The role comes from the store, so a changed or disabled account takes effect before the token expires.
    request.user = { username: user.username, role: user.role };
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new ForbiddenException({ error: 'Forbidden', message: `the ${user.role} role may not do this` });
    }
    return true;
  }
}
