import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryReceipt } from './activity-input';
import { configurationError } from './configuration-error';
import { DeliveryLedger } from './delivery-ledger';
import { endpointUrl, postJson } from './json-post';
import type { OutboundChannel } from './outbound-channel';

export interface SignedEndpointConfig {
  url: string;
  secret: string;
}

/**
 * How old a signed request may be when it arrives: a receiver refuses older ones, so a recorded request cannot be
 * sent again later (issue 13, finding 8). Clocks of both sides are assumed within a minute or two of each other.
 */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

/**
 * The signature a receiver checks: HMAC-SHA256, with the endpoint's secret, over the timestamp, the idempotency key
 * and the exact body bytes, joined by dots — so neither the time, nor the key, nor the body can be changed or
 * replayed on their own. Sent as `X-Saksflyt-Signature: v2=<hex>` beside `X-Saksflyt-Timestamp: <unix seconds>`.
 */
export function signatureOf(body: string, secret: string, key: string, timestamp: number): string {
  return `v2=${createHmac('sha256', secret).update(`${timestamp}.${key}.${body}`, 'utf8').digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  /** Header names in lower case, as Node's `IncomingMessage#headers` has them. */
  headers: Record<string, string | string[] | undefined>;
}

/**
 * What a receiver does on receipt, before it parses the body: the signature verifies over the timestamp, the
 * idempotency key and the raw body, and the timestamp is at most five minutes old (and not in the future). Answers
 * why not, or undefined when the request is good.
 */
export function signedRequestProblem(
  request: SignedRequest,
  secret: string,
  now: number = Date.now(),
  maxAgeSeconds: number = SIGNATURE_MAX_AGE_SECONDS,
): string | undefined {
  const single = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const signature = single('x-saksflyt-signature');
  const timestamp = Number(single('x-saksflyt-timestamp'));
  const key = single('idempotency-key');
  if (!signature?.startsWith('v2=')) return 'no v2 signature';
  if (!Number.isSafeInteger(timestamp)) return 'no timestamp';
  if (key === undefined) return 'no idempotency key';
  const age = now / 1000 - timestamp;
  if (age > maxAgeSeconds) return `signed ${Math.round(age)} s ago, more than ${maxAgeSeconds} s: a replay`;
  if (age < -maxAgeSeconds) return 'signed in the future';
  const expected = Buffer.from(signatureOf(request.body, secret, key, timestamp).slice(3), 'hex');
  const given = Buffer.from(signature.slice(3), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'the signature does not verify';
  return undefined;
}

/**
 * An integration partner (police, UNE, the Dublin unit, the lawyer scheme) reached by a signed JSON POST. Where
 * the partner's answer names someone (the lawyer scheme: the lawyer), the receipt carries it as `reference`.
 * The ledger stops a retry after success from sending again; if the worker dies between the partner's 2xx and
 * the ledger entry, the retry does send again, and the `Idempotency-Key` header lets the partner drop it.
 */
export class SignedHttpEndpoint implements OutboundChannel<object> {
  private readonly ledger: DeliveryLedger;

  constructor(
    dataDir: string,
    private readonly port: string,
    private readonly config: SignedEndpointConfig,
  ) {
    this.ledger = new DeliveryLedger(dataDir, port);
  }

  async deliver(key: string, message: object): Promise<DeliveryReceipt> {
    const url = endpointUrl(this.config.url, this.port);
    if (!this.config.secret) throw configurationError(`${this.port}: no signing secret is configured`);
    const earlier = await this.ledger.find(key);
    if (earlier) return earlier;
    const body = JSON.stringify(message);
    // Signed anew at each attempt: a retry carries a fresh timestamp.
    const timestamp = Math.floor(Date.now() / 1000);
    const { status, answer } = await postJson(this.port, url, body, {
      'Idempotency-Key': key,
      'X-Saksflyt-Timestamp': String(timestamp),
      'X-Saksflyt-Signature': signatureOf(body, this.config.secret, key, timestamp),
    });
    const reference = referenceIn(answer);
    // The reference is kept in the record, so a duplicate delivery of the key returns it as well.
    return this.ledger.add({
      key,
      channel: this.port,
      deliveredAt: new Date().toISOString(),
      endpoint: `${url.origin}${url.pathname}`,
      status,
      ...(reference ? { reference } : {}),
    });
  }
}

/** Long enough for a name or a case number; anything longer is not a reference. */
const REFERENCE_MAX = 300;

/**
 * Whom or what the partner names in its JSON answer: `lawyer` (the lawyer scheme's answer, the lawyer assigned)
 * or else `reference`, as a non-empty string. Anything else names no one; the delivery stands regardless.
 */
function referenceIn(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  for (const field of ['lawyer', 'reference']) {
    const value: unknown = (answer as Record<string, unknown>)[field];
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (trimmed.length > 0 && trimmed.length <= REFERENCE_MAX) return trimmed;
  }
  return undefined;
}
