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
 * An integration partner (police, UNE, the Dublin unit, the lawyer scheme) reached by a signed JSON POST.
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
    const { status } = await postJson(this.port, url, body, {
      'Idempotency-Key': key,
      'X-Saksflyt-Signature': signatureOf(body, this.config.secret),
    });
    return this.ledger.add({
      key,
      channel: this.port,
      deliveredAt: new Date().toISOString(),
      endpoint: `${url.origin}${url.pathname}`,
      status,
    });
  }
}
