import fc from 'fast-check';
import type { CaseEvent, CaseEventType } from '../case-events';
import type { CaseState } from '../case-state';
import type { CommandName } from '../commands';
import { effectsOf } from '../effects-of';
import { evolve } from '../evolve';

/**
 * Bad input for the fuzz suites (`npm run test:fuzz`): odd text, values of the wrong type, dates and numbers out of
 * range, keys that reach for the prototype, and valid payloads with one thing broken.
 */

/** A JSON number as text, for what a JavaScript value cannot carry (`1e400`, `-0.0`). */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * JSON text of a value. Unlike `JSON.stringify`, it keeps `RawJson` as written and an own `__proto__` key as a key,
 * which is how a hostile client sends them.
 */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, field]) => `${JSON.stringify(key)}:${jsonText(field)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The value as a server that runs `JSON.parse` on `jsonText(value)` sees it. */
export const asReceived = (value: unknown): unknown => JSON.parse(jsonText(value));

/** Sets a key as an own property, even `__proto__`, as `JSON.parse` does. */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const copy = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.entries(value).reduce<Record<string, unknown>>(
    (result, [key, field]) =>
      withKey(
        result,
        key,
        field !== null && typeof field === 'object' && !Array.isArray(field)
          ? copy(field as Record<string, unknown>)
          : field,
      ),
    {},
  );

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** What a prototype-pollution attempt would leave on `Object.prototype`. */
export const POLLUTION_MARK = 'saksflytPolluted';

/** Text a form would never send: lone surrogates, bidi overrides, NUL, emoji sequences, combining marks, BOMs. */
export const ODD_TEXTS = [
  '\uD800',
  '\uDFFF',
  'half an emoji \uD83D',
  '\uDE00 backwards',
  '\u202Eevil\u202C',
  '\u200F\u200E\u061C',
  '\u0000',
  'nul\u0000inside',
  '\u0007\u0008\u001B[31m',
  '👩‍👩‍👧‍👦🇺🇦🏳️‍🌈',
  'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307',
  'Z̸̢̛̭̈́ͅa̷̡̛͎l̸̨̛͓g̵̢̛͎o̵̧̕',
  '\uFEFF',
  '\u2028\u2029',
  '\u00A0\u3000',
  '𝕳𝖊𝖑𝖑𝖔',
  'Ｆｕｌｌｗｉｄｔｈ',
  '\uFFFD\uFFFF\uFFFE',
  '\u0085',
  '../../etc/passwd',
  "'; DROP TABLE cases; --",
  "' OR 1=1 --",
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '%00%2e%2e%2f',
  '\r\nX-Injected: 1',
  '__proto__',
  'constructor',
  'toString',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Odd text: the fixed list, random code points (surrogates and controls among them), and mixtures. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_TEXTS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom(...ODD_TEXTS)), minLength: 1, maxLength: 8 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
);

/** Date-times and dates no schema should take: year 0 and 275760+, impossible days, no zone, words, numbers. */
export const BAD_DATES = [
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:01Z',
  '275761-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2024-13-01T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '2023-02-29T00:00:00Z',
  '2024-01-01T24:00:01Z',
  '2024-01-01T23:59:60Z',
  '2024-01-01T10:00:00',
  '2024-01-01T10:00:00+24:00',
  '2024-01-01 10:00:00Z',
  '２０２４-01-01T00:00:00Z',
  ' 2024-01-01T00:00:00Z',
  '2024-01-01T00:00:00Z\u0000',
  'NaN',
  'Infinity',
  '-1',
  '1e400',
  'now',
  'yesterday',
  '',
];

/** Numbers at and past every edge, some only expressible as JSON text. */
export const BAD_NUMBERS: unknown[] = [
  -1,
  0.5,
  -0,
  91,
  1e308,
  -1e308,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('1e-400'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('-0.0'),
];

/** A value of any type a field should not have. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, '', [], {}, 'true', '1', '[object Object]'),
  fc.constantFrom(...BAD_DATES),
  fc.constantFrom(...BAD_NUMBERS),
  oddText,
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer({ min: 1, max: 5 }).map((depth) => {
    let nested: unknown = 'deep';
    for (let level = 0; level < depth * 20; level++) nested = [nested];
    return nested;
  }),
);

/** An object whose keys reach for `Object.prototype`, as `JSON.parse` would build it. */
export const pollution: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(
  withKey({}, '__proto__', { [POLLUTION_MARK]: 'via __proto__' }),
  { constructor: { prototype: { [POLLUTION_MARK]: 'via constructor.prototype' } } },
  { prototype: { [POLLUTION_MARK]: 'via prototype' } },
  withKey({}, '__proto__', withKey({}, '__proto__', { [POLLUTION_MARK]: 'two levels down' })),
);

const extraKey = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS, 'actor', 'seq', 'status', 'dufNumber', ''),
  oddText,
);

type Path = string[];

function objectPaths(value: Record<string, unknown>, prefix: Path = []): Path[] {
  return [
    prefix,
    ...Object.entries(value).flatMap(([key, field]) =>
      field !== null && typeof field === 'object' && !Array.isArray(field)
        ? objectPaths(field as Record<string, unknown>, [...prefix, key])
        : [],
    ),
  ];
}

function fieldPaths(value: Record<string, unknown>, prefix: Path = []): Path[] {
  return Object.entries(value).flatMap(([key, field]) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? [[...prefix, key], ...fieldPaths(field as Record<string, unknown>, [...prefix, key])]
      : [[...prefix, key]],
  );
}

function edit(
  base: Record<string, unknown>,
  path: Path,
  change: (parent: Record<string, unknown>, key: string) => void,
): Record<string, unknown> {
  const result = copy(base);
  let parent = result;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  change(parent, path.at(-1) as string);
  return result;
}

/**
 * A valid object with one thing broken: a field dropped, a field of the wrong type or out of range, an extra key
 * (a prototype key among them), prototype pollution nested anywhere, or no object at all. Some results are still
 * valid (an optional field dropped, odd text where any text goes): the suites classify each with the zod schema.
 */
export function brokenObject(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = fieldPaths(base);
  const objects = objectPaths(base);
  const arbitraries: fc.Arbitrary<unknown>[] = [
    fc
      .tuple(fc.constantFrom(...objects), extraKey, badValue)
      .map(([path, key, value]) =>
        path.length === 0
          ? withKey(copy(base), key, value)
          : edit(base, path, (parent, last) => withKey(parent[last] as Record<string, unknown>, key, value)),
      ),
    fc.tuple(fc.constantFrom(...objects), pollution).map(([path, polluting]) =>
      Object.entries(polluting).reduce<Record<string, unknown>>((result, [key, value]) => {
        if (path.length === 0) return withKey(result, key, value);
        return edit(result, path, (parent, last) =>
          withKey(parent[last] as Record<string, unknown>, key, value),
        );
      }, copy(base)),
    ),
    badValue,
  ];
  if (fields.length > 0) {
    arbitraries.push(
      fc.constantFrom(...fields).map((path) => edit(base, path, (parent, key) => delete parent[key])),
      fc
        .tuple(fc.constantFrom(...fields), badValue)
        .map(([path, value]) => edit(base, path, (parent, key) => withKey(parent, key, value))),
    );
  }
  return fc.oneof(...arbitraries);
}

/** A valid payload (without `actor`) of each command, with its fact dated a little before `now`. */
export function validPayload(name: CommandName, now = new Date()): Record<string, unknown> {
  return validPayloads(name, now)[0] as Record<string, unknown>;
}

/**
 * Valid payloads (without `actor`) of each command, facts dated a little before `now`: the first is the plain one;
 * the others carry the optional fields (rules version 2's among them: UDI's call before an interview, a refusal to
 * examine with the country to return to, a late appeal excused, a Eurodac hit's time, a passport handed in), so that
 * a fuzzer that breaks one field of a valid payload breaks those too. Each is valid by the schema; whether the case
 * takes it is for its rules.
 */
export function validPayloads(name: CommandName, now = new Date()): Record<string, unknown>[] {
  const earlier = new Date(now.getTime() - 60_000).toISOString();
  const later = new Date(now.getTime() + 7 * 24 * 3600_000).toISOString();
  const payloads: Record<CommandName, Record<string, unknown>[]> = {
    registerWithPolice: [
      {
        registeredAt: earlier,
        policeDistrict: 'Øst',
        passport: { kind: 'international', number: 'FA123456', expiresOn: '2031-01-01', surrendered: true },
        eurodacHit: null,
      },
      {
        registeredAt: earlier,
        policeDistrict: 'Vest',
        passport: { kind: 'none', surrendered: false },
        eurodacHit: { country: 'PL' },
      },
    ],
    assessCollectiveProtection: [{ eligible: false, reason: 'home oblast on the exclusion list' }],
    registerDublinCase: [
      { responsibleState: 'SE', procedure: 'take-back', eurodacHit: true },
      {
        responsibleState: 'PL',
        procedure: 'take-charge',
        eurodacHit: true,
        eurodacHitAt: earlier,
        familyInResponsibleState: true,
        previouslyProcessedThere: false,
      },
    ],
    recordDublinReply: [{ accepted: true, repliedAt: earlier }],
    extendDublinTransferDeadline: [{ reason: 'absconding' }],
    recordDublinTransfer: [{ transferredAt: earlier }],
    inviteToInterview: [
      { scheduledAt: later, location: 'oslo', interpreterLanguage: 'uk' },
      {
        scheduledAt: later,
        location: 'trondheim',
        interpreterLanguage: 'ru',
        phoneCall: { calledAt: earlier, reached: true, hotelNight: true },
      },
    ],
    recordInterview: [{ outcome: 'held', heldAt: earlier }],
    decide: [
      { outcome: 'rejected', grounds: 'no risk on return', departureDeadlineDays: 21 },
      {
        outcome: 'rejected',
        grounds: 'internal protection in Lviv',
        internalProtectionOblast: 'Lviv',
        departureDeadlineDays: 14,
      },
      {
        outcome: 'not-examined-safe-third-country',
        grounds: 'stayed safely in Sweden on the way',
        returnCountry: 'SE',
        departureDeadlineDays: 7,
      },
    ],
    lodgeAppeal: [
      { lodgedAt: earlier, requestsSuspensiveEffect: true },
      { lodgedAt: earlier, requestsSuspensiveEffect: false, lateAppealExcused: { grounds: 'in hospital' } },
    ],
    reconsiderAppeal: [{ reversed: false, grounds: 'nothing new' }],
    recordUneDecision: [{ outcome: 'rejected', decidedAt: earlier, departureDeadlineDays: 21 }],
    withdraw: [{ receivedAt: earlier, exemption: 'other-permit' }, { receivedAt: earlier }],
    reportLeftNorway: [{ detectedAt: earlier }],
    reportDeparture: [{ departedAt: earlier, destination: 'PL' }],
    applyForWorkPermit: [{ appliedAt: earlier }],
    updateContactInfo: [
      {
        residence: { kind: 'private', address: 'Storgata 1, Oslo' },
        contact: { phone: '+4791234567', email: 'olena@example.no' },
      },
    ],
    recordDocument: [
      { kind: 'copy', receivedBy: 'udi', description: 'birth certificate', isPassport: false },
      {
        kind: 'original',
        receivedBy: 'police',
        description: 'international passport',
        passport: { kind: 'international', number: 'FA654321', expiresOn: '2033-01-31' },
      },
      { kind: 'original', receivedBy: 'udi', description: 'marriage certificate' },
    ],
    recordDecisionServed: [
      { servedAt: earlier, via: 'lawyer' },
      { servedAt: earlier, via: 'electronic' },
    ],
    decideSuspensiveEffect: [
      { granted: true, grounds: 'the applicant may stay while UNE considers the appeal' },
      { granted: false, grounds: 'the appeal is clearly unfounded' },
    ],
    assignCase: [{ assignee: 'kari.nordmann' }, { assignee: null, team: 'dublin-unit' }],
    addNote: [{ text: 'The applicant called: new phone number to come by post.' }],
  };
  return payloads[name];
}

/** The events that record a side effect carried out (rules version 2), or given up on. */
const EFFECT_RECORDS: ReadonlySet<CaseEventType> = new Set<CaseEventType>([
  'NoticeDelivered',
  'LawyerAssigned',
  'DublinRequestSent',
  'CaseHandedToUne',
  'PoliceNotified',
  'ForwardedToUne',
  'OriginalForwardedToPolice',
  'EffectFailed',
]);

/**
 * How many of the side effects a case's events called for its record does not show done (or failed) yet. The record
 * of each delivery arrives after the command that called for it, so a suite that compares a case before and after a
 * refused command first waits for none to be pending.
 */
export function effectsPending(events: readonly CaseEvent[]): number {
  let state: CaseState | null = null;
  let pending = 0;
  for (const event of events) {
    state = evolve(state, event);
    pending += effectsOf(event, state).length - (EFFECT_RECORDS.has(event.type) ? 1 : 0);
  }
  return pending;
}
