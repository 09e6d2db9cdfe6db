// What the service refused, in the reader's language (issue 15): every refusal code of the domain's catalogue
// (`REFUSALS`) and every error code of the API, in nb and en. The dictionaries are typed from the catalogue, so a
// code without a text in either language is a compile error; an unknown code (a newer API) still gets a sentence.
import { isRefusalCode, type ParamsOf, type RefusalCode, type RefusalParams } from './domain';
import type { ApiError, ErrorBody, Issue } from './api';
import { commandLabel, fieldLabel, statusLabel, type Lang, type Messages } from './i18n';
import { formatDateTime } from './oslo-time';
import { countryName } from './pickers';

/** How a text names what its params hold: times in Oslo time, commands and statuses in words, countries by name. */
export interface Shown {
  time: (instant: string) => string;
  command: (name: string) => string;
  status: (status: string) => string;
  field: (name: string) => string;
  countries: (codes: readonly string[]) => string;
  list: (values: readonly string[]) => string;
}

type RefusalTexts = { [Code in RefusalCode]: (params: ParamsOf<Code>, shown: Shown) => string };

/** The API's error codes (`error` in every error body) that are not refusals of a command. */
export type ServiceErrorCode =
  | 'CaseExists'
  | 'NotFound'
  | 'Unauthorized'
  | 'Forbidden'
  | 'TooManyRequests'
  | 'ServiceUnavailable'
  | 'InternalError'
  | 'BadRequest'
  | 'UnsupportedMediaType'
  | 'MethodNotAllowed'
  | 'ArchiveRecordFailedCheck'
  | 'UnencryptedPayload'
  | 'PayloadTooLarge';

interface ErrorTexts {
  refusal: RefusalTexts;
  service: Record<ServiceErrorCode, (body: ErrorBody) => string>;
  /** A field issue with no code (recorded before codes existed): never the English text in the Norwegian UI. */
  uncodedIssue: string;
  /** A 400 whose issues name no field. */
  invalidRequest: string;
  /** A 409 with no code: the command does not fit the case now. */
  notNow: string;
  /** Any other answer, by its HTTP status. */
  httpStatus: (status: number) => string;
  /** "«field»: text", for a summary of several issues. */
  issueOfField: (field: string, text: string) => string;
}

