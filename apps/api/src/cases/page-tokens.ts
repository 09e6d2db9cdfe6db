import { createHmac, timingSafeEqual } from 'node:crypto';

/** The shape of a page token as the API hands it out: Temporal's token, a dot, and the API's signature of it. */
export const PAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,2700}\.[A-Za-z0-9_-]{43}$/;

/**
 * Temporal's visibility store takes a page token at its word: a forged one made the dev server retry for 20 s and
 * then fail (a 500). So the API signs each token it hands out and forwards only tokens it signed.
 */
export class PageTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, so a page token can never be mistaken for, or help forge, an access token.
    this.key = createHmac('sha256', secret).update('saksflyt page tokens').digest();
  }

  seal(raw: Uint8Array): string {
    const token = Buffer.from(raw);
    return `${token.toString('base64url')}.${this.signature(token).toString('base64url')}`;
  }

  /** Temporal's token inside a sealed one, or undefined when the API did not sign it. */
  open(sealed: string): Buffer | undefined {
    if (!PAGE_TOKEN_PATTERN.test(sealed)) return undefined;
    const [body = '', signature = ''] = sealed.split('.');
    const token = Buffer.from(body, 'base64url');
    const given = Buffer.from(signature, 'base64url');
    const expected = this.signature(token);
    return given.length === expected.length && timingSafeEqual(given, expected) ? token : undefined;
  }

  private signature(token: Buffer): Buffer {
    return createHmac('sha256', this.key).update(token).digest();
  }
}
