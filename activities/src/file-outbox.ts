import type { DeliveryReceipt } from './activity-input';
import { DeliveryLedger } from './delivery-ledger';
import type { OutboundChannel } from './outbound-channel';

/**
 * The embedded default for every port that has no real adapter configured: each delivery becomes one JSON file,
 * `<dataDir>/outbox/<port>/<key>.json`, holding exactly what would have been sent. Writing the file is the
 * delivery, so the file is also the port's ledger entry.
 */
export class FileOutbox<Message> implements OutboundChannel<Message> {
  private readonly ledger: DeliveryLedger;

  constructor(dataDir: string, port: string) {
    this.ledger = new DeliveryLedger(dataDir, port);
  }

  get directory(): string {
    return this.ledger.directory;
  }

  async deliver(key: string, message: Message): Promise<DeliveryReceipt> {
    return this.ledger.add({
      key,
      channel: `outbox:${this.ledger.port}`,
      deliveredAt: new Date().toISOString(),
      message,
    });
  }
}
