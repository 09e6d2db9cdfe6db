/**
 * Every refusal the system gives, by a code (issue 15): a field's issue, a rule's refusal, a command not allowed now.
 * The API keeps its `message` in English for readers of the JSON and the logs, and adds the `code` and its `params`;
 * the admin UI says the same in the reader's language from the code (its dictionary is typed from this one, so a code
 * without a Norwegian text does not compile).
 */

/** A value a refusal names: a time, a command, a status, a count, a list of codes. */
export type RefusalParam = string | number | readonly string[];
export type RefusalParams = Readonly<Record<string, RefusalParam>>;

const list = (values: readonly string[]) => values.join(', ');

export const REFUSALS = {
  // The shape of a field (the schemas).
  dufNumber: () => 'a DUF number is exactly 12 digits',
  countryAlpha2: () => 'an ISO 3166-1 alpha-2 country code, e.g. "SE"',
  countryAlpha3: () => 'an ISO 3166-1 alpha-3 country code, e.g. "UKR"',
  email: () => 'an e-mail address, e.g. "ola@example.no"',
  phoneNumber: () => 'a phone number, e.g. "+47 912 34 567" or "+4791234567" (stored in E.164)',
  teamId: () => 'a team is 2–40 lower-case letters, digits or dashes, e.g. "dublin-unit"',
  username: () => 'a username is 2–64 lower-case letters, digits, dots, dashes or underscores',
  password: () => 'a password has at least 12 characters',
  blank: () => 'must not be blank',
  tooFewLetters: ({ minimum }: { minimum: number }) =>
    `must have at least ${minimum} characters besides spaces`,
  noPassportSurrendered: () => 'no passport cannot be surrendered',
  eurodacTimeWithoutHit: () => 'a Eurodac hit time goes with eurodacHit: true',
  contactUpdateEmpty: () => 'give a new residence, new contact details, or both',
  duplicateOblast: () => 'the oblast is on the list already: name each oblast once',
  // Publishing a policy version (issue 16): a version in force is never changed, so it starts today or later.
  validFromInPast: ({ today }: { today: string }) =>
    `a policy version applies from today (${today}) or later; a version in force is never changed`,
  policyValidFromTaken: ({ validFrom, version }: { validFrom: string; version: string }) =>
    `version ${version} already applies from ${validFrom}: a correction is a new version from another date`,
  policyVersionTaken: ({ version }: { version: string }) => `a version named ${version} exists already`,

  // What zod says of any field; the API's message keeps zod's own words.
  required: () => 'required',
  wrongType: ({ expected }: { expected: string }) => `expected ${expected}`,
  tooShort: ({ minimum }: { minimum: number }) => `at least ${minimum} characters`,
  tooLong: ({ maximum }: { maximum: number }) => `at most ${maximum} characters`,
  tooFew: ({ minimum }: { minimum: number }) => `at least ${minimum} items`,
  tooMany: ({ maximum }: { maximum: number }) => `at most ${maximum} items`,
  tooSmall: ({ minimum }: { minimum: number }) => `at least ${minimum}`,
  tooBig: ({ maximum }: { maximum: number }) => `at most ${maximum}`,
  notOneOf: ({ values }: { values: readonly string[] }) => `one of ${list(values)}`,
  badFormat: ({ format }: { format: string }) => `not a valid ${format}`,
  unknownKeys: ({ keys }: { keys: readonly string[] }) => `unknown field(s) ${list(keys)}`,
  invalidValue: () => 'not a valid value',

  // A rule about a field of the command (ValidationError).
  factInTheFuture: ({ field, now }: { field: string; now: string }) =>
    `${field} lies in the future (the case's time is ${now})`,
  interviewInThePast: () => 'an interview is scheduled for a time still to come',
  phoneCallFirst: () =>
    'at a private address UDI calls the applicant first (when, reached or not, a hotel night arranged)',
  receptionTellsResident: () =>
    "the reception centre's staff tell a resident of the invitation, not UDI's call",
  callInTheFuture: () => 'the call lies in the future',
  hotelNightNeedsReach: () => 'a hotel night is arranged in the call, with an applicant reached',
  interviewHeldAtOtherTime: ({ scheduledAt }: { scheduledAt: string }) =>
    `the interview was scheduled for ${scheduledAt}; one held at another time is rescheduled first (inviteToInterview)`,
  appealBeforeDecision: ({ decidedAt }: { decidedAt: string }) =>
    `an appeal is posted after the decision it appeals (${decidedAt})`,
  servedBeforeDecision: ({ decidedAt }: { decidedAt: string }) =>
    `a decision is served after it is made (${decidedAt})`,
  eurodacHitInTheFuture: () => 'the Eurodac hit lies in the future',
  eurodacHitTimeNeeded: () =>
    'the police registration recorded no Eurodac hit: say when the hit came (it starts a 2-month request period)',
  originalsToPolice: () => 'originals are handed in to the police; UDI receives copies only',
  passportIsOriginal: () => 'a passport is an original handed in to the police',
  refusalToExamineUnderCurrentRules: () => 'a refusal to examine is decided on cases under the current rules',
  returnCountryNeeded: () => 'a refusal to examine names the safe country the applicant is to return to',
  returnCountryOnlyWhenNotExamined: () => 'a return country goes only with not-examined-safe-third-country',
  returnCountryNotStayedIn: ({
    stayedIn,
    returnCountry,
  }: {
    stayedIn: readonly string[];
    returnCountry: string;
  }) =>
    `the applicant stayed in ${list(stayedIn) || 'no safe country'} before Norway, not ${returnCountry} ` +
    '(utl. § 32 first paragraph (a)/(d))',
  internalProtectionNotForGrant: () => 'internal protection is a ground for rejection, not for a grant',
  oblastNotSafe: ({
    oblast,
    policyVersion,
    safe,
  }: {
    oblast: string;
    policyVersion: string;
    safe: readonly string[];
  }) => `${oblast} is not a safe area under policy ${policyVersion} (safe: ${list(safe)})`,

  // Who may hold a case (libs/accounts, asked by the API and the CLI).
  noSuchUser: ({ username }: { username: string }) => `no user ${username}`,
  accountDisabled: ({ username }: { username: string }) => `${username}'s account is disabled`,
  roleHoldsNoCases: ({ username, role }: { username: string; role: string }) =>
    `${username} is an ${role}: only caseworkers and admins hold cases`,
  noSuchTeam: ({ team, teams }: { team: string; teams: readonly string[] }) =>
    `no team ${team}; the teams are ${list(teams)}`,

  // A command the case does not take now (InvalidTransition).
  notAllowedNow: ({ command, status }: { command: string; status: string }) =>
    `${command} is not allowed while the case is ${status}`,
  unknownCommand: ({ command }: { command: string }) => `unknown command ${command}`,
  documentLimit: ({ count }: { count: number }) =>
    `the case holds ${count} documents, the most one case keeps`,
  eventLimit: ({ count, command }: { count: number; command: string }) =>
    `the case's record holds ${count} events, the most one case keeps for ${command}`,
  caseClosed: () => 'the case is closed',
  noAppealableDecision: () => 'there is no appealable decision',
  noDecisionToServe: () => 'no appealable decision waits to be served',
  heldBySomeoneElse: ({ holder }: { holder: string }) =>
    `the case is held by ${holder}: only they or an admin can hand it on`,
  appealDeadlineRunning: ({ dueAt }: { dueAt: string }) => `the appeal deadline runs until ${dueAt}`,
  lateAppealPastYear: ({ limit }: { limit: string }) =>
    `a late appeal is never considered more than a year after the decision (fvl. § 31; the limit was ${limit})`,
  lateAppealNeedsExcuse: ({ ranOut, lodgedAt }: { ranOut: string; lodgedAt: string }) =>
    `the appeal deadline ran out at ${ranOut} and the appeal was posted at ${lodgedAt}: ` +
    'UDI may still consider it (fvl. § 31: lateAppealExcused with the grounds)',
  transferPeriodNotRunning: () => 'the transfer period is not running',
  transferDeadlineAlreadyLater: ({ dueAt, reason }: { dueAt: string; reason: string }) =>
    `the transfer deadline already runs until ${dueAt}, later than ${reason} allows`,
  unaccompaniedMinorStays: () =>
    'an unaccompanied minor is referred to another Dublin country only with family there or a case already processed there',
  dublinRequestPeriodEnded: ({ dueAt }: { dueAt: string }) =>
    `the Dublin request period ended at ${dueAt}: Norway is responsible (Dublin III Art. 21(1), 23(2))`,
  meritsAfterInterview: () =>
    'a decision on the merits follows the interview, or a no-show; only a refusal to examine comes before it',
} as const;

