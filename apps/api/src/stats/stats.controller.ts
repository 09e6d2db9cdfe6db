import { Controller, Get, Headers, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  PROCESSING_STATS_DEFAULT_WEEKS,
  PROCESSING_STATS_MAX_WEEKS,
  ProcessingStats,
} from '@saksflyt/domain';
import { parseOr400 } from '../http/validation';
import { ProcessingStatsService } from './processing-stats.service';

export const ProcessingStatsQuery = z
  .object({
    weeks: z.coerce
      .number()
      .int()
      .min(1)
      .max(PROCESSING_STATS_MAX_WEEKS)
      .default(PROCESSING_STATS_DEFAULT_WEEKS)
      .meta({
        description:
          'How many Oslo weeks (Monday to Sunday) the figures cover: the current one and those before it',
      }),
  })
  .strict();

/** The answer as the API gives it: the figures, and where they came from. */
export const ProcessingStatsResponse = ProcessingStats.extend({
  sources: z.object({
    open: z.literal('visibility'),
    closed: z.literal('archive'),
    openWithoutLodgedAt: z.number().int().nonnegative().meta({
      description:
        'Open cases started before the workflow set LodgedAt: their age and week count from the workflow start',
    }),
    cached: z.boolean().meta({ description: 'Served again from the one-minute cache (computed at asOf)' }),
  }),
});

/** Processing times and backlog, for every signed-in role: what applicants keep asking ("when will I hear?"). */
@Controller('api/stats')
export class StatsController {
  constructor(@Inject(ProcessingStatsService) private readonly stats: ProcessingStatsService) {}

  @Get('processing')
  processing(@Query() query: unknown, @Headers('cache-control') cacheControl?: string) {
    const { weeks } = parseOr400(ProcessingStatsQuery, query, 'query');
    return this.stats.stats(weeks, { fresh: /\bno-cache\b/i.test(cacheControl ?? '') });
  }
}
