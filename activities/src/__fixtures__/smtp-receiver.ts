import { startTestSmtpServer } from '@saksflyt/testing';

/** A file that came with a message. */
export interface ReceivedAttachment {
  /** The MIME type alone, lower case, e.g. `application/pdf`. */
  contentType: string;
  filename?: string;
  /** Transfer encoding undone. */
  content: Buffer;
}

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** Header names in lower case, folded lines unfolded, encoded words decoded. */
  headers: Record<string, string>;
  /** The text body, transfer encoding undone, line ends as '\n'. */
  text: string;
  /** The parts of a multipart message other than its text, in order; empty for a single-part message. */
  attachments: ReceivedAttachment[];
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that keeps what it receives. */
export interface SmtpReceiver {
  /** For `mail.smtpUrl`; nodemailer reads `ignoreTLS` from the query. */
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const server = await startTestSmtpServer(({ from, to, raw }) => {
    mails.push({ envelope: { from, to }, ...parseMessage(raw) });
  });
  return { url: server.url, mails, close: server.close };
}

interface Entity {
  headers: Record<string, string>;
  body: string;
}

/**
 * Just enough MIME for what the mailer sends: a single text part, or multipart/mixed with the text first and
 * attachments after it.
 */
function parseMessage(raw: string): Omit<ReceivedMail, 'envelope'> {
  const message = entityOf(raw);
  const found: { text?: string; attachments: ReceivedAttachment[] } = { attachments: [] };
  collect(message, found);
  return { headers: message.headers, text: found.text ?? '', attachments: found.attachments };
}

function entityOf(raw: string): Entity {
  const split = raw.indexOf('\r\n\r\n');
  const head = (split < 0 ? raw : raw.slice(0, split)).replace(/\r\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collect(entity: Entity, found: { text?: string; attachments: ReceivedAttachment[] }): void {
  const type = entity.headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    // Each part runs from a delimiter line to the CRLF before the next; before the first is a preamble, and the
    // last delimiter ends in "--".
    const [, ...parts] = `\r\n${entity.body}`.split(`\r\n--${boundary}`);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      collect(entityOf(part.replace(/^[ \t]*\r\n/, '')), found);
    }
    return;
  }
  const bytes = decoded(entity);
  const disposition = entity.headers['content-disposition'] ?? '';
  if (/^text\/plain/i.test(type) && !/^attachment/i.test(disposition) && found.text === undefined) {
    found.text = bytes.toString('utf8').replace(/\r\n/g, '\n');
    return;
  }
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";]+)"?/i.exec(type)?.[1];
  found.attachments.push({
    contentType: (type.split(';')[0] ?? '').trim().toLowerCase(),
    ...(filename ? { filename } : {}),
    content: bytes,
  });
}

function decoded({ headers, body }: Entity): Buffer {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  return encoding === 'base64'
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
    : encoding === 'quoted-printable'
      ? quotedPrintable(body.replace(/=\r\n/g, ''))
      : Buffer.from(body, 'latin1');
}

function quotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words; adjacent ones are joined as bytes, since a character may span two of them. */
function decodeWords(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
    const parts = [...run.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)].map(([, kind, data = '']) =>
      kind?.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : quotedPrintable(data.replace(/_/g, ' ')),
    );
    return Buffer.concat(parts).toString('utf8');
  });
}
