import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api';
import { REFUSALS, refusalText, type ParamsOf, type RefusalCode } from './domain';
import { MESSAGES } from './i18n';
import { apiErrorText, ERROR_TEXTS, refusalSentence } from './refusal-texts';

// Issue 15, point 1: every refusal in the reader's language, keyed by its code; never the API's English, never empty.

const AT = '2026-12-21T23:00:00.000Z';
/** Values for every code's params: a code added to the catalogue needs one here (it is typed from it). */
const SAMPLE: { [Code in RefusalCode]: ParamsOf<Code> } = {
  dufNumber: {},
  countryAlpha2: {},
  countryAlpha3: {},
  email: {},
  phoneNumber: {},
  teamId: {},
  username: {},
  password: {},
  blank: {},
  tooFewLetters: { minimum: 2 },
  noPassportSurrendered: {},
  eurodacTimeWithoutHit: {},
  contactUpdateEmpty: {},
  duplicateOblast: {},
  validFromInPast: { today: '2026-12-01' },
  policyValidFromTaken: { validFrom: '2026-12-01', version: 'NO-UKR-2026-12' },
  policyVersionTaken: { version: 'NO-UKR-2026-12' },
  required: {},
  wrongType: { expected: 'string' },
  tooShort: { minimum: 3 },
  tooLong: { maximum: 200 },
  tooFew: { minimum: 1 },
  tooMany: { maximum: 10 },
  tooSmall: { minimum: 0 },
  tooBig: { maximum: 90 },
  notOneOf: { values: ['held', 'no-show'] },
  badFormat: { format: 'datetime' },
  unknownKeys: { keys: ['extra'] },
  invalidValue: {},
  factInTheFuture: { field: 'registeredAt', now: AT },
  interviewInThePast: {},
  phoneCallFirst: {},
  receptionTellsResident: {},
  callInTheFuture: {},
  hotelNightNeedsReach: {},
  interviewHeldAtOtherTime: { scheduledAt: AT },
  appealBeforeDecision: { decidedAt: AT },
  servedBeforeDecision: { decidedAt: AT },
  eurodacHitInTheFuture: {},
  eurodacHitTimeNeeded: {},
  originalsToPolice: {},
  passportIsOriginal: {},
  refusalToExamineUnderCurrentRules: {},
  returnCountryNeeded: {},
  returnCountryOnlyWhenNotExamined: {},
  returnCountryNotStayedIn: { stayedIn: ['PL', 'SE'], returnCountry: 'DE' },
  internalProtectionNotForGrant: {},
  oblastNotSafe: { oblast: 'Kharkiv', policyVersion: 'NO-UKR-2025-01-13', safe: ['Lviv', 'Volyn'] },
  noSuchUser: { username: 'nobody' },
  accountDisabled: { username: 'ola' },
  roleHoldsNoCases: { username: 'revisor', role: 'auditor' },
  noSuchTeam: { team: 'x', teams: ['registration', 'appeals'] },
  notAllowedNow: { command: 'reconsiderAppeal', status: 'at-une' },
  unknownCommand: { command: 'fly' },
  documentLimit: { count: 500 },
  eventLimit: { count: 5000, command: 'addNote' },
  caseClosed: {},
  noAppealableDecision: {},
  noDecisionToServe: {},
  heldBySomeoneElse: { holder: 'kari' },
  appealDeadlineRunning: { dueAt: AT },
  lateAppealPastYear: { limit: AT },
  lateAppealNeedsExcuse: { ranOut: AT, lodgedAt: AT },
  transferPeriodNotRunning: {},
  transferDeadlineAlreadyLater: { dueAt: AT, reason: 'absconded' },
  unaccompaniedMinorStays: {},
  dublinRequestPeriodEnded: { dueAt: AT },
  meritsAfterInterview: {},
};

const CODES = Object.keys(REFUSALS) as RefusalCode[];
const english = (code: RefusalCode) =>
  (refusalText as (code: RefusalCode, params?: unknown) => string)(code, SAMPLE[code]);

