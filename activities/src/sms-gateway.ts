import type { DeliveryReceipt } from './activity-input';
import { DeliveryLedger } from './delivery-ledger';
import { endpointUrl, postJson } from './json-post';
import type { OutboundChannel } from './outbound-channel';

export interface SmsGatewayConfig {
  gatewayUrl: string;
  token?: string;
}

export interface SmsMessage {
  /** E.164, e.g. "+4791234567". */
  to: string;
  text: string;
}

/**
 * An HTTP SMS gateway: POST `{ to, text }` as JSON with a bearer token. Gateways commonly honour an
 * `Idempotency-Key`, which covers the gap between the gateway's 2xx and the ledger entry.
 */
export class SmsGateway implements OutboundChannel<SmsMessage> {
  private readonly ledger: DeliveryLedger;

  constructor(
    dataDir: string,
    private readonly config: SmsGatewayConfig,
  ) {
    this.ledger = new DeliveryLedger(dataDir, 'sms');
  }

  async deliver(key: string, message: SmsMessage): Promise<DeliveryReceipt> {
    const url = endpointUrl(this.config.gatewayUrl, 'sms');
    const earlier = await this.ledger.find(key);
    if (earlier) return earlier;
    const { status } = await postJson('sms', url, JSON.stringify({ to: message.to, text: message.text }), {
      'Idempotency-Key': key,
      ...(this.config.token ? { Authorization: `Bearer ${this.config.token}` } : {}),
    });
    return this.ledger.add({ key, channel: 'sms', deliveredAt: new Date().toISOString(), status });
  }
}
