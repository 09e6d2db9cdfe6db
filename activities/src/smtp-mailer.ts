import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';
import type { DeliveryReceipt } from './activity-input';
import { configurationError } from './configuration-error';
import { DeliveryLedger } from './delivery-ledger';
import type { Attachment, OutboundChannel } from './outbound-channel';

export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; nodemailer options may follow as a query, e.g. `?ignoreTLS=true`. */
  smtpUrl: string;
  /** The sender, e.g. `"UDI" <noreply@udi.no>`. */
  from: string;
}

export interface EmailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** BCP 47, sent as Content-Language so mail clients pick the right spelling and reading aids. */
  language: string;
  attachments?: Attachment[];
}

/** Minutes-long SMTP defaults would outlast an activity's timeout; a dead server should fail in seconds. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * E-mail over SMTP with nodemailer. The Message-ID is derived from the idempotency key, so if a retry does send a
 * second copy (the worker died between the server's acceptance and the ledger entry), mail systems and clients
 * see the same message twice and collapse it.
 */
export class SmtpMailer implements OutboundChannel<EmailMessage> {
  private readonly ledger: DeliveryLedger;
  private transport?: Transporter;

  constructor(
    dataDir: string,
    private readonly config: MailConfig,
  ) {
    this.ledger = new DeliveryLedger(dataDir, 'email');
  }

  async deliver(key: string, message: EmailMessage): Promise<DeliveryReceipt> {
    const transport = this.transporter();
    const earlier = await this.ledger.find(key);
    if (earlier) return earlier;
    const messageId = messageIdOf(key, this.config.from);
    const attachments = message.attachments ?? [];
    try {
      await transport.sendMail({
        from: this.config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId,
        headers: { 'Content-Language': message.language },
        attachments: attachments.map(({ filename, contentType, contentBase64 }) => ({
          filename,
          contentType,
          content: contentBase64,
          encoding: 'base64',
        })),
      });
    } catch (error) {
      throw classify(error as NodemailerError);
    }
    return this.ledger.add({
      key,
      channel: 'email',
      deliveredAt: new Date().toISOString(),
      messageId,
      // The ledger names what went with the message; the file itself is rebuilt from the case if ever needed.
      ...(attachments.length > 0 ? { attachments: attachments.map(({ filename }) => filename) } : {}),
    });
  }

  private transporter(): Transporter {
    if (this.transport) return this.transport;
    let url: URL;
    try {
      url = new URL(this.config.smtpUrl);
    } catch {
      throw configurationError('email: the SMTP URL is malformed');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw configurationError(`email: the SMTP URL must be smtp: or smtps:, not ${url.protocol}`);
    }
    if (!/@[^\s@<>]+>?\s*$/.test(this.config.from)) {
      throw configurationError('email: the sender (from) must be an e-mail address');
    }
    this.transport = createTransport({ url: this.config.smtpUrl, ...TIMEOUTS });
    return this.transport;
  }
}

/** `<hash of key@sender's domain>`: stable across retries, unique per key, and a valid msg-id (RFC 5322). */
export function messageIdOf(key: string, from: string): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'saksflyt.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/**
 * Sorts an SMTP failure for the retry policy. Refused credentials are configuration. A permanent (5xx) reply to
 * a recipient means that address will never take the message; any other permanent reply means the server will
 * not accept mail from us as configured. 4xx replies and connection trouble are transient and retried.
 */
function classify(error: NodemailerError): Error {
  const detail = error.response ?? error.message;
  if (error.code === 'EAUTH' || error.code === 'ENOAUTH' || error.code === 'ECONFIG') {
    return configurationError(`email: ${detail}`);
  }
  if (error.permanent) {
    if (error.code === 'EENVELOPE' && /^RCPT/i.test(error.command ?? '')) {
      return ApplicationFailure.nonRetryable(
        `email: the recipient was refused: ${detail}`,
        'DeliveryRejected',
      );
    }
    return configurationError(`email: the SMTP server refused the message: ${detail}`);
  }
  return new Error(`email: ${detail}`, { cause: error });
}