describe('refusals in the reader language', () => {
  it.each(CODES)(
    'says %s in Norwegian and English, neither as the API says it, times in Oslo time',
    (code) => {
      const nb = refusalSentence(MESSAGES.nb, code, SAMPLE[code]);
      const en = refusalSentence(MESSAGES.en, code, SAMPLE[code]);
      for (const text of [nb, en]) {
        expect(text.trim()).not.toBe('');
        expect(text).not.toContain('undefined');
        expect(text).not.toContain(AT);
      }
      expect(nb).not.toBe(english(code));
      expect(nb).not.toBe(en);
      if (Object.values(SAMPLE[code]).includes(AT)) expect(nb).toContain('22. des. 2026');
    },
  );

  it('has a text for every code in both languages and no code the catalogue lacks', () => {
    for (const lang of ['nb', 'en'] as const)
      expect(Object.keys(ERROR_TEXTS[lang].refusal).sort()).toEqual([...CODES].sort());
  });

  it('names a command not allowed now and the status in words, not ids', () => {
    const error = new ApiError(409, {
      error: 'InvalidTransition',
      message: 'reconsiderAppeal is not allowed while the case is at-une',
      code: 'notAllowedNow',
      params: { command: 'reconsiderAppeal', status: 'at-une' },
      allowedCommands: [],
    });
    const text = apiErrorText(MESSAGES.nb, error);
    expect(text).toMatch(/^«.+» kan ikke brukes når saken har status «.+»\.$/);
    expect(text).not.toMatch(/reconsiderAppeal|at-une/);
  });

  it('says a policy version refused for a date or name taken by its code, not the English message', () => {
    const taken = new ApiError(409, {
      error: 'Conflict',
      message: 'version NO-UKR-A already applies from 2030-01-01',
      code: 'policyValidFromTaken',
      params: { validFrom: '2030-01-01', version: 'NO-UKR-A' },
    });
    expect(apiErrorText(MESSAGES.nb, taken)).toBe(
      'Versjon NO-UKR-A gjelder allerede fra 1. jan. 2030: en rettelse er en ny versjon fra en annen dato.',
    );
    expect(apiErrorText(MESSAGES.en, taken)).toBe(
      'Version NO-UKR-A already applies from 1 Jan 2030: a correction is a new version from another date.',
    );
    const named = new ApiError(409, {
      error: 'Conflict',
      message: 'a version named NO-UKR-A exists',
      code: 'policyVersionTaken',
      params: { version: 'NO-UKR-A' },
    });
    expect(apiErrorText(MESSAGES.nb, named)).toBe('Det finnes allerede en versjon som heter NO-UKR-A.');
    // A 409 without a code the catalogue knows still reads as one sentence, by its status.
    expect(apiErrorText(MESSAGES.en, new ApiError(409, { error: 'Conflict', message: 'x' }))).toBe(
      'The service answered with an error (HTTP 409).',
    );
  });

  it('lists the field issues of a 400 by their labels, and never gives an empty text', () => {
    const invalid = new ApiError(400, {
      error: 'ValidationError',
      message: 'ApplicationLodged: dufNumber: a DUF number is exactly 12 digits',
      issues: [{ path: ['dufNumber'], message: 'a DUF number is exactly 12 digits', code: 'dufNumber' }],
    });
    expect(apiErrorText(MESSAGES.nb, invalid)).toBe('DUF-nummer: Et DUF-nummer er nøyaktig 12 sifre.');
    expect(apiErrorText(MESSAGES.nb, new ApiError(400, { error: 'ValidationError', issues: [] }))).toBe(
      ERROR_TEXTS.nb.invalidRequest,
    );
    expect(
      apiErrorText(
        MESSAGES.nb,
        new ApiError(400, { error: 'ValidationError', issues: [{ path: ['x'], message: 'old' }] }),
      ),
    ).toBe('x: Ugyldig verdi.');
  });

  it('says a duplicate case wholly in Norwegian, naming its DUF number', () => {
    const exists = new ApiError(409, {
      error: 'CaseExists',
      message: 'a case with DUF number 202600000001 exists',
      dufNumber: '202600000001',
    });
    expect(apiErrorText(MESSAGES.nb, exists)).toBe('Det finnes allerede en sak med DUF-nummer 202600000001.');
  });

  it('says service errors by their code, and any other answer by its HTTP status', () => {
    expect(
      apiErrorText(MESSAGES.nb, new ApiError(503, { error: 'ServiceUnavailable', message: 'x' })),
    ).toMatch(/midlertidig utilgjengelig/);
    expect(apiErrorText(MESSAGES.en, new ApiError(418, { error: 'Teapot' }))).toBe(
      'The service answered with an error (HTTP 418).',
    );
  });
});
