import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';

const tracer = trace.getTracer('saksflyt-api');

/**
 * Each HTTP request as the root span of its trace, active while Nest handles it, so the Temporal client's span
 * for the update (and through its headers the workflow's and the activities') joins the same trace. Without a
 * tracer provider (tracing off) the span records nothing.
 */
export function requestSpan(request: Request, response: Response, next: NextFunction): void {
  const span = tracer.startSpan(`HTTP ${request.method}`, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': request.method },
  });
  response.once('finish', () => {
    const route = (request.route as { path?: string } | undefined)?.path;
    const params = request.params as Record<string, string | undefined>;
    if (route) {
      span.updateName(`${request.method} ${request.baseUrl}${route}`);
      span.setAttribute('http.route', `${request.baseUrl}${route}`);
    }
    span.setAttribute('http.response.status_code', response.statusCode);
    if (params.dufNumber) span.setAttribute('saksflyt.case_id', `case-${params.dufNumber}`);
    if (params.command) span.setAttribute('saksflyt.command', params.command);
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(context.active(), span), next);
}
