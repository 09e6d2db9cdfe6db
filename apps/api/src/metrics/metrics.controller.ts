import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Public } from '../auth/access';
import { METRICS } from '../temporal-client.provider';
import type { ApiMetrics } from './api-metrics';

/** Prometheus scrapes this. Counts only, no case data; keep it off the public network at the proxy. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: ApiMetrics) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
