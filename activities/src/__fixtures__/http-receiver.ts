import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for the SMS gateway and the partners' endpoints: it records every
 * request and answers with whatever status the test sets for a path (202 unless told otherwise).
 */
export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  requestsTo(path: string): ReceivedRequest[];
  answer(path: string, ...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  // Each path answers its queued statuses in turn, the last one from then on.
  const answers = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      requests.push({
        method: request.method ?? '',
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const queue = answers.get(path) ?? [202];
      const status = queue.length > 1 ? (queue.shift() as number) : (queue[0] ?? 202);
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(status < 300 ? { received: true } : { error: `answered ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    answer: (path, ...statuses) => answers.set(path, statuses),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** What a partner does on receipt: recompute the HMAC over the raw body and compare in constant time. */
export function signatureVerifies(request: ReceivedRequest, secret: string): boolean {
  const header = request.headers['x-saksflyt-signature'];
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(request.body).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
