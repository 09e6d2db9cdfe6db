import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

/**
 * The sign-in token again, as a cookie only the codec endpoint reads: the Temporal Web UI cannot send the admin
 * UI's bearer token, but with "Include cross-origin credentials" on it sends this cookie. HttpOnly keeps it from
 * scripts; SameSite=Strict keeps other sites from riding on it; the path keeps it off every other route. Secure when
 * the request came over TLS, directly or through a trusted proxy's `X-Forwarded-Proto` (SAKSFLYT_TRUSTED_PROXY_HOPS
 * sets express's `trust proxy`, which `request.secure` follows).
 */
export const SESSION_COOKIE = 'saksflyt_codec_session';
export const CODEC_PATH = '/codec';

export function setSessionCookie(request: Request, response: Response, token: string, maxAgeSeconds: number) {
  response.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: CODEC_PATH,
      maxAge: maxAgeSeconds,
      secure: request.secure,
    }),
  );
}

export function clearSessionCookie(request: Request, response: Response) {
  response.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE, '', {
      httpOnly: true,
      sameSite: 'strict',
      path: CODEC_PATH,
      maxAge: 0,
      secure: request.secure,
    }),
  );
}

export function sessionCookieOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  return header ? parse(header)[SESSION_COOKIE] : undefined;
}
