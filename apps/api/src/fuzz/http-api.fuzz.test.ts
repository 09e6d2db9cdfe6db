import http from 'node:http';
import querystring from 'node:querystring';
import vm from 'node:vm';
import { gzipSync, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import type { z } from 'zod';
import { temporal } from '@temporalio/proto';
import {
  ApplicationLodged,
  CASE_LIMITS,
  type CaseEvent,
  COMMAND_NAMES,
  type CommandName,
  CommandPayloads,
  DufNumber,
  isCommandName,
} from '@saksflyt/domain';
import {
  anApplication,
  asReceived,
  BAD_DATES,
  brokenObject,
  effectsPending,
  jsonText,
  ODD_TEXTS,
  oddText,
  POLLUTION_MARK,
  PROTOTYPE_KEYS,
  validPayload,
  validPayloads,
} from '@saksflyt/domain/testing';
import { FuzzTally, fuzzRuns, reportFuzzFigures } from '@saksflyt/testing';
import { caseWorkflowId, PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';
import { AsOf, ExportQuery, IdempotencyKey } from '../cases/cases.controller';
import { CaseListQuery } from '../cases/case-list.query';

/**
 * Bad input changes nothing: fast-check throws malformed, mistyped, oversized and hostile requests at every route
 * of a real system (dev server, worker, API). Every answer to an invalid request is a 4xx with a JSON error that says
 * what is wrong; the target case stays as it was; no workflow task fails; nothing reaches Object.prototype.
 * Inputs that turn out valid (odd text where any text goes) go to spare cases instead, and must still never be a 5xx.
 */

type Who = 'caseworker' | 'admin' | 'auditor' | 'nobody';
interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

const BODY_LIMIT = 256 * 1024;
const TARGET = '202499000001';
const SPARES = ['202499000101', '202499000102', '202499000103'];
/** Filled with documents to the limit. */
const FULL = '202499000201';
const tally = new FuzzTally('http');
const startedAt = Date.now();
let nextDuf = 202498000000;
const freshDuf = () => String(nextDuf++);

/** A path segment as a hostile client sends it: a lone surrogate goes as its (invalid) UTF-8 bytes. */
function pathSegment(text: string): string {
  let encoded = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      encoded += [0xed, 0xa0 | ((code >> 6) & 0x0f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      encoded += encodeURIComponent(char);
    }
  }
  return encoded;
}

/** What a server decodes a segment to; undefined when it cannot. */
function decodedSegment(text: string): string | undefined {
  try {
    return decodeURIComponent(pathSegment(text));
  } catch {
    return undefined;
  }
}

describe('bad input over HTTP changes nothing', () => {
  let system: TestSystem;
  let targetBefore: { state: unknown; events: unknown };
  const createdCases = new Set<string>();
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const outerPrototypeKeys = () =>
    (vm.runInThisContext('Object.getOwnPropertyNames(Object.prototype).sort()') as string[]).join(',');
  const outerKeysBefore = outerPrototypeKeys();

  beforeAll(async () => {
    // Sign-in is rate-limited per address; the fuzzer signs in far more often than a person.
    system = await startTestSystem({ SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '10000' });
    for (const duf of [TARGET, ...SPARES, FULL]) {
      const opened = await request('caseworker', 'POST', '/api/cases', {
        body: jsonText(anApplication({ dufNumber: duf })),
        count: false,
      });
      expect(opened.status).toBe(201);
    }
    targetBefore = await snapshot(TARGET);
  }, 120_000);

  afterAll(async () => {
    reportFuzzFigures(tally.line(['inputs', '2xx', '4xx', '5xx'], (Date.now() - startedAt) / 1000));
    await system?.stop();
  });

  async function request(
    who: Who,
    method: string,
    route: string,
    options: {
      body?: string | Uint8Array | ReadableStream<Uint8Array>;
      contentType?: string | null;
      headers?: Record<string, string>;
      count?: boolean;
    } = {},
  ): Promise<Answer> {
    const token = who === 'nobody' ? undefined : await system.tokenOf(who);
    const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
    const response = await fetch(`${system.baseUrl}${route}`, {
      method,
      headers: {
        ...(options.body !== undefined && contentType !== null ? { 'content-type': contentType } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (options.count !== false) tally.status(response.status);
    return { status: response.status, headers: response.headers, text, json };
  }

  /** A 4xx whose body is the API's JSON error, saying what is wrong and nothing of the server's insides. */
  function expectError(answer: Answer, status: number | ((status: number) => boolean), what: string): void {
    const statusOk = typeof status === 'number' ? answer.status === status : status(answer.status);
    if (!statusOk || answer.status >= 500) {
      throw new Error(`${what}: answered ${answer.status} ${answer.text.slice(0, 500)}`);
    }
    const body = answer.json as { error?: unknown; message?: unknown } | undefined;
    expect(typeof body?.error === 'string' && body.error.length > 0).toBe(true);
    expect(typeof body?.message === 'string' && body.message.length > 0).toBe(true);
    expect(String(body?.message)).not.toMatch(/\n\s+at |something went wrong/);
  }

  function expectAnswered(answer: Answer, allowed: number[], what: string): void {
    if (!allowed.includes(answer.status)) {
      throw new Error(
        `${what}: answered ${answer.status}, not one of ${allowed.join(', ')}: ${answer.text.slice(0, 500)}`,
      );
    }
  }

  async function snapshot(duf: string): Promise<{ state: unknown; events: unknown }> {
    const state = await request('admin', 'GET', `/api/cases/${duf}`, { count: false });
    const events = await request('admin', 'GET', `/api/cases/${duf}/events`, { count: false });
    expect([state.status, events.status]).toEqual([200, 200]);
    return { state: state.json, events: events.json };
  }

  async function expectTargetUnchanged(): Promise<void> {
    const state = await request('admin', 'GET', `/api/cases/${TARGET}`, { count: false });
    expect(state.json).toEqual(targetBefore.state);
  }

  function expectNoPollution(): void {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(outerPrototypeKeys()).toBe(outerKeysBefore);
    expect(({} as Record<string, unknown>)[POLLUTION_MARK]).toBeUndefined();
  }

  const run = <Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>, weight = 1) =>
    fc.assert(property, { numRuns: fuzzRuns(weight) });

  const commandRoute = (duf: string, name: string) => `/api/cases/${duf}/commands/${name}`;
  const actorOf = (who: 'caseworker' | 'admin') => ({
    id: who === 'admin' ? 'admin' : 'kari',
    role: who,
  });

  /** The payload as the API sees it: any `actor` in the body replaced by the signed-in user. */
  function commandIsValid(name: CommandName, body: unknown, who: 'caseworker' | 'admin'): boolean {
    return receivedIsValid(name, asReceived(body), who);
  }

  function receivedIsValid(name: CommandName, received: unknown, who: 'caseworker' | 'admin'): boolean {
    if (typeof received !== 'object' || received === null || Array.isArray(received)) return false;
    const { actor: _ignored, ...payload } = received as Record<string, unknown>;
    return CommandPayloads[name].safeParse({ ...payload, actor: actorOf(who) }).success;
  }

  const commandName = fc.constantFrom(...COMMAND_NAMES);
  const writer = fc.constantFrom<'caseworker' | 'admin'>('caseworker', 'admin');

  it('answers a broken command payload with a 400 naming the fields, and the case is unchanged', async () => {
    await run(
      fc.asyncProperty(
        commandName.chain((name) =>
          fc.tuple(fc.constant(name), fc.constantFrom(...validPayloads(name)).chain(brokenObject)),
        ),
        writer,
        fc.nat({ max: SPARES.length - 1 }),
        async ([name, body], who, spare) => {
          if (commandIsValid(name, body, who)) {
            // Still valid (odd text where any text goes): a spare case takes it, and it is judged, never a 5xx.
            tally.add('valid');
            const answer = await request(who, 'POST', commandRoute(SPARES[spare] as string, name), {
              body: jsonText(body),
            });
            expectAnswered(answer, [200, 400, 409], `${name} ${jsonText(body).slice(0, 200)}`);
            return;
          }
          const answer = await request(who, 'POST', commandRoute(TARGET, name), { body: jsonText(body) });
          expectError(answer, 400, `${name} ${jsonText(body).slice(0, 200)}`);
          // A bare `null`, number or string never reaches the route: the JSON parser takes objects and arrays only.
          if (typeof asReceived(body) === 'object' && asReceived(body) !== null) {
            expect(answer.json).toMatchObject({ error: 'ValidationError', issues: expect.any(Array) });
            expect((answer.json as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
          }
          await expectTargetUnchanged();
        },
      ),
    );
    expectNoPollution();
  });

  it('answers an unknown command with a 400, whatever its name', async () => {
    const unknownName = fc
      .oneof(
        oddText,
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.constantFrom(
          ...PROTOTYPE_KEYS,
          'toString',
          'hasOwnProperty',
          'valueOf',
          'DECIDE',
          'decide ',
          'withdraw\u0000',
          'registerwithpolice',
          'approveEverything',
        ),
        commandName.map((name) => `${name}\u200B`),
      )
      .filter((name) => !isCommandName(name) && name !== '' && name !== '.' && name !== '..');
    await run(
      fc.asyncProperty(unknownName, commandName, writer, async (name, realName, who) => {
        const answer = await request(who, 'POST', commandRoute(TARGET, pathSegment(name)), {
          body: jsonText(validPayload(realName)),
        });
        // A name that does not even decode (a lone surrogate's bytes) is refused by the router, also with a 400.
        expectError(answer, 400, `command ${JSON.stringify(name)}`);
        await expectTargetUnchanged();
      }),
    );
  });

  const bodyRoutes = fc.oneof(
    fc.constant({ who: 'nobody' as Who, route: '/api/auth/login' }),
    fc.constant({ who: 'caseworker' as Who, route: '/api/cases' }),
    commandName.map((name) => ({ who: 'caseworker' as Who, route: commandRoute(TARGET, name) })),
    fc.constant({ who: 'auditor' as Who, route: '/api/audit/replay' }),
  );

  it('answers malformed JSON with a 400 on every route that takes a body', async () => {
    const valid = jsonText(validPayload('updateContactInfo'));
    const malformed = fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
        fc.nat({ max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
        fc.constantFrom(
          'null',
          'true',
          '1',
          '"text"',
          '[]',
          '[{}]',
          "{'single': 'quotes'}",
          '{"a": NaN}',
          '{"a": undefined}',
          '{/* comment */}',
          '{"a": 1,}',
          `${valid}garbage`,
          `${valid}${valid}`,
          `{"a": "${'\\'.repeat(3)}"}`,
          '{"a": "\\ud800"',
          '\u0000',
          '{'.repeat(5000),
          '['.repeat(10_000) + ']'.repeat(10_000),
        ),
      )
      .filter((text) => {
        try {
          const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
          return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
        } catch {
          return true;
        }
      })
      .filter((text) => text.trim() !== '');
    await run(
      fc.asyncProperty(bodyRoutes, malformed, async ({ who, route }, text) => {
        const answer = await request(who, 'POST', route, { body: text });
        expectError(answer, 400, `${route} ${JSON.stringify(text.slice(0, 100))}`);
      }),
    );
    await expectTargetUnchanged();
  });

  it('answers a body that is not JSON with a 415, even when its text is valid JSON', async () => {
    const notJson = fc.constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json-patch+json',
      'application/jsonx',
      'application/javascript',
      'json',
      '*/*',
      null,
    );
    await run(
      fc.asyncProperty(bodyRoutes, notJson, commandName, async ({ who, route }, contentType, name) => {
        const body = jsonText(validPayload(name));
        const answer = await request(who, 'POST', route, {
          // Without a type, fetch would label text as text/plain; bytes go unlabelled.
          body: contentType === null ? new TextEncoder().encode(body) : body,
          contentType,
        });
        expectError(answer, 415, `${route} as ${contentType}`);
      }),
    );
    await expectTargetUnchanged();
  });

  it('answers JSON in a charset it does not speak, or mis-declared, with a 4xx', async () => {
    await run(
      fc.asyncProperty(
        bodyRoutes,
        fc.constantFrom(
          'latin1',
          'iso-8859-1',
          'utf-16',
          'utf-16le',
          'utf-32',
          'ebcdic',
          'x-unknown',
          '"utf-8',
        ),
        async ({ who, route }, charset) => {
          const answer = await request(who, 'POST', route, {
            body: jsonText(validPayload('updateContactInfo')),
            contentType: `application/json; charset=${charset}`,
          });
          expectError(answer, (status) => status >= 400 && status < 500, `${route} charset ${charset}`);
        },
      ),
      0.2,
    );
    await expectTargetUnchanged();
  });

  it('answers a body over 256 kB with a 413 and one under it with a 400, however it is sent', async () => {
    const filler = fc.constantFrom('x', 'é', '€', '🇺🇦', '\u0000', '\uD800');
    /** A body whose one bounded field holds `text`, so that it is invalid at any size. */
    const bodyFor = (route: string, text: string): unknown => {
      if (route === '/api/auth/login') return { username: text, password: 'x' };
      if (route === '/api/cases') {
        const application = anApplication({ dufNumber: freshDuf() });
        return { ...application, applicant: { ...application.applicant, fullName: text } };
      }
      if (route === '/api/audit/replay') return { dufNumbers: [text] };
      return { reason: text, grounds: text, description: text, padding: text };
    };
    await run(
      fc.asyncProperty(
        bodyRoutes,
        fc.integer({ min: 200_000, max: 420_000 }),
        filler,
        fc.constantFrom('identity', 'chunked', 'gzip', 'deflate'),
        async ({ who, route }, size, fill, encoding) => {
          const unit = Buffer.byteLength(jsonText(fill)) - 2;
          const text = jsonText(bodyFor(route, fill.repeat(Math.ceil(size / unit))));
          const bytes = Buffer.from(text);
          const headers: Record<string, string> = {};
          let body: string | Uint8Array | ReadableStream<Uint8Array> = text;
          if (encoding === 'gzip' || encoding === 'deflate') {
            // A small body that inflates past the limit: the limit holds for what it inflates to.
            headers['content-encoding'] = encoding;
            body = encoding === 'gzip' ? gzipSync(bytes) : deflateSync(bytes);
          } else if (encoding === 'chunked') {
            body = new ReadableStream<Uint8Array>({
              start(controller) {
                for (let at = 0; at < bytes.length; at += 16_384)
                  controller.enqueue(bytes.subarray(at, at + 16_384));
                controller.close();
              },
            });
          }
          const answer = await request(who, 'POST', route, { body, headers });
          expectError(
            answer,
            bytes.length > BODY_LIMIT ? 413 : 400,
            `${route} ${bytes.length} bytes ${encoding}`,
          );
          tally.add(answer.status === 413 ? 'oversized' : 'undersized');
        },
      ),
      0.25,
    );
    await expectTargetUnchanged();
  });

  it('answers a broken application with a 400 and starts no case; a valid odd one is lodged', async () => {
    const placeholder = '202497999999';
    await run(
      fc.asyncProperty(
        brokenObject(anApplication({ dufNumber: placeholder })),
        writer,
        async (broken, who) => {
          const received = asReceived(broken) as Record<string, unknown> | null;
          const duf = freshDuf();
          let body = jsonText(broken);
          if (received && typeof received === 'object' && received.dufNumber === placeholder) {
            body = body.replace(placeholder, duf);
            received.dufNumber = duf;
          }
          const answer = await request(who, 'POST', '/api/cases', { body });
          if (ApplicationLodged.safeParse(received).success) {
            tally.add('valid');
            expectAnswered(answer, [201], `valid application ${body.slice(0, 300)}`);
            createdCases.add(duf);
            return;
          }
          expectError(answer, 400, `application ${body.slice(0, 300)}`);
          const named = received && typeof received === 'object' ? received.dufNumber : undefined;
          if (DufNumber.safeParse(named).success) {
            expect(
              (await request('admin', 'GET', `/api/cases/${String(named)}`, { count: false })).status,
            ).toBe(404);
          }
        },
      ),
      0.5,
    );
    expectNoPollution();
  });

  it('answers bad query strings with a 400: list filters, state as of, export format', async () => {
    const value = fc.oneof(
      oddText,
      fc.constantFrom(...BAD_DATES),
      fc.constantFrom('0', '-1', '1.5', '0x10', '1e3', ' 1', '１', '9'.repeat(20), '1', '2', '100', '101'),
      fc.constantFrom(
        'lodged',
        'closed',
        'individual',
        'Kyiv',
        'Lviv',
        'true',
        'false',
        'json',
        'pdf',
        'PDF',
        'decision-not-served',
        'document-to-forward',
      ),
      fc.constantFrom(new Date().toISOString(), '0000-01-01T00:00:00Z', '9999-12-31T23:59:59+23:59'),
    );
    const key = (known: string[]) => fc.oneof(fc.constantFrom(...known, ...PROTOTYPE_KEYS), oddText);
    const pairs = (known: string[]) => fc.array(fc.tuple(key(known), value), { minLength: 0, maxLength: 4 });
    const listKeys = [
      'status',
      'track',
      'homeOblast',
      'interviewPriority',
      'deadlineBefore',
      'workItem',
      'dublinRequestDueBefore',
      'pageSize',
      'pageToken',
    ];
    const routes = fc.oneof(
      pairs(listKeys).map((query) => ({ route: '/api/cases', query, schema: CaseListQuery as z.ZodType })),
      pairs(['asOf']).map((query) => ({
        route: `/api/cases/${TARGET}/state`,
        query,
        schema: AsOf as z.ZodType,
      })),
      pairs(['format', 'lang']).map((query) => ({
        route: `/api/cases/${TARGET}/export`,
        query,
        schema: ExportQuery as z.ZodType,
      })),
    );
    await run(
      fc.asyncProperty(routes, async ({ route, query, schema }) => {
        const search = new URLSearchParams(query as [string, string][]).toString();
        const parsed = querystring.parse(search);
        // Only tokens the API handed out are page tokens; the fuzzer never has one.
        const valid = schema.safeParse({ ...parsed }).success && !('pageToken' in parsed);
        const answer = await request('admin', 'GET', `${route}${search ? `?${search}` : ''}`);
        if (valid) {
          tally.add('valid');
          // A moment before the case was lodged is a 404: the case did not exist then.
          expectAnswered(answer, route.endsWith('/state') ? [200, 404] : [200], `${route}?${search}`);
          return;
        }
        expectError(answer, 400, `${route}?${search}`);
      }),
    );
    expectNoPollution();
  });

  it('answers a malformed DUF number with a 400 and an unknown one with a 404, on every case route', async () => {
    const segment = fc
      .oneof(
        oddText,
        fc.stringMatching(/^\d{1,11}$/),
        fc.stringMatching(/^\d{13,20}$/),
        fc.stringMatching(/^\d{12}$/),
        fc.constantFrom(
          '２０２４１００００００１',
          `${TARGET}\n`,
          ` ${TARGET}`,
          `${TARGET}.json`,
          '-1',
          '1e11',
        ),
      )
      .filter((text) => text !== '' && text !== '.' && text !== '..');
    const route = fc.constantFrom(
      (duf: string) => ['GET', `/api/cases/${duf}`],
      (duf: string) => ['GET', `/api/cases/${duf}/events`],
      (duf: string) => ['GET', `/api/cases/${duf}/state?asOf=1`],
      (duf: string) => ['GET', `/api/cases/${duf}/history`],
      (duf: string) => ['GET', `/api/cases/${duf}/export`],
      (duf: string) => ['POST', commandRoute(duf, 'recordDocument')],
    );
    await run(
      fc.asyncProperty(segment, route, async (text, routeOf) => {
        const [method, path] = routeOf(pathSegment(text)) as [string, string];
        const answer = await request('admin', method, path, {
          ...(method === 'POST' ? { body: jsonText(validPayload('recordDocument')) } : {}),
        });
        const decoded = decodedSegment(text);
        const known = [TARGET, ...SPARES, ...createdCases];
        if (decoded !== undefined && DufNumber.safeParse(decoded).success) {
          if (known.includes(decoded)) {
            tally.add('valid');
            return;
          }
          expectError(answer, 404, `${method} ${path}`);
          return;
        }
        expectError(answer, 400, `${method} ${path}`);
      }),
    );
    await expectTargetUnchanged();
  });

  it('refuses a bad Idempotency-Key with a 400 before anything reaches the case', async () => {
    // fetch sends only Latin-1 header values, without controls or DEL, trimmed of spaces and tabs.
    const latin1 = fc.string({
      unit: fc
        .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
        .map((code) => String.fromCharCode(code)),
      maxLength: 140,
    });
    const key = fc
      .oneof(latin1, fc.constantFrom('', 'a b', 'ключ', 'a/b', 'a'.repeat(101), '${jndi:ldap://x}', '%00'))
      .filter((text) => /^[\x20-\x7e\x80-\xff]*$/.test(text))
      .filter((text) => !IdempotencyKey.safeParse(text.replace(/^[\t ]+|[\t ]+$/g, '')).success);
    await run(
      fc.asyncProperty(key, writer, async (idempotencyKey, who) => {
        const answer = await request(who, 'POST', commandRoute(TARGET, 'updateContactInfo'), {
          body: jsonText(validPayload('updateContactInfo')),
          headers: { 'idempotency-key': idempotencyKey },
        });
        expectError(answer, 400, `Idempotency-Key ${JSON.stringify(idempotencyKey)}`);
        await expectTargetUnchanged();
      }),
    );
  });

  it('refuses a missing, malformed, tampered or wrong-role token with a 401 or 403', async () => {
    const routes: [string, string][] = [
      ['GET', '/api/cases'],
      ['GET', `/api/cases/${TARGET}`],
      ['GET', `/api/cases/${TARGET}/events`],
      ['GET', `/api/cases/${TARGET}/history`],
      ['GET', '/api/dashboard'],
      ['GET', '/api/me'],
      ['POST', commandRoute(TARGET, 'updateContactInfo')],
      ['POST', '/api/cases'],
      ['POST', '/api/audit/replay'],
    ];
    const tokens = async () => ({
      admin: await system.tokenOf('admin'),
      auditor: await system.tokenOf('auditor'),
    });
    const { admin, auditor } = await tokens();
    const authorization = fc.oneof(
      fc.constantFrom(
        '',
        'Bearer',
        'Bearer ',
        `bearer ${admin}`,
        `Basic ${Buffer.from('admin:a-long-test-password').toString('base64')}`,
        `Bearer ${admin}x`,
        `Bearer ${admin.slice(0, -4)}AAAA`,
        `Bearer ${admin} ${admin}`,
        `Bearer ${admin.split('.').slice(0, 2).join('.')}.`,
        `Bearer eyJhbGciOiJub25lIn0.${admin.split('.')[1]}.`,
        `Bearer ${'A'.repeat(8000)}`,
      ),
      fc
        .string({
          unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
          maxLength: 300,
        })
        .map((token) => `Bearer ${token}`),
    );
    await run(
      fc.asyncProperty(fc.constantFrom(...routes), authorization, async ([method, route], header) => {
        const answer = await request('nobody', method, route, {
          ...(method === 'POST' ? { body: jsonText(validPayload('updateContactInfo')) } : {}),
          headers: { authorization: header },
        });
        expectError(answer, 401, `${method} ${route} with ${JSON.stringify(header.slice(0, 60))}`);
      }),
    );
    const forbidden = await request('nobody', 'POST', commandRoute(TARGET, 'updateContactInfo'), {
      body: jsonText(validPayload('updateContactInfo')),
      headers: { authorization: `Bearer ${auditor}` },
    });
    expectError(forbidden, 403, 'an auditor sending a command');
    await expectTargetUnchanged();
  });

  it('answers a method a route does not have with a 405 and the methods it has', async () => {
    const paths = [
      '/api/auth/login',
      '/api/cases',
      `/api/cases/${TARGET}`,
      `/api/cases/${TARGET}/events`,
      `/api/cases/${TARGET}/history`,
      commandRoute(TARGET, 'decide'),
      '/api/audit/replay',
      '/api/dashboard',
    ];
    const raw = (method: string, path: string) =>
      new Promise<Answer>((resolve, reject) => {
        const sent = http.request(`${system.baseUrl}${path}`, { method }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => {
            tally.status(response.statusCode ?? 0);
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({
              status: response.statusCode ?? 0,
              headers: new Headers(response.headers as Record<string, string>),
              text,
              json,
            });
          });
        });
        sent.on('error', reject);
        sent.end();
      });
    await run(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom('PUT', 'DELETE', 'PATCH', 'TRACE', 'OPTIONS', 'GET', 'POST'),
        async (path, method) => {
          const answer = await raw(method, path);
          const allow = answer.headers.get('allow');
          if (method === 'OPTIONS') {
            expect(answer.status).toBe(204);
            expect(allow).toMatch(/^(GET|POST|HEAD)(, (GET|POST|HEAD))*$/);
            return;
          }
          if (answer.status === 405) {
            expectError(answer, 405, `${method} ${path}`);
            expect(allow).not.toContain(method);
            return;
          }
          // A method the route has: without a token or a body it is refused, never a 5xx.
          expect(allow).toBeNull();
          expectError(answer, (status) => status >= 400 && status < 500, `${method} ${path}`);
        },
      ),
      0.3,
    );
  });

  it('carries odd but valid text through Temporal and back: state, events, history and both exports answer', async () => {
    const freeText: Partial<Record<CommandName, (text: string) => Record<string, unknown>>> = {
      recordDocument: (text) => ({ ...validPayload('recordDocument'), description: text }),
      updateContactInfo: (text) => ({ residence: { kind: 'private', address: text } }),
      registerWithPolice: (text) => ({ ...validPayload('registerWithPolice'), policeDistrict: text }),
    };
    const oddValid = fc.oneof(
      fc.constantFrom(...ODD_TEXTS).map((text) => `${text} ok`),
      oddText.map((text) => `x${text}x`),
    );
    await run(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(freeText) as CommandName[])),
        oddValid,
        fc.nat({ max: SPARES.length - 1 }),
        async (name, text, spare) => {
          const body = (freeText[name] as (text: string) => Record<string, unknown>)(text);
          fc.pre(commandIsValid(name, body, 'caseworker'));
          tally.add('valid');
          const answer = await request('caseworker', 'POST', commandRoute(SPARES[spare] as string, name), {
            body: jsonText(body),
          });
          expectAnswered(answer, [200, 409], `${name} with ${JSON.stringify(text)}`);
        },
      ),
      0.3,
    );
    for (const duf of [...SPARES, ...[...createdCases].slice(0, 5)]) {
      for (const [who, route] of [
        ['caseworker', `/api/cases/${duf}`],
        ['caseworker', `/api/cases/${duf}/events`],
        ['caseworker', `/api/cases/${duf}/state?asOf=1`],
        ['auditor', `/api/cases/${duf}/history`],
        ['auditor', `/api/cases/${duf}/export?format=json`],
        ['auditor', `/api/cases/${duf}/export?format=pdf`],
      ] as const) {
        const answer = await request(who, 'GET', route);
        expectAnswered(answer, [200], route);
      }
    }
  });

  /**
   * Cases where rules version 2's own commands are allowed: refused to examine (a stay in Sweden), the decision not
   * yet served, an appeal waiting for a decision on suspensive effect. Each takes each command once.
   */
  const decided = new Map<string, Set<string>>();
  const MAX_DECIDED = 20;

  async function openDecidedCase(): Promise<string> {
    const duf = freshDuf();
    const opened = await request('caseworker', 'POST', '/api/cases', {
      body: jsonText(anApplication({ dufNumber: duf, staysInSafeCountries: ['SE'] })),
      count: false,
    });
    expect(opened.status).toBe(201);
    createdCases.add(duf);
    const refusal = validPayloads('decide').find((payload) => payload.returnCountry === 'SE');
    let answer: Answer | undefined;
    for (const [name, payload] of [
      ['registerWithPolice', validPayload('registerWithPolice')],
      ['assessCollectiveProtection', validPayload('assessCollectiveProtection')],
      ['decide', refusal],
      // Posted once the decision was made; sent before service, as the rules allow.
      ['lodgeAppeal', () => ({ lodgedAt: new Date().toISOString(), requestsSuspensiveEffect: true })],
    ] as const) {
      const body = typeof payload === 'function' ? payload() : payload;
      answer = await request('caseworker', 'POST', commandRoute(duf, name), {
        body: jsonText(body),
        count: false,
      });
      expectAnswered(answer, [200], `${name} on the way to a decided case`);
    }
    decided.set(duf, new Set((answer?.json as { allowedCommands: string[] }).allowedCommands));
    await settled(duf);
    return duf;
  }

  /** Waits until the case's record shows every side effect its events called for: then nothing moves the case. */
  async function settled(duf: string): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const events = await request('admin', 'GET', `/api/cases/${duf}/events`, { count: false });
      if (events.status === 200 && effectsPending(events.json as CaseEvent[]) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`case ${duf}: its side effects are still pending after 30 s`);
  }

  /** A decided case that still allows the command, opened when none does (up to a bound; then any, for a 409). */
  async function decidedCaseFor(name: CommandName): Promise<string> {
    for (const [duf, allowed] of decided) if (allowed.has(name)) return duf;
    if (decided.size < MAX_DECIDED) return openDecidedCase();
    return [...decided.keys()][0] as string;
  }

  it("takes rules version 2's commands where a case allows them, and answers a broken one with a 400", async () => {
    // Dated at the placeholder, then at the moment of sending: a service follows the decision it serves.
    const placeholderNow = new Date('2000-01-01T00:01:00.000Z');
    const placeholder = new Date(placeholderNow.getTime() - 60_000).toISOString();
    const newCommand = fc.constantFrom<CommandName>('recordDecisionServed', 'decideSuspensiveEffect');
    await run(
      fc.asyncProperty(
        newCommand.chain((name) => {
          const valid = fc.constantFrom(...validPayloads(name, placeholderNow));
          return fc.tuple(fc.constant(name), fc.oneof(valid, valid.chain(brokenObject)));
        }),
        writer,
        async ([name, broken], who) => {
          const text = jsonText(broken).split(placeholder).join(new Date().toISOString());
          const duf = await decidedCaseFor(name);
          if (receivedIsValid(name, JSON.parse(text), who)) {
            tally.add('valid');
            const answer = await request(who, 'POST', commandRoute(duf, name), { body: text });
            expectAnswered(answer, [200, 400, 409], `${name} ${text.slice(0, 200)}`);
            if (answer.status === 200) {
              tally.add('carriedOut');
              decided.set(duf, new Set((answer.json as { allowedCommands: string[] }).allowedCommands));
              await settled(duf);
            }
            return;
          }
          const before = await snapshot(duf);
          const answer = await request(who, 'POST', commandRoute(duf, name), { body: text });
          expectError(answer, 400, `${name} ${text.slice(0, 200)}`);
          expect(await snapshot(duf)).toEqual(before);
        },
      ),
      0.5,
    );
    expectNoPollution();
  });

  it('fills a case to its document limit under concurrent requests, then refuses more with a 409: the case lives on', async () => {
    const document = jsonText({ kind: 'copy', receivedBy: 'udi', description: 'd'.repeat(1000) });
    const send = () =>
      request('caseworker', 'POST', commandRoute(FULL, 'recordDocument'), { body: document });
    // Ten at a time, as many as Temporal lets wait on one workflow; each answer carries the whole, growing state.
    for (let sent = 0; sent < CASE_LIMITS.documents; sent += 10) {
      for (const answer of await Promise.all(Array.from({ length: 10 }, send)))
        expectAnswered(answer, [200], 'a document');
    }
    for (const answer of await Promise.all(Array.from({ length: 10 }, send))) {
      expectError(answer, 409, 'a document past the limit');
      expect(answer.json).toMatchObject({
        message: expect.stringContaining('documents, the most one case keeps'),
      });
    }
    const state = await request('caseworker', 'GET', `/api/cases/${FULL}`, { count: false });
    expect(state.json).toMatchObject({ closed: false, documents: expect.any(Array) });
    expect((state.json as { documents: unknown[] }).documents).toHaveLength(CASE_LIMITS.documents);
    const description = await system.server.client.workflow.getHandle(caseWorkflowId(FULL)).describe();
    expect(description.status.name).toBe('RUNNING');
  });

  it('leaves the target case as it was, no workflow task failed, and nothing on Object.prototype', async () => {
    expect(await snapshot(TARGET)).toEqual(targetBefore);
    expectNoPollution();
    const client = system.server.client;
    const ids = new Set([TARGET, ...SPARES, FULL, ...createdCases].map(caseWorkflowId));
    for await (const execution of client.workflow.list({
      query: `WorkflowType = '${PROTECTION_CASE_WORKFLOW}'`,
    })) {
      // No case started but those the suite lodged on purpose.
      expect(ids.has(execution.workflowId)).toBe(true);
    }
    const failed: string[] = [];
    for (const id of ids) {
      const history = await client.workflow.getHandle(id).fetchHistory();
      const kinds = (history.events ?? []).map((event) => event.eventType);
      if (kinds.includes(temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)) failed.push(id);
    }
    expect(failed).toEqual([]);
    tally.add('cases', ids.size);
  });
});
