import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { DufNumber } from '@saksflyt/domain';
import { type AuthenticatedRequest, Roles } from '../auth/access';
import { parseOr400 } from '../http/validation';
import { CasesService } from '../cases/cases.service';
import { ReplayService } from './replay.service';

/** Named cases are replayed while the request waits, so their number is bounded; every case is a job. */
export const MAX_NAMED_REPLAYS = 100;

export const ReplayRequest = z
  .object({ dufNumbers: z.array(DufNumber).min(1).max(MAX_NAMED_REPLAYS).optional() })
  .strict();
export const ReplayJobParameter = z.object({ job: z.uuid() }).strict();

@Controller('api/audit')
export class AuditController {
  constructor(
    @Inject(ReplayService) private readonly replays: ReplayService,
    @Inject(CasesService) private readonly cases: CasesService,
  ) {}

  /** Who searched for a person by name or date of birth, when, for what, and how many cases it found. */
  @Roles('auditor', 'admin')
  @Get('person-searches')
  async personSearches() {
    return { items: await this.cases.personSearchLog() };
  }

  /**
   * Replays histories against today's workflow code: the named cases (at most 100) at once, answering 200 with the
   * report; with none named, every case as a job, answering 202 with the job and where to follow it.
   */
  @Roles('auditor', 'admin')
  @Post('replay')
  @HttpCode(200)
  async replay(
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { dufNumbers } = parseOr400(ReplayRequest, body ?? {}, 'replay request');
    if (dufNumbers) return this.replays.replay(dufNumbers);
    const job = this.replays.startAll(request.user.username);
    response.status(202).setHeader('Location', `/api/audit/replay/${job.id}`);
    return job;
  }

  /** A replay job's progress (`replayed` of `total`) and, once done, its result. */
  @Roles('auditor', 'admin')
  @Get('replay/:job')
  job(@Param() params: unknown) {
    return this.replays.job(parseOr400(ReplayJobParameter, params, 'replay job').job);
  }
}
