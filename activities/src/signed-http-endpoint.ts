import { createHmac } from 'node:crypto';
import type { DeliveryReceipt } from './activity-input';
import { configurationError } from './configuration-error';
import { DeliveryLedger } from './delivery-ledger';
import { endpointUrl, postJson } from './json-post';
import type { OutboundChannel } from './outbound-channel';

export interface SignedEndpointConfig {
  url: string;
  secret: string;
}

/** The receiver's way to check a body came from Saksflyt unaltered: HMAC-SHA256 of the exact bytes sent. */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
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
    const { status, answer } = await postJson(this.port, url, body, {
      'Idempotency-Key': key,
      'X-Saksflyt-Signature': signatureOf(body, this.config.secret),
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
