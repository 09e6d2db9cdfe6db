import { hkdfSync } from 'node:crypto';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { API_PATH, clearCookie, cookieAttributes, cookiesOf } from './session-cookie';

export const CSRF_COOKIE = 'saksflyt_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Reading a page or a list changes nothing: only the other methods need the token (RFC 9110 §9.2.1). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for requests signed in by the session cookie: the signed double-submit cookie pattern (OWASP's
 * CSRF cheat sheet) as csrf-csrf implements it. At sign-in the API answers a token, an HMAC over the session and a
 * random value, in the body and again in the HttpOnly cookie `saksflyt_csrf` (path `/api`); the admin UI sends it
 * back in `X-CSRF-Token` with every request that changes something. Another site can make the browser send the
 * cookie (were SameSite ever not honoured), but it can neither read the token nor set the header without CORS,
 * which `/api` never allows; and the HMAC ties the token to this session, so a token from another sign-in, or one
 * planted in the cookie by a neighbouring subdomain, does not pass. Bearer tokens need none of this: no browser
 * sends an Authorization header on its own.
 *
 * The key is derived from the token-signing secret, so every API instance on the same secret accepts the others'
 * tokens, and rotating that secret ends both.
 */
export class CsrfTokens {
  private readonly csrf: DoubleCsrfUtilities;
  /** csrf-csrf asks for "the session" through a callback: the session token each request was signed in with. */
  private readonly sessionOf = new WeakMap<Request, string>();

  constructor(tokenSecret: string) {
    const key = Buffer.from(hkdfSync('sha256', tokenSecret, '', 'saksflyt csrf tokens', 32)).toString(
      'base64url',
    );
    this.csrf = doubleCsrf({
      getSecret: () => key,
      getSessionIdentifier: (request) => this.sessionOf.get(request) ?? '',
      cookieName: CSRF_COOKIE,
      getCsrfTokenFromRequest: (request) => request.get(CSRF_HEADER),
    });
  }

  /**
   * The CSRF token of the session signed in with `sessionToken`, set in the cookie too. `renew` at sign-in makes a
   * new one; otherwise the cookie's is kept while it is this session's, so every tab of the browser shares one.
   */
  issue(
    request: Request,
    response: Response,
    sessionToken: string,
    maxAgeSeconds: number,
    renew: boolean,
  ): string {
    this.sessionOf.set(request, sessionToken);
    return this.csrf.generateCsrfToken(withCookies(request), response, {
      overwrite: renew,
      // express's res.cookie counts in milliseconds.
      cookieOptions: { ...cookieAttributes(request, API_PATH, maxAgeSeconds), maxAge: maxAgeSeconds * 1000 },
    });
  }

  /** Whether the request carries this session's token in the header, the same as in its cookie. */
  isValid(request: Request, sessionToken: string): boolean {
    this.sessionOf.set(request, sessionToken);
    return this.csrf.validateRequest(withCookies(request));
  }

  clear(request: Request, response: Response) {
    clearCookie(request, response, CSRF_COOKIE, API_PATH);
  }
}

/** csrf-csrf reads `request.cookies`, which cookie-parser would fill; express 5 alone does not. */
function withCookies(request: Request): Request {
  const parsed = request as Request & { cookies?: Record<string, string | undefined> };
  parsed.cookies ??= cookiesOf(request);
  return parsed;
}