const nb: ErrorTexts = {
  refusal: {
    dufNumber: () => 'Et DUF-nummer er nøyaktig 12 sifre.',
    countryAlpha2: () => 'Velg et land fra listen.',
    countryAlpha3: () => 'Velg et land fra listen.',
    email: () => 'Skriv en e-postadresse, f.eks. ola@example.no.',
    phoneNumber: () => 'Skriv et telefonnummer, f.eks. +47 912 34 567.',
    teamId: () => 'Et team-navn er 2–40 små bokstaver, sifre eller bindestreker.',
    username: () => 'Et brukernavn er 2–64 små bokstaver, sifre, punktum, bindestreker eller understreker.',
    password: () => 'Et passord har minst 12 tegn.',
    blank: () => 'Kan ikke være tomt.',
    duplicateOblast: () => 'Fylket står på listen allerede: nevn hvert fylke én gang.',
    validFromInPast: ({ today }, shown) =>
      `En praksisversjon gjelder fra i dag (${shown.time(today)}) eller senere; en versjon som gjelder, endres aldri.`,
    policyValidFromTaken: ({ validFrom, version }, shown) =>
      `Versjon ${version} gjelder allerede fra ${shown.time(validFrom)}: en rettelse er en ny versjon fra en annen dato.`,
    policyVersionTaken: ({ version }) => `Det finnes allerede en versjon som heter ${version}.`,
    tooFewLetters: ({ minimum }) => `Må ha minst ${minimum} tegn i tillegg til mellomrom.`,
    noPassportSurrendered: () => 'Uten pass kan ikke noe pass være levert inn.',
    eurodacTimeWithoutHit: () => 'Tidspunkt for Eurodac-treff oppgis bare når det er et treff.',
    contactUpdateEmpty: () => 'Oppgi ny bolig, nye kontaktopplysninger eller begge.',
    required: () => 'Må fylles ut.',
    wrongType: () => 'Ugyldig verdi.',
    tooShort: ({ minimum }) => `Må ha minst ${minimum} tegn.`,
    tooLong: ({ maximum }) => `Kan ha høyst ${maximum} tegn.`,
    tooFew: ({ minimum }) => `Velg minst ${minimum}.`,
    tooMany: ({ maximum }) => `Velg høyst ${maximum}.`,
    tooSmall: ({ minimum }) => `Må være minst ${minimum}.`,
    tooBig: ({ maximum }) => `Kan være høyst ${maximum}.`,
    notOneOf: () => 'Velg en av verdiene i listen.',
    badFormat: ({ format }) =>
      format === 'datetime' || format === 'date' ? 'Ugyldig dato eller tidspunkt.' : 'Ugyldig format.',
    unknownKeys: ({ keys }, shown) => `Ukjente felt: ${shown.list(keys)}.`,
    invalidValue: () => 'Ugyldig verdi.',
    factInTheFuture: ({ field, now }, shown) =>
      `${shown.field(field)} kan ikke ligge fram i tid (sakens tid er ${shown.time(now)}).`,
    interviewInThePast: () => 'Intervjuet må settes til et tidspunkt fram i tid.',
    phoneCallFirst: () =>
      'Søkeren bor privat: UDI ringer søkeren først. Oppgi når det ble ringt, om søkeren ble nådd, og om hotellnatt er ordnet.',
    receptionTellsResident: () =>
      'Søkeren bor på mottak: de ansatte på mottaket gir beskjed om intervjuet, ikke UDI på telefon.',
    callInTheFuture: () => 'Telefonsamtalen kan ikke ligge fram i tid.',
    hotelNightNeedsReach: () => 'Hotellnatt ordnes i samtalen, med en søker som ble nådd.',
    interviewHeldAtOtherTime: ({ scheduledAt }, shown) =>
      `Intervjuet var berammet til ${shown.time(scheduledAt)}. Et intervju på et annet tidspunkt må berammes på nytt først.`,
    appealBeforeDecision: ({ decidedAt }, shown) =>
      `En klage sendes etter vedtaket den gjelder (vedtaket ble fattet ${shown.time(decidedAt)}).`,
    servedBeforeDecision: ({ decidedAt }, shown) =>
      `Et vedtak forkynnes etter at det er fattet (${shown.time(decidedAt)}).`,
    eurodacHitInTheFuture: () => 'Eurodac-treffet kan ikke ligge fram i tid.',
    eurodacHitTimeNeeded: () =>
      'Politiregistreringen viste ikke noe Eurodac-treff: oppgi når treffet kom (det starter en frist på to måneder for anmodningen).',
    originalsToPolice: () => 'Originaldokumenter leveres til politiet; UDI mottar bare kopier.',
    passportIsOriginal: () => 'Et pass er et originaldokument som leveres til politiet.',
    refusalToExamineUnderCurrentRules: () =>
      'Avvisning av realitetsbehandling gjelder bare saker under dagens regler.',
    returnCountryNeeded: () => 'En avvisning må nevne det trygge landet søkeren skal returnere til.',
    returnCountryOnlyWhenNotExamined: () =>
      'Returland oppgis bare når søknaden ikke realitetsbehandles (trygt tredjeland).',
    returnCountryNotStayedIn: ({ stayedIn, returnCountry }, shown) =>
      stayedIn.length === 0
        ? `Søkeren har ikke oppholdt seg i noe trygt land før Norge, heller ikke ${shown.countries([returnCountry])} (utl. § 32 første ledd bokstav a/d).`
        : `Søkeren oppholdt seg i ${shown.countries(stayedIn)} før Norge, ikke ${shown.countries([returnCountry])} (utl. § 32 første ledd bokstav a/d).`,
    internalProtectionNotForGrant: () =>
      'Internt beskyttelsesalternativ er grunnlag for avslag, ikke for innvilgelse.',
    oblastNotSafe: ({ oblast, policyVersion, safe }, shown) =>
      `${oblast} er ikke et trygt område etter praksisversjon ${policyVersion} (trygge: ${shown.list(safe)}).`,
    noSuchUser: ({ username }) => `Det finnes ingen bruker ${username}.`,
    accountDisabled: ({ username }) => `Kontoen til ${username} er deaktivert.`,
    roleHoldsNoCases: ({ username }) =>
      `${username} er revisor: bare saksbehandlere og administratorer kan ha saker.`,
    noSuchTeam: ({ team, teams }, shown) =>
      `Det finnes ikke noe team ${team}. Teamene er ${shown.list(teams)}.`,
    notAllowedNow: ({ command, status }, shown) =>
      `«${shown.command(command)}» kan ikke brukes når saken har status «${shown.status(status)}».`,
    unknownCommand: ({ command }) => `Ukjent handling: ${command}.`,
    documentLimit: ({ count }) => `Saken har ${count} dokumenter, det meste én sak kan ha.`,
    eventLimit: ({ count, command }, shown) =>
      `Sakens logg har ${count} hendelser, det meste én sak kan ha for «${shown.command(command)}».`,
    caseClosed: () => 'Saken er avsluttet.',
    noAppealableDecision: () => 'Det finnes ikke noe vedtak som kan påklages.',
    noDecisionToServe: () => 'Det finnes ikke noe vedtak som venter på forkynnelse.',
    heldBySomeoneElse: ({ holder }) =>
      `Saken er hos ${holder}. Bare ${holder} eller en administrator kan gi den videre.`,
    appealDeadlineRunning: ({ dueAt }, shown) => `Klagefristen løper til ${shown.time(dueAt)}.`,
    lateAppealPastYear: ({ limit }, shown) =>
      `En klage for sent behandles aldri mer enn ett år etter vedtaket (fvl. § 31; grensen var ${shown.time(limit)}).`,
    lateAppealNeedsExcuse: ({ ranOut, lodgedAt }, shown) =>
      `Klagefristen gikk ut ${shown.time(ranOut)}, og klagen ble sendt ${shown.time(lodgedAt)}. ` +
      'UDI kan likevel behandle den (fvl. § 31): oppgi begrunnelsen under «Klage for sent».',
    transferPeriodNotRunning: () => 'Fristen for overføring løper ikke.',
    transferDeadlineAlreadyLater: ({ dueAt }, shown) =>
      `Overføringsfristen løper allerede til ${shown.time(dueAt)}, senere enn grunnen gir.`,
    unaccompaniedMinorStays: () =>
      'En enslig mindreårig sendes bare til et annet Dublin-land når hen har familie der eller en sak som allerede er behandlet der.',
    dublinRequestPeriodEnded: ({ dueAt }, shown) =>
      `Fristen for Dublin-anmodning gikk ut ${shown.time(dueAt)}: Norge er ansvarlig (Dublin III art. 21(1), 23(2)).`,
    meritsAfterInterview: () =>
      'Vedtak i realiteten kommer etter intervjuet eller etter at søkeren uteble; før det kan søknaden bare avvises.',
  },
  service: {
    CaseExists: (body) =>
      `Det finnes allerede en sak med DUF-nummer ${typeof body.dufNumber === 'string' ? body.dufNumber : ''}.`.replace(
        ' .',
        '.',
      ),
    NotFound: () => 'Fant ikke det du ba om.',
    Unauthorized: () => 'Du er ikke logget inn lenger. Logg inn igjen.',
    Forbidden: () => 'Du har ikke tilgang til dette.',
    TooManyRequests: () => 'For mange forsøk. Vent litt og prøv igjen.',
    ServiceUnavailable: () => 'Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.',
    InternalError: () => 'Tjenesten fikk en feil. Prøv igjen; vedvarer feilen, si fra til drift.',
    BadRequest: () => 'Forespørselen var ugyldig.',
    UnsupportedMediaType: () => 'Forespørselen hadde et format tjenesten ikke tar imot.',
    MethodNotAllowed: () => 'Tjenesten tar ikke imot denne forespørselen.',
    ArchiveRecordFailedCheck: () => 'Den arkiverte saken besto ikke kontrollen av arkivets hash-kjede.',
    UnencryptedPayload: () => 'Tjenesten avviste data som ikke var kryptert.',
    PayloadTooLarge: () => 'Det du sendte, er for stort.',
  },
  uncodedIssue: 'Ugyldig verdi.',
  invalidRequest: 'Noe av det du fylte ut, er ugyldig.',
  notNow: 'Handlingen passer ikke med saken nå.',
  httpStatus: (status) => `Tjenesten svarte med en feil (HTTP ${status}).`,
  issueOfField: (field, text) => `${field}: ${text}`,
};

