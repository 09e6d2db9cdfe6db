import type { NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { CaseStatus } from '@saksflyt/domain';
import type { PlaintextRefusals } from '@saksflyt/temporal';
import { PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import type { TemporalClient } from '../temporal-client.provider';

/**
 * The API's Prometheus metrics, in a registry of its own (tests run several APIs in one process). Requests are
 * labelled by route pattern, never by path: a path holds a DUF number, and labels must stay few.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'saksflyt_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  constructor(client: TemporalClient, refusals?: PlaintextRefusals) {
    collectDefaultMetrics({ register: this.registry });
    const refused = new Counter({
      name: 'saksflyt_codec_refused_payloads_total',
      help: 'Unencrypted payloads read from Temporal and refused (SAKSFLYT_CODEC_PLAINTEXT=refuse), each once',
      labelNames: ['reader', 'owner'],
      registers: [this.registry],
    });
    refusals?.listen(({ reader, owner }) => refused.inc({ reader, owner }));
    new Gauge({
      name: 'saksflyt_open_cases',
      help: 'Open cases by status, from Temporal visibility at scrape time',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const counts = await Promise.all(
          CaseStatus.options.map(async (status) => {
            const query = `WorkflowType = '${PROTECTION_CASE_WORKFLOW}' AND ExecutionStatus = 'Running' AND CaseStatus = '${status}'`;
            return [status, (await client.workflow.count(query)).count] as const;
          }),
        );
        for (const [status, count] of counts) this.set({ status }, count);
      },
    });
  }

  /** Express middleware: counts each request once its response is sent. */
  readonly countRequests = (request: Request, response: Response, next: NextFunction): void => {
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      this.requests.inc({
        method: request.method,
        route: route ? `${request.baseUrl}${route}` : 'unmatched',
        status: String(response.statusCode),
      });
    });
    next();
  };
}
