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
import { decodeJwt } from 'jose';
import { isCurrent, type Role, type TokenService, type UserStore } from '@saksflyt/accounts';
import { CSRF_TOKENS, TOKEN_SERVICE, USER_STORE } from '../temporal-client.provider';
import { CSRF_HEADER, type CsrfTokens, SAFE_METHODS } from './csrf';
import { sessionCookieOf } from './session-cookie';

/** Exactly `Bearer <token>` (RFC 6750): "Bearer <token> <junk>" once passed as the token alone. */
function bearerTokenOf(request: Request): string | undefined {
  return /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.authorization ?? '')?.[1];
}

const PUBLIC = 'saksflyt:public';
const ROLES = 'saksflyt:roles';
const CODEC_COOKIE = 'saksflyt:codec-cookie';
const SIGN_IN_OPTIONAL = 'saksflyt:sign-in-optional';

/** A route anyone may call (login, health, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC, true);
/**
 * A codec route: it takes the sign-in token from the codec's session cookie instead of the admin UI's, with no CSRF
 * token (the Temporal Web UI cannot send one, and decoding or encoding changes nothing).
 */
export const CodecSessionCookie = () => SetMetadata(CODEC_COOKIE, true);
/** A route anyone may call that also learns who is signed in, if anyone (`GET /api/auth/session`). */
export const SignInOptional = () => SetMetadata(SIGN_IN_OPTIONAL, true);
/** The roles that may call a route; without it every signed-in role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** How a request was signed in: the Authorization header, the admin UI's session cookie, or the codec's. */
export type SignedInBy = 'bearer' | 'session-cookie' | 'codec-cookie';

export interface SignIn {
  by: SignedInBy;
  token: string;
  /** When the token, and so the cookie session, ends. */
  expiresAt: string;
}

export type AuthenticatedRequest = Request & { user: { username: string; role: Role }; signIn: SignIn };
/** A request to a `@SignInOptional` route: signed in, or not. */
export type MaybeAuthenticatedRequest = Request & Partial<Pick<AuthenticatedRequest, 'user' | 'signIn'>>;

export const CSRF_REFUSED = 'CsrfTokenInvalid';

/**
 * Every route needs a valid token of an enabled user, issued under the account's current token version, unless
 * marked public; `@Roles` narrows it further. The token comes from `Authorization: Bearer`, else from the admin UI's
 * session cookie (the codec's on the codec routes). A request signed in by the session cookie alone that may change
 * something also needs the session's CSRF token in `X-CSRF-Token` (./csrf.ts), checked before the handler runs, so a
 * refused one changes nothing. 401 for no or a bad token, 403 for a missing or wrong CSRF token or the wrong role.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TOKEN_SERVICE) private readonly tokens: TokenService,
    @Inject(USER_STORE) private readonly users: UserStore,
    @Inject(CSRF_TOKENS) private readonly csrf: CsrfTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const optional = this.reflector.getAllAndOverride<boolean>(SIGN_IN_OPTIONAL, targets) ?? false;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credential = credentialOf(
      request,
      this.reflector.getAllAndOverride<boolean>(CODEC_COOKIE, targets) ? 'codec-cookie' : 'session-cookie',
    );
    if (!credential) {
      if (optional) return true;
      throw new UnauthorizedException({ error: 'Unauthorized', message: 'sign in first' });
    }
    const claims = await this.tokens.verify(credential.token);
    const user = claims && this.users.find(claims.username);
    // A disabled account, or a token from before a password change or a sign-out everywhere, is refused.
    if (!claims || !user || !isCurrent(claims, user)) {
      if (optional) return true;
      throw new UnauthorizedException({
        error: 'Unauthorized',
        message: 'the token is invalid or expired; sign in again',
      });
    }
    if (
      credential.by === 'session-cookie' &&
      !SAFE_METHODS.has(request.method) &&
      !this.csrf.isValid(request, credential.token)
    ) {
      throw new ForbiddenException({
        error: CSRF_REFUSED,
        message: `a request signed in by the session cookie that changes something needs the session's CSRF token in ${CSRF_HEADER} (from sign-in or GET /api/auth/session)`,
      });
    }
    // The role comes from the store, so a changed or disabled account takes effect before the token expires.
    request.user = { username: user.username, role: user.role };
    // The token was verified above: its expiry can be read without checking it again.
    const expiresAt = new Date((decodeJwt(credential.token).exp ?? 0) * 1000).toISOString();
    request.signIn = { ...credential, expiresAt };
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new ForbiddenException({ error: 'Forbidden', message: `the ${user.role} role may not do this` });
    }
    return true;
  }
}

/** The bearer token if there is one, else the session cookie the route reads. */
function credentialOf(
  request: Request,
  cookie: 'session-cookie' | 'codec-cookie',
): { by: SignedInBy; token: string } | undefined {
  const bearer = bearerTokenOf(request);
  if (bearer) return { by: 'bearer', token: bearer };
  const token = sessionCookieOf(request, cookie === 'codec-cookie' ? 'codec' : 'api');
  return token ? { by: cookie, token } : undefined;
}
