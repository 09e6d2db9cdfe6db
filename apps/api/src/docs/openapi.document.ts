import { z } from 'zod';
import {
  ApplicationLodged,
  CaseEvent,
  CaseNotices,
  CaseState,
  COMMAND_NAMES,
  CommandPayloads,
  DufNumber,
  FACT_TIME_FIELD,
  PolicyDraft,
  PublishedPolicyVersion,
  REFUSALS,
} from '@saksflyt/domain';
import { MAX_NAMED_REPLAYS, ReplayJobParameter, ReplayRequest } from '../audit/audit.controller';
import { ReplayJob } from '../audit/replay-jobs';
import { Login, UsernameParameter } from '../auth/auth.controller';
import { CodecRequest } from '../codec/codec.controller';
import { CaseListQuery } from '../cases/case-list.query';
import { CaseSummary } from '../cases/case-summary';
import { AsOf, ExportQuery, IdempotencyKey } from '../cases/cases.controller';
import { PolicyImpactReport, PolicyListing } from '../policy/policy.controller';
import { ProcessingStatsQuery, ProcessingStatsResponse } from '../stats/stats.controller';
import { Workload } from '../stats/workload.controller';
import { TeamListing } from '../teams/teams.controller';
import { AssignableUsers } from '../users/users.controller';

type JsonSchema = Record<string, unknown>;

/** The refusal codes a client translates (issue 15): the domain's catalogue, named once. */
const REFUSAL_CODES = Object.keys(REFUSALS);
type Operation = Record<string, unknown> & { requestBody?: unknown };
export type OpenApiPaths = Record<string, Record<string, Operation>>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
};

/** The JSON Schema of each field of an object schema, for query parameters. */
const propertiesOf = (schema: z.ZodType) =>
  (toSchema(schema) as { properties: Record<string, JsonSchema> }).properties;

/** A command's body as a client sends it: the payload without `actor`, which the API fills from the token. */
function commandBody(schema: z.ZodType): JsonSchema {
  const {
    properties = {},
    required = [],
    ...rest
  } = toSchema(schema) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const { actor: _actor, ...withoutActor } = properties;
  return { ...rest, properties: withoutActor, required: required.filter((name) => name !== 'actor') };
}

const json = (schema: JsonSchema | { $ref: string }) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, ...json(ref('Error')) });
const bearer = [{ bearer: [] }];
const dufParameter = { name: 'dufNumber', in: 'path', required: true, schema: toSchema(DufNumber) };

interface OperationSpec {
  summary: string;
  tags?: string[];
  /** Needs a bearer token (every route but login, health and this document). */
  secured?: boolean;
  /** Some signed-in roles may not call it: a 403 for them. */
  forbiddenFor?: string;
  parameters?: JsonSchema[];
  body?: { schema: JsonSchema | { $ref: string }; required: boolean };
  ok: Record<string, JsonSchema>;
  /** The route's own 4xx answers, beyond those every route of its kind has. */
  errors?: Record<number, string>;
  /** It queries the running case, which a worker must answer. */
  queriesCase?: boolean;
}

/**
 * One operation with every answer it can give: a body route is also a 400 for malformed JSON, a 413 over the body
 * limit and a 415 for a body that is not JSON; a secured route a 401 without a valid token.
 */
function operation(spec: OperationSpec): Operation {
  const errors: Record<number, string> = {};
  if (spec.body || spec.parameters?.length)
    errors[400] = 'ValidationError: a malformed parameter or body, with the field issues';
  if (spec.secured) errors[401] = 'no token, or an invalid or expired one';
  if (spec.forbiddenFor) errors[403] = `${spec.forbiddenFor} may not`;
  if (spec.body) {
    errors[413] = 'the body is over the 256 kB limit';
    errors[415] = 'the body is not application/json';
  }
  Object.assign(errors, spec.errors);
  if (spec.queriesCase)
    errors[503] =
      'no worker answered the case in time (a command, or a read of a case the projection does not have); try again after Retry-After';
  return {
    summary: spec.summary,
    ...(spec.tags ? { tags: spec.tags } : {}),
    ...(spec.secured ? { security: bearer } : {}),
    ...(spec.parameters ? { parameters: spec.parameters } : {}),
    ...(spec.body ? { requestBody: { required: spec.body.required, ...json(spec.body.schema) } } : {}),
    responses: {
      ...spec.ok,
      ...Object.fromEntries(
        Object.entries(errors).map(([status, description]) => [status, errorResponse(description)]),
      ),
    },
  };
}