export type RefusalCode = keyof typeof REFUSALS;
/** The params a code's text takes: `{}` for a code that takes none. */
export type ParamsOf<Code extends RefusalCode> =
  Parameters<(typeof REFUSALS)[Code]> extends [infer Params] ? Params : Record<string, never>;

/** The English text of a refusal, as the API's `message` says it. */
export function refusalText<Code extends RefusalCode>(code: Code, ...params: RefusalArgs<Code>): string {
  return (REFUSALS[code] as (params?: unknown) => string)(params[0]);
}
export type RefusalArgs<Code extends RefusalCode> =
  Parameters<(typeof REFUSALS)[Code]> extends [infer Params] ? [params: Params] : [];

export const isRefusalCode = (value: unknown): value is RefusalCode =>
  typeof value === 'string' && Object.hasOwn(REFUSALS, value);

/**
 * The codes by their texts, for those that take no values: the texts the schemas give as zod messages come back as
 * their codes. Read from the catalogue itself, so a schema's new text has its code the moment it is catalogued.
 */
const CODES_BY_TEXT = new Map<string, RefusalCode>(
  (Object.keys(REFUSALS) as RefusalCode[])
    .filter((code) => REFUSALS[code].length === 0)
    .map((code) => [(REFUSALS[code] as () => string)(), code]),
);

