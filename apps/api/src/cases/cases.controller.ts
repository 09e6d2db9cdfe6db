import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { assignmentIssues, type UserStore } from '@saksflyt/accounts';
import {
  ApplicationLodged,
  type CommandPayload,
  CommandPayloads,
  DufNumber,
  IsoDateTime,
  isCommandName,
  validationRejection,
} from '@saksflyt/domain';
import { CASE_FILE_LANGUAGES } from '@saksflyt/audit';
import type { Settings } from '@saksflyt/temporal';
import { type AuthenticatedRequest, Roles } from '../auth/access';
import { parseOr400, validationFailure } from '../http/validation';
import { CaseListQuery } from './case-list.query';
import { SETTINGS, USER_STORE } from '../temporal-client.provider';
import { CasesService } from './cases.service';

/** Says whether a record came from Temporal or, after Temporal's retention, from the archive. */
const SOURCE_HEADER = 'X-Saksflyt-Source';
/** `lang` is the PDF case file's language (nb by default); the JSON export has none and ignores it. */
export const ExportQuery = z
  .object({
    format: z.enum(['json', 'pdf']).default('json'),
    lang: z
      .enum(CASE_FILE_LANGUAGES, { error: 'the case file is in nb (Norwegian Bokmål) or en (English)' })
      .default('nb'),
  })
  .strict();
/** An event's number as plain digits: `Number()` alone would also take " 1", "0x10" and "1e3". */
const EventSeq = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, 'an event number: 1, 2, 3, …')
  .transform(Number);
export const AsOf = z.object({ asOf: z.union([EventSeq, IsoDateTime]) }).strict();
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'up to 100 letters, digits and ._:-')
  .optional();

@Controller('api/cases')
export class CasesController {
  constructor(
    @Inject(CasesService) private readonly cases: CasesService,
    @Inject(USER_STORE) private readonly users: UserStore,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** What only the API knows of: the assignee is an enabled caseworker or admin, the team a configured one. */
  private checkAssignment(assignment: CommandPayload<'assignCase'>): void {
    const issues = assignmentIssues(assignment, { users: this.users, teams: this.settings.teams });
    if (issues.length === 0) return;
    const { message, issues: named } = validationRejection('assignCase', issues);
    throw validationFailure(message, named);
  }

  @Roles('caseworker', 'admin')
  @Post()
  @HttpCode(201)
  open(@Body() body: unknown) {
    return this.cases.open(parseOr400(ApplicationLodged, body, 'ApplicationLodged'));
  }

  @Get()
  list(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    return this.cases.list(parseOr400(CaseListQuery, query, 'filters'), request.user);
  }

  @Get(':dufNumber')
  get(@Param('dufNumber') dufNumber: string) {
    return this.cases.state(parseOr400(DufNumber, dufNumber, 'dufNumber'));
  }

  @Get(':dufNumber/events')
  async events(@Param('dufNumber') dufNumber: string, @Res({ passthrough: true }) response: Response) {
    const { events, source } = await this.cases.events(parseOr400(DufNumber, dufNumber, 'dufNumber'));
    response.setHeader(SOURCE_HEADER, source);
    return events;
  }

  /** What the applicant was told: each notice's letters, e-mails and SMS, with their delivery and text. */
  @Get(':dufNumber/messages')
  async messages(@Param('dufNumber') dufNumber: string, @Res({ passthrough: true }) response: Response) {
    const { notices, source } = await this.cases.notices(parseOr400(DufNumber, dufNumber, 'dufNumber'));
    response.setHeader(SOURCE_HEADER, source);
    return notices;
  }

  /** The case record for auditors: `format=json`, or `format=pdf` with `lang=nb|en`. */
  @Roles('auditor', 'admin')
  @Get(':dufNumber/export')
  async export(
    @Param('dufNumber') dufNumber: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const duf = parseOr400(DufNumber, dufNumber, 'dufNumber');
    const { format, lang } = parseOr400(ExportQuery, query, 'format and lang');
    const { body, source } = await this.cases.export(duf, format, lang);
    response.setHeader(SOURCE_HEADER, source);
    response.setHeader('Content-Disposition', `attachment; filename="case-${duf}.${format}"`);
    if (Buffer.isBuffer(body)) {
      response.setHeader('Content-Type', 'application/pdf');
      return new StreamableFile(body);
    }
    return body;
  }

  @Get(':dufNumber/state')
  stateAsOf(@Param('dufNumber') dufNumber: string, @Query() query: unknown) {
    const { asOf } = parseOr400(AsOf, query, 'asOf (an event seq or an ISO date-time)');
    return this.cases.stateAsOf(parseOr400(DufNumber, dufNumber, 'dufNumber'), asOf);
  }

  @Roles('auditor', 'admin')
  @Get(':dufNumber/history')
  async history(@Param('dufNumber') dufNumber: string, @Res({ passthrough: true }) response: Response) {
    const { history, source } = await this.cases.history(parseOr400(DufNumber, dufNumber, 'dufNumber'));
    response.setHeader(SOURCE_HEADER, source);
    return history;
  }

  /**
   * A command is a Temporal Update: 200 with the new state, 400 with the field issues, 409 with the allowed
   * commands. The actor is the signed-in user; an `actor` in the body is ignored. `Idempotency-Key` is the update id.
   */
  @Roles('caseworker', 'admin')
  @Post(':dufNumber/commands/:command')
  @HttpCode(200)
  command(
    @Param('dufNumber') dufNumber: string,
    @Param('command') command: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const duf = parseOr400(DufNumber, dufNumber, 'dufNumber');
    if (!isCommandName(command)) {
      throw validationFailure(`unknown command ${command}`, [
        {
          path: ['command'],
          message: 'not a command of the contract',
          code: 'unknownCommand',
          params: { command },
        },
      ]);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw validationFailure('the body is a JSON object with the command payload', [
        { path: [], message: 'expected an object', code: 'wrongType', params: { expected: 'object' } },
      ]);
    }
    const { actor: _ignored, ...payload } = body as Record<string, unknown>;
    const actor = {
      id: request.user.username,
      role: request.user.role === 'admin' ? ('admin' as const) : ('caseworker' as const),
    };
    // Checked here first, so a malformed payload never costs a round trip to the workflow; the workflow checks again.
    const parsed = parseOr400(CommandPayloads[command], { ...payload, actor }, command);
    if (command === 'assignCase') this.checkAssignment(parsed as CommandPayload<'assignCase'>);
    return this.cases.command(
      duf,
      command,
      payload,
      actor,
      parseOr400(IdempotencyKey, idempotencyKey, 'Idempotency-Key'),
    );
  }
}
