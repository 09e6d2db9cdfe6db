import { signedRequestProblem } from '../signed-http-endpoint';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for the SMS gateway and the partners' endpoints: it records every
 * request and answers with whatever status and body the test sets for a path (202 and `{ "received": true }`
 * unless told otherwise).
 */
export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  requestsTo(path: string): ReceivedRequest[];
  /** The statuses a path answers with, in turn; this also puts its 2xx body back to `{ "received": true }`. */
  answer(path: string, ...statuses: number[]): void;
  /** The body of a path's 2xx answers, as given (a string) or as JSON; `{ "received": true }` unless told. */
  replyWith(path: string, body: unknown, contentType?: string): void;
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  // Each path answers its queued statuses in turn, the last one from then on.
  const answers = new Map<string, number[]>();
  const replies = new Map<string, { body: string; contentType: string }>();
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
      const reply = status < 300 ? replies.get(path) : undefined;
      response.writeHead(status, { 'Content-Type': reply?.contentType ?? 'application/json' });
      response.end(
        reply?.body ?? JSON.stringify(status < 300 ? { received: true } : { error: `answered ${status}` }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    answer: (path, ...statuses) => {
      answers.set(path, statuses);
      replies.delete(path);
    },
    replyWith: (path, body, contentType = 'application/json') =>
      replies.set(path, { body: typeof body === 'string' ? body : JSON.stringify(body), contentType }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** What a partner does on receipt: the documented check (signature, timestamp, key), from the activities' package. */
export function signatureVerifies(request: ReceivedRequest, secret: string): boolean {
  return signedRequestProblem({ body: request.body, headers: request.headers }, secret) === undefined;
}

/**
 * A test file's scene: a partner's receiver for all its tests (each path in `paths` answering 202, its requests
 * forgotten before each test), and a fresh data folder for each test, removed after it.
 */
export function partnerAndDataDir(
  prefix: string,
  paths: readonly string[] = [],
): { readonly partner: HttpReceiver; readonly dataDir: string } {
  const scene = {} as { partner: HttpReceiver; dataDir: string };
  beforeAll(async () => {
    scene.partner = await startHttpReceiver();
  });
  afterAll(() => scene.partner.close());
  beforeEach(async () => {
    scene.dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
    scene.partner.requests.length = 0;
    for (const answered of paths) scene.partner.answer(answered, 202);
  });
  afterEach(() => rm(scene.dataDir, { recursive: true, force: true }));
  return scene;
}
