import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the receiving SMTP server got it. */
export interface SmtpMessage {
  from: string;
  to: string[];
  /** The whole message, headers and body, byte for byte as latin1. */
  raw: string;
}

/** An SMTP reply that refuses the message, e.g. 451 to make the sender try again. */
export interface SmtpRefusal {
  responseCode: number;
  message: string;
}

export interface TestSmtpServer {
  port: number;
  /** For `SAKSFLYT_SMTP_URL` and `mail.smtpUrl`; nodemailer reads `ignoreTLS` from the query. */
  url: string;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (no TLS, no auth) that hands each message to `receive`, which accepts it by
 * returning nothing, or refuses it; the sender waits for the reply until `receive` settles.
 */
export async function startTestSmtpServer(
  receive: (message: SmtpMessage) => SmtpRefusal | void | Promise<SmtpRefusal | void>,
): Promise<TestSmtpServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        };
        Promise.resolve(receive(message)).then(
          (refusal) => callback(refusal ? Object.assign(new Error(refusal.message), refusal) : undefined),
          (error: Error) => callback(error),
        );
      });
    },
  });
  // A sender killed mid-message leaves its connection half open; the server reports the reset, which is no fault.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
