import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

/**
 * The sign-in token again, as cookies no script can read (HttpOnly), each sent only where it is needed (its path):
 *
 * - `saksflyt_session` on `/api`: the admin UI's session, so a link opened in a new tab is signed in too. A request
 *   that changes something and is signed in by it alone also needs the CSRF token (./csrf.ts).
 * - `saksflyt_codec_session` on `/codec`: the Temporal Web UI cannot send the admin UI's bearer token, but with
 *   "Include cross-origin credentials" on it sends this cookie; the codec changes nothing, so it needs no CSRF token.
 *
 * SameSite=Strict: no other site's page, link or form makes the browser send them. The admin UI loses nothing by it:
 * its page (`/`) needs no cookie, and the API calls it makes once loaded are same-site, so a link from an e-mail opens
 * signed in. Secure when the request came over TLS, directly or through a trusted proxy's `X-Forwarded-Proto`
 * (SAKSFLYT_TRUSTED_PROXY_HOPS sets express's `trust proxy`, which `request.secure` follows). Their lifetime is the
 * token's: the browser drops them when the token would be refused anyway.
 */
export const API_SESSION_COOKIE = 'saksflyt_session';
export const CODEC_SESSION_COOKIE = 'saksflyt_codec_session';
export const API_PATH = '/api';
export const CODEC_PATH = '/codec';

/** Which session cookie a route reads: the admin UI's (`api`) or the Temporal Web UI's (`codec`). */
export type SessionCookieKind = 'api' | 'codec';

const COOKIE_OF: Record<SessionCookieKind, { name: string; path: string }> = {
  api: { name: API_SESSION_COOKIE, path: API_PATH },
  codec: { name: CODEC_SESSION_COOKIE, path: CODEC_PATH },
};

/** The attributes every Saksflyt cookie has: HttpOnly, SameSite=Strict, Secure over TLS. */
export function cookieAttributes(request: Request, path: string, maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path,
    maxAge: maxAgeSeconds,
    secure: request.secure,
  } as const;
}

function setCookie(
  request: Request,
  response: Response,
  name: string,
  path: string,
  value: string,
  maxAge: number,
) {
  response.append('Set-Cookie', serialize(name, value, cookieAttributes(request, path, maxAge)));
}

/** Sets both session cookies to the token, for as long as it lives. */
export function setSessionCookies(
  request: Request,
  response: Response,
  token: string,
  maxAgeSeconds: number,
) {
  for (const { name, path } of Object.values(COOKIE_OF)) {
    setCookie(request, response, name, path, token, maxAgeSeconds);
  }
}

/** Ends a cookie in this browser: the same name and path, empty, expired. */
export function clearCookie(request: Request, response: Response, name: string, path: string) {
  setCookie(request, response, name, path, '', 0);
}

/** Ends both session cookies in this browser (the CSRF cookie goes with them: see `CsrfTokens.clear`). */
export function clearSessionCookies(request: Request, response: Response) {
  for (const { name, path } of Object.values(COOKIE_OF)) clearCookie(request, response, name, path);
}

/** The request's cookies by name (express 5 parses none itself). */
export function cookiesOf(request: Request): Record<string, string | undefined> {
  const header = request.headers.cookie;
  return header ? parse(header) : {};
}

export function sessionCookieOf(request: Request, kind: SessionCookieKind): string | undefined {
  return cookiesOf(request)[COOKIE_OF[kind].name] || undefined;
}
