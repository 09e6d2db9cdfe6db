import type { DeliveryReceipt } from './activity-input';

/**
 * One way out of the system (e-mail, SMS, an integration endpoint, or the file outbox standing in for any of
 * them). `deliver` is idempotent on `key`: once a key has gone out, calling it again sends nothing and returns
 * the first receipt marked duplicate.
 */
export interface OutboundChannel<Message> {
  deliver(key: string, message: Message): Promise<DeliveryReceipt>;
}

/**
 * A file that goes with a message (the travel-reimbursement form with an interview invitation). Its content is
 * base64, so the file outbox's JSON record keeps it exactly as it would have been sent.
 */
export interface Attachment {
  filename: string;
  /** MIME type, e.g. `application/pdf`. */
  contentType: string;
  contentBase64: string;
}