function commandDescription(name: (typeof COMMAND_NAMES)[number]): string {
  const factTime = FACT_TIME_FIELD[name];
  return [
    'The workflow checks the command again against the case: a command the case does not allow now is a 409',
    "and a rule it breaks a 400, which no schema can say (they depend on the case's state and time).",
    factTime ? `\`${factTime}\` dates a fact that has happened: more than five minutes ahead is a 400.` : '',
    name === 'assignCase'
      ? 'The assignee must be an enabled caseworker or admin and the team one of GET /api/teams, else a 400 naming ' +
        '`assignee` or `team`; a case someone else holds is a 409 for a caseworker, with `heldBy` naming the holder.'
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate every request. */
export function openApiDocument(): JsonSchema & { paths: OpenApiPaths } {
  const listParameters = Object.entries(propertiesOf(CaseListQuery)).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));
  const commandPaths = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      `/api/cases/{dufNumber}/commands/${name}`,
      {
        post: {
          ...operation({
            summary: `Command ${name} (a Temporal Update)`,
            tags: ['commands'],
            secured: true,
            forbiddenFor: 'auditors',
            parameters: [
              dufParameter,
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                schema: toSchema(IdempotencyKey.unwrap()),
              },
            ],
            body: { schema: commandBody(CommandPayloads[name]), required: true },
            ok: { 200: { description: 'accepted: the new state', ...json(ref('CaseState')) } },
            errors: {
              404: 'no such case',
              409: 'InvalidTransition, with the allowed commands (none once the case is closed)',
            },
          }),
          description: commandDescription(name),
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Saksflyt',
      version: '0.1.0',
      description: 'Case handling for applications for individual protection.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        // The admin UI's: documented here, not offered per operation, so that clients and fuzzers use the bearer.
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'saksflyt_session',
          description:
            'The same token in an HttpOnly, SameSite=Strict cookie on /api, set at sign-in. A request signed in by it ' +
            'alone that is not GET or HEAD also needs X-CSRF-Token: the csrfToken from sign-in or GET /api/auth/session ' +
            '(else 403 CsrfTokenInvalid).',
        },
      },
      schemas: {
        ApplicationLodged: toSchema(ApplicationLodged),
        CaseState: toSchema(CaseState, 'output'),
        CaseEvent: toSchema(CaseEvent, 'output'),
        CaseNotices: toSchema(CaseNotices, 'output'),
        CaseSummary: toSchema(CaseSummary, 'output'),
        ProcessingStats: toSchema(ProcessingStatsResponse, 'output'),
        TeamListing: toSchema(TeamListing, 'output'),
        Workload: toSchema(Workload, 'output'),
        AssignableUsers: toSchema(AssignableUsers, 'output'),
        ReplayJob: toSchema(ReplayJob, 'output'),
        PolicyDraft: toSchema(PolicyDraft),
        PolicyListing: toSchema(PolicyListing, 'output'),
        PolicyImpactReport: toSchema(PolicyImpactReport, 'output'),
        PublishedPolicyVersion: toSchema(PublishedPolicyVersion, 'output'),
        ReplayReport: {
          type: 'object',
          required: ['replayed', 'failed'],
          properties: {
            replayed: { type: 'integer' },
            failed: {
              type: 'array',
              items: {
                type: 'object',
                required: ['dufNumber', 'error'],
                properties: { dufNumber: { type: 'string' }, error: { type: 'string' } },
              },
            },
          },
        },
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string' },
            message: { type: 'string' },
            issues: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'message'],
                properties: {
                  path: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
                  message: { type: 'string', description: 'in English' },
                  code: { type: 'string', enum: REFUSAL_CODES, description: 'what a client translates' },
                  params: {
                    type: 'object',
                    description: 'the values the code names (times, commands, counts)',
                  },
                },
              },
            },
            code: {
              type: 'string',
              enum: REFUSAL_CODES,
              description: 'a 409 InvalidTransition: why not, for a client to translate',
            },
            params: { type: 'object', description: 'the values the code names' },
            allowedCommands: { type: 'array', items: { type: 'string' } },
            heldBy: { type: 'string', description: 'a 409 on a case someone else holds: who holds it' },
          },
        },
      },
    },
    paths: {
      '/api/auth/login': {
        post: operation({
          summary: 'Sign in',
          body: { schema: toSchema(Login), required: true },
          ok: { 200: { description: 'a signed access token', ...json({ type: 'object' }) } },
          errors: {
            401: 'wrong username or password',
            429: 'too many attempts for this username from this address; try again after Retry-After',
          },
        }),
      },
      '/api/health': {
        get: operation({
          summary: 'Temporal answers and a worker polls',
          ok: { 200: { description: 'healthy' }, 503: { description: 'not ready' } },
        }),
      },
      '/api/cases': {
        post: operation({
          summary: 'Open a case (starts its workflow)',
          secured: true,
          forbiddenFor: 'auditors',
          body: { schema: ref('ApplicationLodged'), required: true },
          ok: { 201: { description: 'the new case', ...json(ref('CaseState')) } },
          queriesCase: true,
          errors: { 409: 'CaseExists' },
        }),
        get: operation({
          summary:
            'List cases (Temporal visibility on the search attributes; by name or date of birth through the person index)',
          secured: true,
          parameters: listParameters,
          ok: {
            200: {
              description: '{ items: CaseSummary[], nextPageToken, total }',
              ...json({
                type: 'object',
                required: ['items', 'nextPageToken', 'total'],
                properties: {
                  items: { type: 'array', items: ref('CaseSummary') },
                  nextPageToken: { anyOf: [{ type: 'string' }, { type: 'null' }] },
                  total: {
                    type: 'integer',
                    description:
                      "how many cases the list holds in all: Temporal's count for a visibility list, the cases read " +
                      'for a sorted, person or person-search list',
                  },
                  complete: {
                    type: 'boolean',
                    description:
                      'only in a list ordered by the API (a sort, a person search, assignedTo=me or a username): false when ' +
                      'it holds more than the 2,000 cases it reads to order them (or a person search more than 500 matches)',
                  },
                },
              }),
            },
          },
        }),
      },
      '/api/cases/{dufNumber}': {
        get: operation({
          summary: 'The case state',
          secured: true,
          parameters: [dufParameter],
          ok: { 200: { description: 'CaseState', ...json(ref('CaseState')) } },
          queriesCase: true,
          errors: { 404: 'no such case' },
        }),
      },
      '/api/cases/{dufNumber}/events': {
        get: operation({
          summary: 'The domain events, oldest first',
          secured: true,
          parameters: [dufParameter],
          ok: { 200: { description: 'CaseEvent[]', ...json({ type: 'array', items: ref('CaseEvent') }) } },
          queriesCase: true,
          errors: { 404: 'no such case' },
        }),
      },
      '/api/cases/{dufNumber}/messages': {
        get: operation({
          summary:
            'What the applicant was told: each notice with its delivery (delivered, failed, pending, not recorded) and its letters, e-mails and SMS word for word, as recorded when sent, or composed again from the record (textSource) for a notice recorded without its text',
          secured: true,
          parameters: [dufParameter],
          ok: { 200: { description: 'CaseNotices', ...json(ref('CaseNotices')) } },
          queriesCase: true,
          errors: { 404: 'no such case' },
        }),
      },
      '/api/cases/{dufNumber}/state': {
        get: operation({
          summary: 'The state as it stood after an event (seq) or at a moment (ISO date-time)',
          secured: true,
          parameters: [
            dufParameter,
            { name: 'asOf', in: 'query', required: true, schema: propertiesOf(AsOf).asOf },
          ],
          ok: { 200: { description: 'CaseState', ...json(ref('CaseState')) } },
          queriesCase: true,
          errors: { 404: 'no such case, or none yet then' },
        }),
      },
      '/api/cases/{dufNumber}/history': {
        get: operation({
          summary: 'The Temporal history as JSON (auditor, admin)',
          secured: true,
          forbiddenFor: 'caseworkers',
          parameters: [dufParameter],
          ok: { 200: { description: 'history', ...json({ type: 'object' }) } },
          errors: { 404: 'no such case' },
        }),
      },
      '/api/cases/{dufNumber}/export': {
        get: operation({
          summary:
            'The readable case record as JSON, or as a PDF case file in nb or en (auditor, admin); from the archive once Temporal has deleted the case',
          secured: true,
          forbiddenFor: 'caseworkers',
          parameters: [
            dufParameter,
            { name: 'format', in: 'query', required: false, schema: propertiesOf(ExportQuery).format },
            {
              name: 'lang',
              in: 'query',
              required: false,
              description:
                'the language of the PDF case file: nb (default) or en; the JSON export is the same in both',
              schema: propertiesOf(ExportQuery).lang,
            },
          ],
          ok: {
            200: {
              description: 'the record',
              content: { 'application/json': {}, 'application/pdf': {} },
            },
          },
          queriesCase: true,
          errors: { 400: 'a format or lang that is not one of the above', 404: 'no such case' },
        }),
      },
      '/api/audit/person-searches': {
        get: operation({
          summary:
            'Who searched for a person by name or date of birth: when, the criteria, how many cases (auditor, admin)',
          secured: true,
          forbiddenFor: 'caseworkers',
          ok: {
            200: {
              description:
                '{ items: [{ at, actor: { username, role }, criteria: { name?, dateOfBirth? }, results }] }',
              ...json({ type: 'object', required: ['items'], properties: { items: { type: 'array' } } }),
            },
          },
        }),
      },
      '/api/audit/replay': {
        post: {
          ...operation({
            summary: "Replay histories against today's workflow code (auditor, admin)",
            secured: true,
            forbiddenFor: 'caseworkers',
            body: { schema: toSchema(ReplayRequest), required: false },
            ok: {
              200: { description: 'the named cases replayed: the report', ...json(ref('ReplayReport')) },
              202: {
                description:
                  'every case: a job, followed at the Location header (GET /api/audit/replay/{job})',
                ...json(ref('ReplayJob')),
              },
            },
            errors: { 404: 'a named case does not exist' },
          }),
          description: `With \`dufNumbers\` (1 to ${MAX_NAMED_REPLAYS}), those cases are replayed while the request waits. Without, every case is replayed as a job: the answer is a 202 with the job at once; while a job runs on this API instance, asking again answers that job.`,
        },
      },
      '/api/audit/replay/{job}': {
        get: operation({
          summary: "A replay job's progress (replayed of total) and, once done, its result (auditor, admin)",
          secured: true,
          forbiddenFor: 'caseworkers',
          parameters: [
            { name: 'job', in: 'path', required: true, schema: propertiesOf(ReplayJobParameter).job },
          ],
          ok: { 200: { description: 'the job', ...json(ref('ReplayJob')) } },
          errors: { 404: 'no such job' },
        }),
      },
      '/api/dashboard': {
        get: operation({
          summary:
            'Counts by status, track and work item; Dublin requests whose last day is within 14 days; deadlines due; the interview-priority queue',
          secured: true,
          ok: { 200: { description: 'dashboard', ...json({ type: 'object' }) } },
        }),
      },
      '/api/stats/processing': {
        get: {
          ...operation({
            summary:
              'Processing times and backlog: per track the median and 90th percentile of days from lodging to the first-instance decision and to closing; open cases by age band; cases lodged, decided and closed per week',
            secured: true,
            parameters: Object.entries(propertiesOf(ProcessingStatsQuery)).map(([name, schema]) => ({
              name,
              in: 'query',
              required: false,
              schema,
            })),
            ok: { 200: { description: 'the figures', ...json(ref('ProcessingStats')) } },
          }),
          description:
            "Closed cases are read from the archive (never from visibility, so Temporal's retention loses none and none counts twice), open cases from visibility: count queries on LodgedAt by age band and week, and a listing of those first decided within the window (DecidedAt). Percentiles are by linear interpolation between closest ranks (as percentile_cont), over the cases first decided (closed) within the window. Weeks run Monday to Sunday in Oslo. An answer is served again for a minute; `Cache-Control: no-cache` computes afresh. Open cases started before the workflow set LodgedAt count from the workflow start (`sources.openWithoutLodgedAt` says how many); those decided before it set DecidedAt are not in the open figures until they close.",
        },
      },
      '/api/policy': {
        get: operation({
          summary:
            'The policy versions, oldest first, and the name of the one in force today (the built-in versions, publishedAt and publishedBy null)',
          tags: ['policy'],
          secured: true,
          ok: { 200: { description: '{ inForce, versions }', ...json(ref('PolicyListing')) } },
        }),
      },
      '/api/policy/impact': {
        post: {
          ...operation({
            summary:
              'Every open case a draft policy version would treat differently, and how; nothing is published or changed',
            tags: ['policy'],
            secured: true,
            body: { schema: ref('PolicyDraft'), required: true },
            ok: {
              200: {
                description: '{ cases: [{ dufNumber, status, effects: [{ kind, message, params }] }] }',
                ...json(ref('PolicyImpactReport')),
              },
            },
            queriesCase: true,
          }),
          description:
            "Each open case's own events are folded again and judged under the draft with the same decide: a rejection (or an appeal against it) resting on internal protection in an area the draft no longer holds safe; a case not yet decided whose home area the draft makes safe; a case awaiting the collective assessment whose home area enters or leaves the exclusion list. A field that is not the draft's (a time limit: the law's) is a 400, as is an oblast named twice.",
        },
      },
      '/api/policy/versions': {
        post: {
          ...operation({
            summary:
              'Publish a policy version (admins): in force for every open case from its validFrom, with no restart; the open cases its impact touches are listed with it for review',
            tags: ['policy'],
            secured: true,
            forbiddenFor: 'caseworkers and auditors',
            body: { schema: ref('PolicyDraft'), required: true },
            ok: { 201: { description: 'the version as published', ...json(ref('PublishedPolicyVersion')) } },
            errors: {
              409: 'Conflict: a version already applies from that validFrom, or has that name (code policyValidFromTaken or policyVersionTaken)',
            },
            queriesCase: true,
          }),
          description:
            "A version in force is never changed: validFrom is today (Oslo) or later (else a 400 on validFrom, code validFromInPast), and a correction is a new version. Each command brings the published versions to its case (the API reads them from the registry as it sends the command) and the case records them, so a decision is judged by the version in force on its date, and the event names it. The impact is found first, as by POST /api/policy/impact, and its cases are the version's `review` list in GET /api/policy.",
        },
      },
      '/api/teams': {
        get: operation({
          summary: 'The configured teams (SAKSFLYT_TEAMS), each named in Norwegian and English',
          tags: ['work allocation'],
          secured: true,
          ok: {
            200: {
              description: '{ items: [{ id, name: { nb, en }, routed }] }',
              ...json(ref('TeamListing')),
            },
          },
        }),
      },
      '/api/users/assignable': {
        get: operation({
          summary:
            'Whom a case may be handed to: the enabled caseworkers and admins, by username (caseworker, admin)',
          tags: ['work allocation'],
          secured: true,
          forbiddenFor: 'auditors',
          ok: {
            200: {
              description: '{ items: [{ username, role }] }: the assignees assignCase accepts',
              ...json(ref('AssignableUsers')),
            },
          },
        }),
      },
      '/api/stats/workload': {
        get: operation({
          summary:
            'Open cases per caseworker and admin, and per team: held, in the queue, held by a disabled account (admin)',
          tags: ['work allocation'],
          secured: true,
          forbiddenFor: 'caseworkers and auditors',
          ok: { 200: { description: 'the workload from visibility counts', ...json(ref('Workload')) } },
        }),
      },
      '/api/me': {
        get: operation({
          summary: 'The signed-in user',
          secured: true,
          ok: { 200: { description: '{ username, role }', ...json({ type: 'object' }) } },
        }),
      },
      '/api/auth/session': {
        get: operation({
          summary:
            'Who this browser is signed in as (the session cookie, or a bearer token): a new tab of the admin UI asks',
          ok: {
            200: {
              description:
                '{ signedIn: true, username, role, expiresAt, csrfToken (for the cookie session) }, or { signedIn: false }; never the token',
              ...json({ type: 'object' }),
            },
          },
        }),
      },
      '/api/auth/logout': {
        post: operation({
          summary: 'End the cookie session in this browser: the session, CSRF and codec cookies are cleared',
          ok: { 204: { description: 'the cookies are cleared' } },
        }),
      },
      '/api/auth/logout-all': {
        post: operation({
          summary:
            "Sign out everywhere: every token of the signed-in user, this one included, stops working; this browser's cookies are cleared",
          secured: true,
          ok: { 204: { description: 'signed out everywhere' } },
        }),
      },
      '/api/users/{username}/revoke-tokens': {
        post: operation({
          summary: 'Sign another user out everywhere: every token issued to them stops working (admin)',
          tags: ['users'],
          secured: true,
          forbiddenFor: 'caseworkers and auditors',
          parameters: [
            {
              name: 'username',
              in: 'path',
              required: true,
              schema: propertiesOf(UsernameParameter).username,
            },
          ],
          ok: { 204: { description: "the user's tokens are revoked" } },
          errors: { 404: 'no such user' },
        }),
      },
      '/api/health/live': {
        get: operation({
          summary: 'Liveness: the process answers',
          ok: { 200: { description: 'live', ...json({ type: 'object' }) } },
        }),
      },
      '/api/health/ready': {
        get: operation({
          summary: 'Readiness: Temporal answers and the API is not shutting down',
          ok: {
            200: { description: 'ready', ...json({ type: 'object' }) },
            503: { description: 'not ready, with the reason', ...json({ type: 'object' }) },
          },
        }),
      },
      '/codec/decode': {
        post: operation({
          summary:
            "Temporal's remote codec: decrypt payloads (bearer token, or the session cookie from sign-in)",
          tags: ['codec'],
          secured: true,
          body: { schema: toSchema(CodecRequest), required: true },
          ok: { 200: { description: 'the payloads decoded', ...json(toSchema(CodecRequest)) } },
          errors: { 403: 'X-Namespace names another namespace' },
        }),
      },
      '/codec/encode': {
        post: operation({
          summary: "Temporal's remote codec: encrypt payloads with the current key",
          tags: ['codec'],
          secured: true,
          forbiddenFor: 'auditors',
          body: { schema: toSchema(CodecRequest), required: true },
          ok: { 200: { description: 'the payloads encrypted', ...json(toSchema(CodecRequest)) } },
        }),
      },
      ...commandPaths,
    },
  };
}
