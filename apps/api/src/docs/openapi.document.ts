import { z } from 'zod';
import { ApplicationLodged, CaseEvent, CaseState, COMMAND_NAMES, CommandPayloads } from '@saksflyt/domain';
import { CaseListQuery } from '../cases/case-list.query';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;

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
const dufParameter = {
  name: 'dufNumber',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^\\d{12}$' },
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate every request. */
export function openApiDocument(): JsonSchema {
  const listParameters = Object.entries(
    (toSchema(CaseListQuery) as { properties: Record<string, JsonSchema> }).properties,
  ).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
  const commandPaths = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      `/api/cases/{dufNumber}/commands/${name}`,
      {
        post: {
          summary: `Command ${name} (a Temporal Update)`,
          tags: ['commands'],
          security: bearer,
          parameters: [
            dufParameter,
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 100 },
            },
          ],
          requestBody: { required: true, ...json(commandBody(CommandPayloads[name])) },
          responses: {
            200: { description: 'accepted: the new state', ...json(ref('CaseState')) },
            400: errorResponse('ValidationError, with the field issues'),
            401: errorResponse('no or an invalid token'),
            403: errorResponse('the role may not send commands'),
            404: errorResponse('no such case'),
            409: errorResponse('InvalidTransition, with the allowed commands'),
          },
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
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        ApplicationLodged: toSchema(ApplicationLodged),
        CaseState: toSchema(CaseState),
        CaseEvent: toSchema(CaseEvent),
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string' },
            message: { type: 'string' },
            issues: { type: 'array', items: { type: 'object' } },
            allowedCommands: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    paths: {
      '/api/auth/login': {
        post: {
          summary: 'Sign in',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['username', 'password'],
              properties: { username: { type: 'string' }, password: { type: 'string' } },
              additionalProperties: false,
            }),
          },
          responses: {
            200: { description: 'a signed access token', ...json({ type: 'object' }) },
            400: errorResponse('malformed body'),
            401: errorResponse('wrong username or password'),
            429: errorResponse('too many attempts'),
          },
        },
      },
      '/api/health': {
        get: {
          summary: 'Temporal answers and a worker polls',
          responses: { 200: { description: 'healthy' }, 503: { description: 'not ready' } },
        },
      },
      '/api/cases': {
        post: {
          summary: 'Open a case (starts its workflow)',
          security: bearer,
          requestBody: { required: true, ...json(ref('ApplicationLodged')) },
          responses: {
            201: { description: 'the new case', ...json(ref('CaseState')) },
            400: errorResponse('ValidationError'),
            401: errorResponse('unauthenticated'),
            403: errorResponse('auditors may not open cases'),
            409: errorResponse('CaseExists'),
          },
        },
        get: {
          summary: 'List cases (Temporal visibility on the search attributes)',
          security: bearer,
          parameters: listParameters,
          responses: {
            200: { description: '{ items, nextPageToken }' },
            400: errorResponse('bad filter'),
            401: errorResponse('unauthenticated'),
          },
        },
      },
      '/api/cases/{dufNumber}': {
        get: {
          summary: 'The case state',
          security: bearer,
          parameters: [dufParameter],
          responses: {
            200: { description: 'CaseState', ...json(ref('CaseState')) },
            400: errorResponse('bad DUF number'),
            401: errorResponse('unauthenticated'),
            404: errorResponse('no such case'),
          },
        },
      },
      '/api/cases/{dufNumber}/events': {
        get: {
          summary: 'The domain events, oldest first',
          security: bearer,
          parameters: [dufParameter],
          responses: {
            200: { description: 'CaseEvent[]', ...json({ type: 'array', items: ref('CaseEvent') }) },
            400: errorResponse('bad DUF number'),
            401: errorResponse('unauthenticated'),
            404: errorResponse('no such case'),
          },
        },
      },
      '/api/cases/{dufNumber}/state': {
        get: {
          summary: 'The state as it stood after an event (seq) or at a moment (ISO date-time)',
          security: bearer,
          parameters: [
            dufParameter,
            { name: 'asOf', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: {
            200: { description: 'CaseState', ...json(ref('CaseState')) },
            400: errorResponse('bad asOf'),
            401: errorResponse('unauthenticated'),
            404: errorResponse('no such case then'),
          },
        },
      },
      '/api/cases/{dufNumber}/history': {
        get: {
          summary: 'The Temporal history as JSON (auditor, admin)',
          security: bearer,
          parameters: [dufParameter],
          responses: {
            200: { description: 'history' },
            401: errorResponse('unauthenticated'),
            403: errorResponse('caseworkers may not'),
            404: errorResponse('no such case'),
          },
        },
      },
      '/api/cases/{dufNumber}/export': {
        get: {
          summary:
            'The readable case record as JSON or PDF (auditor, admin); from the archive once Temporal has deleted the case',
          security: bearer,
          parameters: [
            dufParameter,
            {
              name: 'format',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['json', 'pdf'] },
            },
          ],
          responses: {
            200: { description: 'the record', content: { 'application/json': {}, 'application/pdf': {} } },
            400: errorResponse('bad DUF number or format'),
            401: errorResponse('unauthenticated'),
            403: errorResponse('caseworkers may not'),
            404: errorResponse('no such case'),
          },
        },
      },
      '/api/audit/replay': {
        post: {
          summary: "Replay histories against today's workflow code (auditor, admin)",
          security: bearer,
          requestBody: {
            required: false,
            ...json({
              type: 'object',
              properties: { dufNumbers: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' } } },
              additionalProperties: false,
            }),
          },
          responses: {
            200: { description: '{ replayed, failed }' },
            400: errorResponse('bad body'),
            401: errorResponse('unauthenticated'),
            403: errorResponse('caseworkers may not'),
          },
        },
      },
      '/api/dashboard': {
        get: {
          summary: 'Counts by status and track, deadlines due, the interview-priority queue',
          security: bearer,
          responses: { 200: { description: 'dashboard' }, 401: errorResponse('unauthenticated') },
        },
      },
      '/api/me': {
        get: {
          summary: 'The signed-in user',
          security: bearer,
          responses: { 200: { description: '{ username, role }' }, 401: errorResponse('unauthenticated') },
        },
      },
      ...commandPaths,
    },
  };
}
