import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

export interface Tracing {
  /** Client, workflow and activity interceptors plus the workflow span sink, for the client and the worker. */
  plugin: OpenTelemetryPlugin;
  /** Flushes what is buffered; call before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry tracing from an HTTP request through the update to the activities it causes. Off unless
 * `SAKSFLYT_OTEL_TRACES_URL` names an OTLP/HTTP endpoint (or a test passes an exporter). Spans carry the case id
 * and Temporal's ids, never payloads: those are encrypted before the interceptors see them leave.
 */
export function startTracing(
  service: string,
  target: { otlpUrl?: string; exporter?: SpanExporter },
): Tracing | undefined {
  const exporter =
    target.exporter ?? (target.otlpUrl ? new OTLPTraceExporter({ url: target.otlpUrl }) : undefined);
  if (!exporter) return undefined;
  const resource = new Resource({ 'service.name': service });
  // A test reads its spans at once; a deployment batches them off the request path.
  const spanProcessor = target.exporter
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(exporter);
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  return {
    plugin: new OpenTelemetryPlugin({ resource, spanProcessor }),
    shutdown: () => provider.shutdown(),
  };
}