/** What a zod issue carries that its code reads (zod 4's issue shapes, loosely). */
export interface ZodIssueLike {
  code?: string;
  message: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  values?: readonly unknown[];
  format?: unknown;
  keys?: readonly string[];
}

const MIN_CHARACTERS = /^must have at least (\d+) characters besides spaces$/;

/** The code and params of a zod issue, read from its kind, or from the text the schema gave it. */
export function codeOfZodIssue(issue: ZodIssueLike): { code: RefusalCode; params?: RefusalParams } {
  const fromSchema = CODES_BY_TEXT.get(issue.message);
  if (fromSchema) return { code: fromSchema };
  const letters = MIN_CHARACTERS.exec(issue.message);
  if (letters) return { code: 'tooFewLetters', params: { minimum: Number(letters[1]) } };
  const bound = (value: unknown) => (typeof value === 'bigint' ? Number(value) : Number(value ?? 0));
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 says "received undefined" of a field left out.
      return /received undefined$/.test(issue.message)
        ? { code: 'required' }
        : { code: 'wrongType', params: { expected: String(issue.expected ?? 'value') } };
    case 'too_small':
      if (issue.origin === 'string') return { code: 'tooShort', params: { minimum: bound(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'tooFew', params: { minimum: bound(issue.minimum) } };
      return { code: 'tooSmall', params: { minimum: bound(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'tooLong', params: { maximum: bound(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'tooMany', params: { maximum: bound(issue.maximum) } };
      return { code: 'tooBig', params: { maximum: bound(issue.maximum) } };
    case 'invalid_value':
      return { code: 'notOneOf', params: { values: (issue.values ?? []).map(String) } };
    case 'invalid_format':
      return { code: 'badFormat', params: { format: String(issue.format ?? 'value') } };
    case 'unrecognized_keys':
      return { code: 'unknownKeys', params: { keys: issue.keys ?? [] } };
    default:
      return { code: 'invalidValue' };
  }
}