const en: ErrorTexts = {
  refusal: {
    dufNumber: () => 'A DUF number is exactly 12 digits.',
    countryAlpha2: () => 'Choose a country from the list.',
    countryAlpha3: () => 'Choose a country from the list.',
    email: () => 'Write an e-mail address, e.g. ola@example.no.',
    phoneNumber: () => 'Write a phone number, e.g. +47 912 34 567.',
    teamId: () => 'A team name is 2–40 lower-case letters, digits or dashes.',
    username: () => 'A username is 2–64 lower-case letters, digits, dots, dashes or underscores.',
    password: () => 'A password has at least 12 characters.',
    blank: () => 'Must not be blank.',
    duplicateOblast: () => 'The oblast is on the list already: name each oblast once.',
    validFromInPast: ({ today }, shown) =>
      `A policy version applies from today (${shown.time(today)}) or later; a version in force is never changed.`,
    policyValidFromTaken: ({ validFrom, version }, shown) =>
      `Version ${version} already applies from ${shown.time(validFrom)}: a correction is a new version from another date.`,
    policyVersionTaken: ({ version }) => `A version named ${version} exists already.`,
    tooFewLetters: ({ minimum }) => `Must have at least ${minimum} characters besides spaces.`,
    noPassportSurrendered: () => 'With no passport, no passport can have been handed in.',
    eurodacTimeWithoutHit: () => 'A Eurodac hit time is given only when there is a hit.',
    contactUpdateEmpty: () => 'Give a new residence, new contact details, or both.',
    required: () => 'Required.',
    wrongType: () => 'Not a valid value.',
    tooShort: ({ minimum }) => `At least ${minimum} characters.`,
    tooLong: ({ maximum }) => `At most ${maximum} characters.`,
    tooFew: ({ minimum }) => `Choose at least ${minimum}.`,
    tooMany: ({ maximum }) => `Choose at most ${maximum}.`,
    tooSmall: ({ minimum }) => `At least ${minimum}.`,
    tooBig: ({ maximum }) => `At most ${maximum}.`,
    notOneOf: () => 'Choose one of the values in the list.',
    badFormat: ({ format }) =>
      format === 'datetime' || format === 'date' ? 'Not a valid date or time.' : 'Not a valid format.',
    unknownKeys: ({ keys }, shown) => `Unknown fields: ${shown.list(keys)}.`,
    invalidValue: () => 'Not a valid value.',
    factInTheFuture: ({ field, now }, shown) =>
      `${shown.field(field)} cannot lie in the future (the case's time is ${shown.time(now)}).`,
    interviewInThePast: () => 'The interview must be scheduled for a time still to come.',
    phoneCallFirst: () =>
      'The applicant lives at a private address: UDI calls first. Say when the call was made, whether the applicant was reached, and whether a hotel night was arranged.',
    receptionTellsResident: () =>
      "The applicant lives at a reception centre: the centre's staff pass on the invitation, not a call from UDI.",
    callInTheFuture: () => 'The call cannot lie in the future.',
    hotelNightNeedsReach: () => 'A hotel night is arranged in the call, with an applicant reached.',
    interviewHeldAtOtherTime: ({ scheduledAt }, shown) =>
      `The interview was scheduled for ${shown.time(scheduledAt)}. An interview at another time is rescheduled first.`,
    appealBeforeDecision: ({ decidedAt }, shown) =>
      `An appeal is posted after the decision it appeals (made ${shown.time(decidedAt)}).`,
    servedBeforeDecision: ({ decidedAt }, shown) =>
      `A decision is served after it is made (${shown.time(decidedAt)}).`,
    eurodacHitInTheFuture: () => 'The Eurodac hit cannot lie in the future.',
    eurodacHitTimeNeeded: () =>
      'The police registration recorded no Eurodac hit: say when the hit came (it starts a two-month request period).',
    originalsToPolice: () => 'Originals are handed in to the police; UDI receives copies only.',
    passportIsOriginal: () => 'A passport is an original handed in to the police.',
    refusalToExamineUnderCurrentRules: () =>
      'A refusal to examine is decided only on cases under the current rules.',
    returnCountryNeeded: () => 'A refusal to examine names the safe country the applicant is to return to.',
    returnCountryOnlyWhenNotExamined: () =>
      'A return country is given only when the application is not examined (safe third country).',
    returnCountryNotStayedIn: ({ stayedIn, returnCountry }, shown) =>
      stayedIn.length === 0
        ? `The applicant stayed in no safe country before Norway, not in ${shown.countries([returnCountry])} either (utl. § 32 first paragraph (a)/(d)).`
        : `The applicant stayed in ${shown.countries(stayedIn)} before Norway, not ${shown.countries([returnCountry])} (utl. § 32 first paragraph (a)/(d)).`,
    internalProtectionNotForGrant: () => 'Internal protection is a ground for rejection, not for a grant.',
    oblastNotSafe: ({ oblast, policyVersion, safe }, shown) =>
      `${oblast} is not a safe area under policy version ${policyVersion} (safe: ${shown.list(safe)}).`,
    noSuchUser: ({ username }) => `There is no user ${username}.`,
    accountDisabled: ({ username }) => `${username}'s account is disabled.`,
    roleHoldsNoCases: ({ username }) => `${username} is an auditor: only caseworkers and admins hold cases.`,
    noSuchTeam: ({ team, teams }, shown) => `There is no team ${team}. The teams are ${shown.list(teams)}.`,
    notAllowedNow: ({ command, status }, shown) =>
      `"${shown.command(command)}" cannot be used while the case is "${shown.status(status)}".`,
    unknownCommand: ({ command }) => `Unknown command: ${command}.`,
    documentLimit: ({ count }) => `The case holds ${count} documents, the most one case keeps.`,
    eventLimit: ({ count, command }, shown) =>
      `The case's record holds ${count} events, the most one case keeps for "${shown.command(command)}".`,
    caseClosed: () => 'The case is closed.',
    noAppealableDecision: () => 'There is no decision to appeal.',
    noDecisionToServe: () => 'No decision waits to be served.',
    heldBySomeoneElse: ({ holder }) =>
      `The case is held by ${holder}. Only ${holder} or an admin can hand it on.`,
    appealDeadlineRunning: ({ dueAt }, shown) => `The appeal deadline runs until ${shown.time(dueAt)}.`,
    lateAppealPastYear: ({ limit }, shown) =>
      `A late appeal is never considered more than a year after the decision (fvl. § 31; the limit was ${shown.time(limit)}).`,
    lateAppealNeedsExcuse: ({ ranOut, lodgedAt }, shown) =>
      `The appeal deadline ran out ${shown.time(ranOut)} and the appeal was posted ${shown.time(lodgedAt)}. ` +
      'UDI may still consider it (fvl. § 31): give the grounds under "Late appeal".',
    transferPeriodNotRunning: () => 'The transfer period is not running.',
    transferDeadlineAlreadyLater: ({ dueAt }, shown) =>
      `The transfer deadline already runs until ${shown.time(dueAt)}, later than the reason allows.`,
    unaccompaniedMinorStays: () =>
      'An unaccompanied minor is referred to another Dublin country only with family there or a case already processed there.',
    dublinRequestPeriodEnded: ({ dueAt }, shown) =>
      `The Dublin request period ended ${shown.time(dueAt)}: Norway is responsible (Dublin III Art. 21(1), 23(2)).`,
    meritsAfterInterview: () =>
      'A decision on the merits follows the interview or a no-show; before it, only a refusal to examine.',
  },
  service: {
    CaseExists: (body) =>
      `A case with DUF number ${typeof body.dufNumber === 'string' ? body.dufNumber : ''} already exists.`.replace(
        '  ',
        ' ',
      ),
    NotFound: () => 'What you asked for was not found.',
    Unauthorized: () => 'You are no longer signed in. Sign in again.',
    Forbidden: () => 'You do not have access to this.',
    TooManyRequests: () => 'Too many attempts. Wait a little and try again.',
    ServiceUnavailable: () => 'The service is unavailable for the moment. Try again shortly.',
    InternalError: () => 'The service met an error. Try again; if it persists, tell operations.',
    BadRequest: () => 'The request was not valid.',
    UnsupportedMediaType: () => 'The request had a format the service does not take.',
    MethodNotAllowed: () => 'The service does not take this request.',
    ArchiveRecordFailedCheck: () => "The archived case failed the check of the archive's hash chain.",
    UnencryptedPayload: () => 'The service refused data that was not encrypted.',
    PayloadTooLarge: () => 'What you sent is too large.',
  },
  uncodedIssue: 'Not a valid value.',
  invalidRequest: 'Some of what you filled in is not valid.',
  notNow: 'The command does not fit the case now.',
  httpStatus: (status) => `The service answered with an error (HTTP ${status}).`,
  issueOfField: (field, text) => `${field}: ${text}`,
};

