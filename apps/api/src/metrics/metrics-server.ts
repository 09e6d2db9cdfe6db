import http from 'node:http';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ApiMetrics } from './api-metrics';

/**
 * `GET /metrics` on a port of its own (`SAKSFLYT_API_METRICS_PORT`, on `SAKSFLYT_API_METRICS_HOST`, 127.0.0.1 by
 * default), never on the public API port: the scrape is unauthenticated, as Prometheus expects, so it belongs on
 * the internal network only. Unset, the API serves no metrics.
 */
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: http.Server;

  constructor(
    private readonly metrics: ApiMetrics,
    private readonly address: { host: string; port: number } | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.address) return;
    const { host, port } = this.address;
    const server = http.createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response
          .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
          .end('only GET /metrics here\n');
        return;
      }
      this.metrics.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': this.metrics.registry.contentType });
          response.end(request.method === 'HEAD' ? undefined : text);
        },
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
