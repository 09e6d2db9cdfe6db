import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedRequestProblem } from '@saksflyt/activities';
import { startTestSmtpServer } from '@saksflyt/testing';

/** The partners a case reaches by signed HTTP, by the path each listens on and the secret each shares. */
export const SIGNED_PARTNERS = ['police', 'une', 'dublinUnit', 'lawyerScheme'] as const;
export type SignedPartner = (typeof SIGNED_PARTNERS)[number];
export type DeliveryChannel = SignedPartner | 'sms' | 'email';

/** One attempt to deliver, as the receiving end saw it, whether or not the sender learnt that it arrived. */
export interface DeliveryAttempt {
  channel: DeliveryChannel;
  /** What the sender means to be the same on every retry: `Idempotency-Key`, or the e-mail's Message-ID. */
  key: string;
  /** Whom it was for: the phone number, the e-mail address, or the case's DUF number for a partner. */
  recipient: string;
  /** What the receiver reads as the message's kind: a partner's `kind` (and reason), or the message's subject. */
  kind: string;
  /** The acknowledgement was withheld on purpose (see `dropsAcknowledgementOf`), so the sender must retry. */
  acknowledgementDropped: boolean;
}

/** A delivery the receiver refused: a bad signature or token, or a body a partner cannot read. */
export interface RefusedDelivery {
  channel: DeliveryChannel;
  reason: string;
}

export interface ReceiverOptions {
  secrets: Record<SignedPartner, string>;
  smsToken: string;
  /** Out of 100: how many first deliveries of a key arrive but lose their acknowledgement on the way back. */
  droppedAcknowledgementPercent: number;
}

export interface ChaosReceivers {
  smtpUrl: string;
  /** The URL each partner (and the SMS gateway) is configured with. */
  urls: Record<SignedPartner | 'sms', string>;
  attempts: DeliveryAttempt[];
  refused: RefusedDelivery[];
  close(): Promise<void>;
}

const PATHS: Record<SignedPartner | 'sms', string> = {
  police: '/police/notices',
  une: '/une/cases',
  dublinUnit: '/dublin-unit/requests',
  lawyerScheme: '/lawyer-scheme/assignments',
  sms: '/sms/messages',
};

/**
 * Whether the receiver keeps a message but loses its acknowledgement, as a partner does when the connection breaks
 * after it stored the message. Decided by the key, so that the same deliveries are hit on every run and each such
 * key is hit once only: its retry is acknowledged, and must be recognised as the same message.
 */
export function dropsAcknowledgementOf(key: string, percent: number, alreadySeen: boolean): boolean {
  if (alreadySeen || percent <= 0) return false;
  const bucket = createHash('sha256').update(key).digest().readUInt16BE(0) % 100;
  return bucket < percent;
}

/** A real SMTP server and a real HTTP server that record every delivery attempt made to them. */
export async function startChaosReceivers(options: ReceiverOptions): Promise<ChaosReceivers> {
  const attempts: DeliveryAttempt[] = [];
  const refused: RefusedDelivery[] = [];
  const seen = new Set<string>();
  const record = (attempt: Omit<DeliveryAttempt, 'acknowledgementDropped'>): boolean => {
    const identity = `${attempt.channel} ${attempt.key}`;
    const dropped = dropsAcknowledgementOf(
      identity,
      options.droppedAcknowledgementPercent,
      seen.has(identity),
    );
    seen.add(identity);
    attempts.push({ ...attempt, acknowledgementDropped: dropped });
    return dropped;
  };

  const smtp = await startTestSmtpServer(({ to, raw }) => {
    const headers = headersOf(raw);
    const messageId = headers['message-id'];
    const recipient = to.join(',');
    if (!messageId) {
      refused.push({ channel: 'email', reason: `no Message-ID in the mail to ${recipient}` });
      return { responseCode: 550, message: 'a Message-ID is required' };
    }
    const dropped = record({ channel: 'email', key: messageId, recipient, kind: headers.subject ?? '' });
    // 451 after the message was kept: what the sender sees when the server's reply is lost.
    return dropped ? { responseCode: 451, message: 'try again later' } : undefined;
  });

  const http = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => receiveHttp(request, response, Buffer.concat(chunks).toString('utf8')));
  });

  function receiveHttp(request: IncomingMessage, response: ServerResponse, body: string): void {
    const channel = (Object.keys(PATHS) as (keyof typeof PATHS)[]).find(
      (name) => PATHS[name] === request.url,
    );
    const answer = (status: number, reason?: string) => {
      if (reason && channel) refused.push({ channel, reason });
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(reason ? { error: reason } : { received: true }));
    };
    if (!channel || request.method !== 'POST') return answer(404);
    const key = header(request, 'idempotency-key');
    if (!key) return answer(400, 'no Idempotency-Key');
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return answer(400, `${key}: the body is not JSON`);
    }

    let recipient: string;
    let kind: string;
    if (channel === 'sms') {
      if (header(request, 'authorization') !== `Bearer ${options.smsToken}`) {
        return answer(401, `${key}: wrong bearer token`);
      }
      recipient = String(parsed.to);
      // An SMS opens with "UDI: <subject>", which tells one message from another.
      kind = String(parsed.text).split('\n')[0] ?? '';
    } else {
      // The documented receiver's check: signature over timestamp, key and body, no older than five minutes.
      const problem = signedRequestProblem({ body, headers: request.headers }, options.secrets[channel]);
      if (problem) return answer(401, `${key}: ${problem}`);
      if (parsed.key !== key) return answer(400, `${key}: the body's key is ${String(parsed.key)}`);
      recipient = String(parsed.dufNumber);
      kind = [parsed.kind, parsed.reason ?? parsed.against].filter((part) => part !== undefined).join(':');
    }
    if (record({ channel, key, recipient, kind })) {
      // Kept, but the sender never hears so: the connection breaks before the answer.
      request.socket.destroy();
      return;
    }
    answer(202);
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  return {
    smtpUrl: smtp.url,
    urls: Object.fromEntries(
      Object.entries(PATHS).map(([name, path]) => [name, `${base}${path}`]),
    ) as ChaosReceivers['urls'],
    attempts,
    refused,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await smtp.close();
    },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** What a partner does on receipt: recompute the HMAC over the raw body and compare in constant time. */
/**
 * The message's headers, folded lines unfolded and names in lower case. Encoded words stay encoded: the
 * receiver compares subjects, never reads them, and the same message is encoded the same way every time.
 */
function headersOf(raw: string): Record<string, string> {
  const end = raw.indexOf('\r\n\r\n');
  const head = (end === -1 ? raw : raw.slice(0, end)).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