export const ERROR_TEXTS: Record<Lang, ErrorTexts> = { nb, en };

function shownIn(t: Messages): Shown {
  const list = (values: readonly string[]) =>
    new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(values);
  return {
    time: (instant) => formatDateTime(instant, t.locale),
    command: (name) => commandLabel(t, name),
    status: (status) => statusLabel(t, status),
    field: (name) => fieldLabel(t, name),
    countries: (codes) => list(codes.map((code) => countryName(code, t.lang))),
    list,
  };
}

/** A refusal code with its params, as a sentence in the reader's language. */
export function refusalSentence(
  t: Messages,
  code: string | undefined,
  params: RefusalParams | undefined,
): string {
  const texts = ERROR_TEXTS[t.lang];
  if (!isRefusalCode(code)) return texts.uncodedIssue;
  const text = texts.refusal[code] as (params: RefusalParams, shown: Shown) => string;
  try {
    return text(params ?? {}, shownIn(t));
  } catch {
    // Params missing from an older or newer API: the refusal still reads as one.
    return texts.uncodedIssue;
  }
}

/** One field issue in the reader's language. */
export const issueText = (t: Messages, issue: Pick<Issue, 'code' | 'params'>): string =>
  refusalSentence(t, issue.code, issue.params);

/** One field issue with the field it is about, by its label: "DUF-nummer: Et DUF-nummer er …". */
export function fieldIssueText(t: Messages, issue: Pick<Issue, 'path' | 'code' | 'params'>): string {
  const field = issue.path.filter((key) => typeof key === 'string').at(-1);
  const text = issueText(t, issue);
  return field ? ERROR_TEXTS[t.lang].issueOfField(fieldLabel(t, field), text) : text;
}

