import { createHmac, timingSafeEqual } from 'node:crypto';

/** The shape of a page token as the API hands it out: Temporal's token, a dot, and the API's signature of it. */
export const PAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,2700}\.[A-Za-z0-9_-]{43}$/;

/**
 * Temporal's visibility store takes a page token at its word: a forged one made the dev server retry for 20 s and
 * then fail (a 500). So the API signs each token it hands out and forwards only tokens it signed.
 */
const OFFSET_MARK = 0;

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

  /** Temporal's token inside a sealed one, or undefined when the API did not sign it or it is an offset token. */
  open(sealed: string): Buffer | undefined {
    const token = this.verified(sealed);
    return token && token[0] !== OFFSET_MARK ? token : undefined;
  }

  /**
   * A position in a list the API orders itself (a person's cases): sealed like Temporal's tokens, and marked so that
   * neither kind is ever taken for the other (Temporal's own tokens are JSON, which never starts with a 0 byte).
   */
  sealOffset(offset: number): string {
    return this.seal(Buffer.concat([Buffer.of(OFFSET_MARK), Buffer.from(String(offset))]));
  }

  /** The position inside a sealed offset token, or undefined when the API did not sign it or it is Temporal's. */
  openOffset(sealed: string): number | undefined {
    const token = this.verified(sealed);
    if (!token || token[0] !== OFFSET_MARK) return undefined;
    const offset = Number(token.subarray(1).toString());
    return Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined;
  }

  private verified(sealed: string): Buffer | undefined {
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