const isServiceErrorCode = (code: string): code is ServiceErrorCode => Object.hasOwn(nb.service, code);

/**
 * An API error as one sentence in the reader's language: the refusal's code, the field issues, or the service's
 * error code; never the API's English message, and never empty.
 */
export function apiErrorText(t: Messages, error: Pick<ApiError, 'status' | 'body'>): string {
  const texts = ERROR_TEXTS[t.lang];
  const { body } = error;
  if (body.error === 'InvalidTransition')
    return isRefusalCode(body.code) ? refusalSentence(t, body.code, body.params) : texts.notNow;
  // A 409 that says why by a refusal code: a policy version on a date or under a name another has.
  if (body.error === 'Conflict' && isRefusalCode(body.code))
    return refusalSentence(t, body.code, body.params);
  if (body.error === 'ValidationError') {
    const issues = Array.isArray(body.issues) ? body.issues : [];
    if (issues.length === 0) return texts.invalidRequest;
    return issues.map((issue) => fieldIssueText(t, issue)).join(' ');
  }
  if (isServiceErrorCode(body.error)) return texts.service[body.error](body);
  if (error.status === 429) return texts.service.TooManyRequests(body);
  if (error.status === 413) return texts.service.PayloadTooLarge(body);
  return texts.httpStatus(error.status);
}
