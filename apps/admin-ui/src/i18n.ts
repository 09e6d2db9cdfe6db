// Every text of the admin UI in Norwegian Bokmål (the default) and English. The dictionaries are typed from the
// domain's schemas: a status, track, event type, command, field or enum value without a text is a compile error.
import {
  CASE_WORDS,
  type CaseStatus,
  type CaseTrack,
  type CaseEventType,
  type CommandName,
  type EnumValue,
  type NoticeDelivery,
  type PolicyEffectKind,
  type WorkPermitIneligibility,
  type FieldKey,
  type RoleName,
  type RoutedTeam,
  type WorkItem,
} from './domain';
import type { AgeBand, RecordSource } from './api';
import type { Change } from './state-diff';

export type Lang = 'nb' | 'en';
export const LANGS: readonly Lang[] = ['nb', 'en'];
export const DEFAULT_LANG: Lang = 'nb';

export type { EnumValue, FieldKey, RoleName };
/** Where a version stands on the timeline: before the one in force, in force, or still to come. */
export type PolicyStage = 'past' | 'in-force' | 'future';

/** The particulars of a policy effect, ready to read: dates in Oslo time, oblasts and version names as they are. */
export interface PolicyEffectWords {
  oblast: string;
  decidedAt: string;
  policyVersion: string;
  inForce: string;
  screenedUnder: string;
}

/** The dashboard's work lists: the cases' own work items, and Dublin requests whose last day is near. */
export type WorkList = WorkItem | 'dublin-request-due';

export interface Messages {
  /** The language of these texts (for what the API names in both, e.g. teams). */
  lang: Lang;
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  common: {
    loading: string;
    yes: string;
    no: string;
    none: string;
    notGiven: string;
    optional: string;
    choose: string;
    any: string;
    retry: string;
    close: string;
    commaHint: string;
    osloTimeHint: string;
    given: string;
    jsonHint: string;
    error: (message: string) => string;
    unreachable: string;
  };
  app: {
    name: string;
    tagline: string;
    skipToContent: string;
    navLabel: string;
    dashboard: string;
    cases: string;
    newCase: string;
    signedInAs: (username: string, role: string) => string;
    signOut: string;
    switchLanguage: string;
    switchLanguageLabel: string;
    switchLanguageLang: Lang;
    healthChecking: string;
    /** Shown while a page opened without signing in asks the API whether the browser is signed in. */
    checkingSession: string;
    healthOk: string;
    /** What is not ready, in words: Temporal unreachable, or no worker polling (the API's `detail` is English). */
    healthBad: (temporalDown: boolean, workerAbsent: boolean) => string;
    healthUnreachable: string;
    notFoundTitle: string;
    notFoundText: string;
    toDashboard: string;
    signedOut: string;
    myCases: string;
    queues: string;
    workload: string;
    policy: string;
  };
  signIn: {
    title: string;
    intro: string;
    username: string;
    password: string;
    submit: string;
    busy: string;
    wrong: string;
    rateLimited: (seconds?: number) => string;
    expired: string;
    missing: string;
  };
  dashboard: {
    title: string;
    byStatus: string;
    byTrack: string;
    chartSummary: (parts: string) => string;
    count: string;
    total: (count: number) => string;
    totalLabel: string;
    deadlinesTitle: string;
    deadlinesIntro: string;
    deadlinesEmpty: string;
    priorityTitle: string;
    priorityIntro: string;
    priorityEmpty: string;
    workTitle: string;
    workIntro: string;
    workColumn: string;
    workHintColumn: string;
    workEmpty: string;
    /** The Dublin list: cases whose last day for a Dublin request is within 14 days. */
    dublinRequestsDue: string;
    /** What each work list asks the caseworker to do. */
    workHint: Record<WorkList, string>;
  };
  columns: {
    duf: string;
    status: string;
    track: string;
    homeOblast: string;
    interviewPriority: string;
    nextDeadline: string;
    startedAt: string;
    closed: string;
    workItems: string;
    team: string;
    age: string;
    assignedTo: string;
    name: string;
    lodgedAt: string;
  };
  caseList: {
    title: string;
    total: (count: number) => string;
    personTitle: string;
    personName: string;
    personNameHint: string;
    dateOfBirth: string;
    personSubmit: string;
    personClear: string;
    personLogged: string;
    personNeedsOne: string;
    personIncomplete: string;
    unnamed: string;
    filterTitle: string;
    deadlineBefore: string;
    apply: string;
    reset: string;
    results: (count: number) => string;
    empty: string;
    nextPage: string;
    firstPage: string;
    page: (page: number) => string;
    openTitle: string;
    openDuf: string;
    openSubmit: string;
    openInvalid: string;
    workItem: string;
    dublinRequestDueBefore: string;
    dublinRequestDueNote: string;
  };
  casePage: {
    title: (dufNumber: string) => string;
    notFound: (dufNumber: string) => string;
    closedNote: string;
    priorityBadge: string;
    applicantTitle: string;
    screeningTitle: string;
    noReasons: string;
    deadlinesTitle: string;
    noDeadlines: string;
    passportTitle: string;
    workPermitTitle: string;
    eligible: string;
    notEligible: string;
    detailsTitle: string;
    documentsTitle: string;
    actionsTitle: string;
    noActions: string;
    closedNoActions: string;
    auditorNoActions: string;
    timelineTitle: string;
    timelineEmpty: string;
    showStateAfter: (seq: number) => string;
    stateAfterTitle: (seq: number) => string;
    commandDone: (command: string, status: string) => string;
    moved: string;
    reloaded: (status: string) => string;
    forbidden: string;
    gone: string;
    updatedAt: string;
    auditLink: string;
    rulesV1Badge: string;
    rulesV1Hint: string;
    workItemsLabel: string;
    appealTitle: string;
    notServed: string;
    noAppeal: string;
    suspensive: Record<'not-requested' | 'waiting' | 'granted' | 'refused', string>;
    lawyerUnnamed: string;
    recordTitle: string;
    forwarding: string;
    forwardPending: string;
    forwardedAt: (date: string) => string;
    phoneReached: string;
    phoneNotReached: string;
  };
  /** The case page's actions (issue 15, points 2 and 5): one command at a time, and a question before the irreversible. */
  desk: {
    commandsIntro: string;
    commandListLabel: string;
    irreversibleMark: string;
    closeForm: string;
    confirmTitle: (command: string) => string;
    confirmIntro: string;
    confirmUnforeseen: string;
    confirmCancel: string;
    confirmGo: (command: string) => string;
    consequence: {
      closes: (status: string) => string;
      movesTo: (status: string) => string;
      dutyToLeave: (days: number, deadline: string) => string;
      appealFromService: string;
      dutyToLeaveUnlessAppealed: (days: number) => string;
      appealUntil: (deadline: string) => string;
      final: string;
    };
    showAll: string;
    showLess: string;
    workPermitReason: Record<WorkPermitIneligibility, string>;
  };
  audit: {
    title: (dufNumber: string) => string;
    backToCase: string;
    notAllowed: string;
    notFound: (dufNumber: string) => string;
    noEvents: string;
    sourceLabel: string;
    source: Record<RecordSource, string>;
    sourceHint: Record<RecordSource, string>;
    timelineTitle: string;
    sliderLabel: string;
    sliderHint: string;
    position: (index: number, total: number, seq: number, event: string) => string;
    selected: string;
    stateTitle: (seq: number) => string;
    stateNote: string;
    foldFailed: (message: string) => string;
    diffTitle: string;
    diffIntro: string;
    diffFrom: string;
    diffTo: string;
    diffCaption: (count: number, from: number, to: number) => string;
    diffPath: string;
    diffBefore: string;
    diffAfter: string;
    diffEmpty: string;
    eventOption: (seq: number, event: string) => string;
    absent: string;
    change: Record<Change, string>;
    toolsTitle: string;
    replay: string;
    replayHint: string;
    replaying: string;
    replayPassed: (replayed: number) => string;
    replayFailed: string;
    replayNothing: string;
    exportTitle: string;
    exportHint: string;
    exportJson: string;
    exportPdf: string;
    exporting: string;
    exported: (fileName: string) => string;
  };
  /** Work allocation (issue 14): my cases, the team queues, who holds a case, notes, the workload. */
  work: {
    myCasesTitle: string;
    myCasesIntro: string;
    myCasesEmpty: string;
    ageDays: (days: number) => string;
    queuesTitle: string;
    queuesIntro: string;
    teamPicker: string;
    showQueue: string;
    queueTitle: (team: string) => string;
    queueEmpty: string;
    holderDisabled: (holder: string) => string;
    onlyAdminMoves: string;
    take: string;
    takeCase: (dufNumber: string) => string;
    taking: string;
    takenByYou: string;
    takenBy: (holder: string) => string;
    allocationTitle: string;
    holder: string;
    team: string;
    you: string;
    inQueue: string;
    heldByOther: (holder: string) => string;
    heldByOtherHint: string;
    takeHere: string;
    handTo: string;
    handToHint: string;
    handToChoose: string;
    handToNoOne: string;
    handToUnavailable: string;
    handToSubmit: string;
    returnToQueue: string;
    returnTeam: string;
    returnTeamDefault: string;
    returnSubmit: string;
    busy: string;
    handToMissing: string;
    announceTaken: string;
    announceHanded: (holder: string) => string;
    announceReturned: (team: string) => string;
    noteTitle: string;
    noteLabel: string;
    noteHint: string;
    noteCounter: (used: number, max: number) => string;
    noteTooLong: (max: number) => string;
    noteEmpty: string;
    noteSubmit: string;
    noteAdded: string;
    internalNote: string;
    assignedTaken: (holder: string) => string;
    assignedHanded: (holder: string, from: string | null) => string;
    assignedReturned: (team: string, from: string | null) => string;
    workloadTitle: string;
    workloadIntro: string;
    byCaseworker: string;
    byTeam: string;
    username: string;
    role: string;
    open: string;
    unassigned: string;
    holderDisabledColumn: string;
    disabled: string;
    workloadAdminsOnly: string;
  };
  /** The dashboard's panel of processing times and backlog (`GET /api/stats/processing`). */
  stats: {
    title: string;
    intro: (weeks: number, asOf: string) => string;
    toDecision: string;
    toClosing: string;
    median: string;
    p90: string;
    days: string;
    daysValue: (days: number | null) => string;
    cases: string;
    openByAge: string;
    band: Record<AgeBand, string>;
    perWeek: string;
    weekStarting: string;
    lodged: string;
    decided: string;
    closed: string;
    showNumbers: string;
    chartSummary: (parts: string) => string;
  };
  /** The names of the teams a case's status routes it to; the API's names win where it gives them. */
  team: Record<RoutedTeam, string>;
  /** The policy versions (issue 16): the timeline, each version's review list, and the draft editor with its impact. */
  policy: {
    title: string;
    intro: string;
    timelineTitle: string;
    timelineIntro: string;
    stage: Record<PolicyStage, string>;
    validFrom: (date: string) => string;
    builtIn: string;
    publishedBy: (username: string, at: string) => string;
    source: string;
    safeOblasts: string;
    excludedOblasts: string;
    departureDefault: string;
    days: (days: number) => string;
    reviewTitle: (count: number) => string;
    reviewEmpty: string;
    /** What a version does to a case listed for review, without the particulars (the review list keeps kinds only). */
    kind: Record<PolicyEffectKind, string>;
    /** What a draft would do to a case, with the particulars the impact names (dates already in words). */
    effect: Record<PolicyEffectKind, (words: PolicyEffectWords) => string>;
    /** An effect of a kind this UI does not know (a newer API). */
    unknownEffect: string;
    draftTitle: string;
    draftIntro: (version: string) => string;
    draftVersion: string;
    draftVersionHint: string;
    draftValidFrom: string;
    draftValidFromHint: string;
    draftSource: string;
    draftSourceHint: string;
    draftDeparture: string;
    draftDepartureHint: (days: number) => string;
    oblastCount: (chosen: number, total: number) => string;
    resetDraft: string;
    preview: string;
    previewing: string;
    impactTitle: string;
    impactCaption: (count: number) => string;
    impactEmpty: string;
    impactStale: string;
    effectsColumn: string;
    publish: string;
    publishing: string;
    publishAdminsOnly: string;
    confirmTitle: (version: string) => string;
    confirmCases: (count: number) => string;
    confirmValidFrom: (date: string) => string;
    confirmNote: string;
    confirmCancel: string;
    confirmGo: string;
    published: (version: string) => string;
    /** The work list's panel of the cases published versions listed for review (issue 16, point 6). */
    reviewPanelTitle: string;
    reviewPanelIntro: string;
    reviewVersionFacts: (date: string, username: string) => string;
    reviewCaseCount: (count: number) => string;
    reviewYours: string;
    reviewYoursHint: string;
    /** The case page's note: the version that listed the case, its date; then the kinds in words. */
    caseReviewNote: (version: string, date: string) => string;
    caseReviewDecide: string;
    caseReviewLink: (version: string) => string;
  };
  newCase: {
    title: string;
    intro: string;
    submit: string;
    created: (dufNumber: string) => string;
    exists: string;
    openExisting: (dufNumber: string) => string;
    notAllowed: string;
  };
  sentMessages: {
    title: string;
    none: string;
    loadFailed: string;
    delivery: Record<NoticeDelivery, string>;
    deliveredAt: (time: string) => string;
    failedAt: (time: string) => string;
    pendingSince: (time: string) => string;
    notRecorded: (time: string) => string;
    reRendered: string;
    notSent: string;
    unavailable: string;
    showText: string;
    inLanguage: (language: string) => string;
    attachments: (names: string) => string;
    error: (reason: string) => string;
  };
  picker: {
    countryHint: string;
    countryListHint: string;
    sentAs: (value: string) => string;
    noCountry: string;
    languageHint: string;
    phoneHint: string;
    phoneIncomplete: string;
  };
  form: {
    sending: string;
    fixErrors: (count: number) => string;
    generalErrors: string;
    /** The head of a refusal's summary: with the reasons listed below it, or pointing at the fields. */
    rejected: (listedBelow: boolean) => string;
    rejectedNoField: string;
    required: string;
  };
  /** Guidance beside a top-level field of a command's form, by `command:field`. */
  formHint: Partial<Record<`${CommandName}:${string}`, string>>;
  status: Record<CaseStatus, string>;
  track: Record<CaseTrack, string>;
  event: Record<CaseEventType, string>;
  command: Record<CommandName, string>;
  role: Record<RoleName, string>;
  field: Record<FieldKey, string>;
  value: Record<EnumValue, string>;
}

const nb: Messages = {
  lang: 'nb',
  locale: 'nb-NO',
  common: {
    loading: 'Laster …',
    yes: 'Ja',
    no: 'Nei',
    none: 'Ingen',
    notGiven: 'Ikke oppgitt',
    optional: 'valgfritt',
    choose: '— velg —',
    any: 'Alle',
    retry: 'Prøv igjen',
    close: 'Lukk',
    commaHint: 'Skill med komma, f.eks. SE, DK',
    osloTimeHint: 'Norsk tid',
    given: 'Oppgitt',
    jsonHint: 'JSON',
    error: (message) => `Noe gikk galt: ${message}`,
    unreachable: 'Får ikke kontakt med tjenesten. Sjekk nettforbindelsen og prøv igjen.',
  },
  app: {
    name: 'Saksflyt',
    tagline: 'Saksbehandling av søknader om beskyttelse',
    skipToContent: 'Hopp til hovedinnhold',
    navLabel: 'Hovedmeny',
    dashboard: 'Oversikt',
    cases: 'Saker',
    newCase: 'Ny sak',
    signedInAs: (username, role) => `Innlogget som ${username} (${role})`,
    signOut: 'Logg ut',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    switchLanguageLang: 'en',
    healthChecking: 'Sjekker systemet …',
    checkingSession: 'Sjekker innloggingen …',
    healthOk: 'Systemet er oppe: Temporal svarer og en worker behandler saker.',
    healthBad: (temporalDown, workerAbsent) =>
      `Systemet er ikke klart: ${temporalDown ? 'får ikke kontakt med Temporal' : workerAbsent ? 'ingen worker behandler saker' : 'Temporal svarer ikke som ventet'}.`,
    healthUnreachable: 'Får ikke kontakt med API-et.',
    notFoundTitle: 'Fant ikke siden',
    notFoundText: 'Adressen finnes ikke i Saksflyt.',
    toDashboard: 'Til oversikten',
    signedOut: 'Du er logget ut.',
    myCases: 'Mine saker',
    queues: 'Teamkøer',
    workload: 'Arbeidsmengde',
    policy: 'Regelverk',
  },
  signIn: {
    title: 'Logg inn',
    intro: 'Logg inn med brukernavn og passord for å behandle saker.',
    username: 'Brukernavn',
    password: 'Passord',
    submit: 'Logg inn',
    busy: 'Logger inn …',
    wrong: 'Feil brukernavn eller passord.',
    rateLimited: (seconds) =>
      seconds
        ? `For mange forsøk. Vent ${seconds} sekunder og prøv igjen.`
        : 'For mange forsøk. Vent litt og prøv igjen.',
    expired: 'Økten er utløpt eller ugyldig. Logg inn igjen.',
    missing: 'Skriv inn brukernavn og passord.',
  },
  dashboard: {
    title: 'Oversikt',
    byStatus: 'Saker etter status',
    byTrack: 'Saker etter spor',
    chartSummary: (parts) => `Diagram: ${parts}`,
    count: 'Antall',
    total: (count) => `Totalt ${count} saker`,
    totalLabel: 'Totalt',
    deadlinesTitle: 'Frister de neste 14 dagene',
    deadlinesIntro: 'Saker med en frist som løper ut innen 14 dager, tidligste først.',
    deadlinesEmpty: 'Ingen frister de neste 14 dagene.',
    priorityTitle: 'Prioritert til intervju',
    priorityIntro:
      'Enslige voksne uten barn som ikke har oppholdt seg i andre trygge land, og som venter på intervju: UDI intervjuer dem først.',
    priorityEmpty: 'Ingen saker i køen.',
    workTitle: 'Arbeidslister',
    workIntro: 'Saker som venter på at noen i UDI gjør noe. Velg en liste for å se sakene.',
    workColumn: 'Arbeidsliste',
    workHintColumn: 'Hva som venter',
    workEmpty: 'Ingen saker venter.',
    dublinRequestsDue: 'Frist for Dublin-anmodning innen 14 dager',
    workHint: {
      'decision-not-served':
        'Vedtaket er fattet, men ikke forkynt. Klagefristen løper først fra forkynningen.',
      'suspensive-effect-waiting':
        'Klageren har bedt om utsatt iverksetting, og UDI har ikke avgjort begjæringen.',
      'interview-call-not-reached':
        'Søkeren bor privat, og UDI fikk ikke kontakt med søkeren i telefonsamtalen før intervjuet. Ring på nytt.',
      'document-to-forward':
        'Dokumenter som skal sendes videre til UNE eller politiet, og som ikke er sendt.',
      'dublin-request-due':
        'Saker til individuell behandling der siste frist for å be en annen Dublin-stat overta løper ut innen 14 dager. Etter fristen er Norge ansvarlig.',
    },
  },
  columns: {
    duf: 'DUF-nummer',
    status: 'Status',
    track: 'Spor',
    homeOblast: 'Hjemfylke (oblast)',
    interviewPriority: 'Intervjuprioritet',
    nextDeadline: 'Neste frist',
    startedAt: 'Opprettet',
    closed: 'Avsluttet',
    workItems: 'Til oppfølging',
    team: 'Team',
    age: 'Alder',
    assignedTo: 'Saksbehandler',
    name: 'Navn',
    lodgedAt: 'Søkt',
  },
  caseList: {
    title: 'Saker',
    total: (count) => (count === 1 ? '1 sak' : `${count} saker`),
    personTitle: 'Finn person',
    personName: 'Navn',
    personNameHint:
      'Alle ordene må finnes i navnet, i hvilken som helst rekkefølge. Store og små bokstaver og aksenter spiller ingen rolle, men hele ord må stemme: «Koval» finner ikke «Kovalenko».',
    dateOfBirth: 'Fødselsdato',
    personSubmit: 'Søk',
    personClear: 'Tøm søket',
    personLogged: 'Hvert søk etter en person logges med hvem som søkte og hva det ble søkt etter.',
    personNeedsOne: 'Skriv et navn eller velg en fødselsdato.',
    personIncomplete: 'Søket traff flere saker enn listen viser. Legg til fødselsdato eller flere navn.',
    unnamed: '—',
    filterTitle: 'Filtrer saker',
    deadlineBefore: 'Frist senest',
    apply: 'Vis saker',
    reset: 'Nullstill',
    results: (count) => (count === 1 ? '1 sak på denne siden' : `${count} saker på denne siden`),
    empty: 'Ingen saker passer filteret.',
    nextPage: 'Neste side',
    firstPage: 'Første side',
    page: (page) => `Side ${page}`,
    openTitle: 'Åpne sak',
    openDuf: 'DUF-nummer (12 siffer)',
    openSubmit: 'Åpne',
    openInvalid: 'Et DUF-nummer er 12 siffer.',
    workItem: 'Arbeidsliste',
    dublinRequestDueBefore: 'Frist for Dublin-anmodning senest',
    dublinRequestDueNote:
      'Viser saker til individuell behandling der neste frist løper ut innen datoen. For saker med berammet intervju kan neste frist være påminnelsen om intervjuet; se fristene i saken.',
  },
  casePage: {
    title: (dufNumber) => `Sak ${dufNumber}`,
    notFound: (dufNumber) => `Fant ingen sak med DUF-nummer ${dufNumber}.`,
    closedNote: 'Saken er avsluttet.',
    priorityBadge: 'Prioritert til intervju',
    applicantTitle: 'Søker',
    screeningTitle: 'Vurdering av kollektiv beskyttelse',
    noReasons: 'Ingen grunner mot kollektiv beskyttelse.',
    deadlinesTitle: 'Frister',
    noDeadlines: 'Ingen løpende frister.',
    passportTitle: 'Pass',
    workPermitTitle: 'Midlertidig arbeidstillatelse',
    eligible: 'Fyller vilkårene',
    notEligible: 'Fyller ikke vilkårene',
    detailsTitle: 'Saksgang',
    documentsTitle: 'Dokumenter',
    actionsTitle: 'Handlinger',
    noActions: 'Ingen handlinger er mulige i denne statusen.',
    closedNoActions:
      'Saken er avsluttet, så ingen handlinger er mulige. Du kan fortsatt legge til interne notater.',
    auditorNoActions: 'Som revisor kan du lese saken, men ikke endre den.',
    timelineTitle: 'Hendelser',
    timelineEmpty: 'Ingen hendelser.',
    showStateAfter: (seq) => `Vis saken etter hendelse ${seq}`,
    stateAfterTitle: (seq) => `Saken slik den var etter hendelse ${seq}`,
    commandDone: (command, status) => `${command}: utført. Status er nå «${status}».`,
    moved: 'Saken er endret i mellomtiden, og handlingen ble ikke utført.',
    reloaded: (status) => `Saken er lastet på nytt. Status er nå «${status}».`,
    forbidden: 'Rollen din har ikke lov til å gjøre dette.',
    gone: 'Saken finnes ikke lenger.',
    updatedAt: 'Sist endret',
    auditLink: 'Revisjon',
    rulesV1Badge: 'Regelverk 1',
    rulesV1Hint:
      'Saken ble opprettet under første versjon av Saksflyt og følger reglene derfra: klagefristen løper fra vedtaket, ikke fra forkynningen.',
    workItemsLabel: 'Til oppfølging',
    appealTitle: 'Vedtak, forkynning og klage',
    notServed: 'Ikke forkynt',
    noAppeal: 'Ingen klage registrert.',
    suspensive: {
      'not-requested': 'Ikke begjært',
      waiting: 'Begjært, venter på avgjørelse',
      granted: 'Innvilget: søkeren kan bli mens klagen behandles',
      refused: 'Avslått: vedtaket kan iverksettes',
    },
    lawyerUnnamed: 'Navn ikke oppgitt',
    recordTitle: 'Advokat, UNE og politiet',
    forwarding: 'Sendes videre',
    forwardPending: 'ikke sendt ennå',
    forwardedAt: (date) => `sendt ${date}`,
    phoneReached: 'Fikk kontakt',
    phoneNotReached: 'Fikk ikke kontakt',
  },
  desk: {
    commandsIntro: 'Velg hva du vil gjøre. Handlinger som ikke kan angres, spør deg først.',
    commandListLabel: 'Mulige handlinger',
    irreversibleMark: 'kan ikke angres',
    closeForm: 'Lukk skjemaet',
    confirmTitle: (command) => `${command}: er du sikker?`,
    confirmIntro: 'Dette kan ikke angres. Hvis du fortsetter:',
    confirmUnforeseen: 'Siden kan ikke si på forhånd hva som skjer med saken; tjenesten avgjør det.',
    confirmCancel: 'Avbryt',
    confirmGo: (command) => `Bekreft: ${command}`,
    consequence: {
      closes: (status) => `Saken avsluttes med status «${status}».`,
      movesTo: (status) => `Saken går over til status «${status}».`,
      dutyToLeave: (days, deadline) =>
        `Søkeren får plikt til å forlate Norge, med en utreisefrist på ${days} dager: ${deadline} (utlendingsloven § 90).`,
      appealFromService:
        'Søkeren kan klage innen tre uker etter at vedtaket er forkynt (forvaltningsloven § 29).',
      dutyToLeaveUnlessAppealed: (days) =>
        `Klager søkeren ikke i tide, får søkeren plikt til å forlate Norge, med en utreisefrist på ${days} dager.`,
      appealUntil: (deadline) => `Søkeren kan klage ${deadline} (forvaltningsloven § 29).`,
      final: 'Vedtaket er endelig og kan ikke påklages.',
    },
    showAll: 'Vis alt',
    showLess: 'Vis mindre',
    workPermitReason: {
      'interview-not-held': 'intervjuet er ikke holdt ennå',
      'no-valid-passport': 'søkeren har ikke gyldig pass',
      'internal-passport-only': 'søkeren har bare internt pass, ikke internasjonalt',
      'decision-made': 'saken har alt fått vedtak',
      'dublin-case': 'saken behandles etter Dublin-reglene',
      rejected: 'søknaden om beskyttelse er avslått',
    },
  },
  audit: {
    title: (dufNumber) => `Revisjon av sak ${dufNumber}`,
    backToCase: 'Tilbake til saken',
    notAllowed: 'Revisjonsvisningen er bare for revisorer og administratorer.',
    notFound: (dufNumber) =>
      `Fant ingen hendelser for DUF-nummer ${dufNumber}, verken i Temporal eller i arkivet.`,
    noEvents: 'Saken har ingen hendelser.',
    sourceLabel: 'Kilde',
    source: { temporal: 'Temporal', archive: 'Arkiv', projection: 'Lesemodell' },
    sourceHint: {
      temporal: 'Hendelsene er lest fra sakens workflow i Temporal.',
      projection: 'Hendelsene er lest fra lesemodellen som sakens workflow holder oppdatert.',
      archive: 'Saken er ikke lenger i Temporal. Hendelsene er lest fra arkivet.',
    },
    timelineTitle: 'Tidslinje',
    sliderLabel: 'Vis saken etter hendelse',
    sliderHint: 'Bruk piltastene for å gå én hendelse fram eller tilbake, Home og End for første og siste.',
    position: (index, total, seq, event) => `Hendelse ${index} av ${total}: nr. ${seq}, ${event}`,
    selected: 'valgt',
    stateTitle: (seq) => `Saken etter hendelse ${seq}`,
    stateNote:
      'Regnet ut i nettleseren fra hendelsene med domenets egen evolve, den samme som saksflyten bruker.',
    foldFailed: (message) => `Hendelsene kunne ikke foldes til en tilstand: ${message}`,
    diffTitle: 'Sammenlign to tidspunkter',
    diffIntro: 'Alle felt som er ulike i saken slik den var etter de to hendelsene.',
    diffFrom: 'Fra: etter hendelse',
    diffTo: 'Til: etter hendelse',
    diffCaption: (count, from, to) =>
      count === 1
        ? `1 felt endret fra hendelse ${from} til ${to}`
        : `${count} felt endret fra hendelse ${from} til ${to}`,
    diffPath: 'Felt',
    diffBefore: 'Før',
    diffAfter: 'Etter',
    diffEmpty: 'Ingen forskjeller.',
    eventOption: (seq, event) => `${seq}: ${event}`,
    absent: 'ikke satt',
    change: { added: 'lagt til', removed: 'fjernet', changed: 'endret' },
    toolsTitle: 'Kontroll og eksport',
    replay: 'Spill av saken på nytt',
    replayHint:
      'Spiller av sakens Temporal-historikk mot dagens workflow-kode. Et avvik betyr at koden ikke lenger gir samme historikk.',
    replaying: 'Spiller av …',
    replayPassed: (replayed) =>
      replayed === 1
        ? 'Avspillingen besto: dagens kode gir samme historikk.'
        : `Avspillingen besto: ${replayed} historikker gir samme resultat med dagens kode.`,
    replayFailed: 'Avspillingen feilet: dagens kode gir ikke samme historikk.',
    replayNothing: 'Ingen historikk ble spilt av.',
    exportTitle: 'Eksport',
    exportHint: 'Hele saken med alle hendelser, som fil.',
    exportJson: 'Last ned JSON',
    exportPdf: 'Last ned PDF',
    exporting: 'Henter …',
    exported: (fileName) => `${fileName} er lastet ned.`,
  },
  work: {
    myCasesTitle: 'Mine saker',
    myCasesIntro: 'Sakene du har tatt, med nærmeste frist først og deretter de eldste.',
    myCasesEmpty: 'Du har ingen saker. Ta en sak fra et teams kø.',
    ageDays: (days) => (days === 1 ? '1 dag' : `${days} dager`),
    queuesTitle: 'Teamkøer',
    queuesIntro:
      'Saker som ligger i et teams kø og venter på at noen tar dem, og saker som holdes av en deaktivert bruker.',
    teamPicker: 'Team',
    showQueue: 'Vis køen',
    queueTitle: (team) => `Køen til ${team}`,
    queueEmpty: 'Køen er tom.',
    holderDisabled: (holder) => `Innehaver deaktivert: ${holder}`,
    onlyAdminMoves: 'Bare en administrator kan flytte saken.',
    take: 'Ta saken',
    takeCase: (dufNumber) => `Ta sak ${dufNumber}`,
    taking: 'Tar saken …',
    takenByYou: 'Du har tatt saken.',
    takenBy: (holder) => `Saken er allerede tatt av ${holder}.`,
    allocationTitle: 'Tildeling',
    holder: 'Saksbehandler',
    team: 'Team',
    you: 'deg',
    inQueue: 'Ingen – saken ligger i teamets kø',
    heldByOther: (holder) => `Saken er tildelt ${holder}.`,
    heldByOtherHint:
      'Du kan likevel utføre handlinger i saken, men snakk med saksbehandleren først, så dere ikke gjør det samme arbeidet.',
    takeHere: 'Ta saken',
    handTo: 'Gi saken til …',
    handToHint: 'Aktive saksbehandlere og administratorer.',
    handToChoose: 'Hvem skal ha saken',
    handToNoOne: 'Det er ingen andre aktive saksbehandlere eller administratorer å gi saken til.',
    handToUnavailable: 'Kunne ikke hente hvem saken kan gis til.',
    handToSubmit: 'Gi videre',
    returnToQueue: 'Legg tilbake i køen',
    returnTeam: 'Til køen til',
    returnTeamDefault: 'Teamet statusen tilsier',
    returnSubmit: 'Legg tilbake',
    busy: 'Sender …',
    handToMissing: 'Velg hvem som skal ha saken.',
    announceTaken: 'Du har tatt saken.',
    announceHanded: (holder) => `Saken er gitt til ${holder}.`,
    announceReturned: (team) => `Saken er lagt tilbake i køen til ${team}.`,
    noteTitle: 'Legg til notat',
    noteLabel: 'Notat',
    noteHint:
      'Internt notat, sendes aldri til søkeren. Det blir stående i saken med navnet ditt og tidspunktet.',
    noteCounter: (used, max) => `${used} av ${max} tegn`,
    noteTooLong: (max) => `Notatet kan være på høyst ${max} tegn.`,
    noteEmpty: 'Skriv notatet først.',
    noteSubmit: 'Lagre notat',
    noteAdded: 'Notatet er lagret.',
    internalNote: 'Internt notat – sendes aldri til søkeren',
    assignedTaken: (holder) => `Tatt av ${holder}`,
    assignedHanded: (holder, from) => (from ? `Gitt videre fra ${from} til ${holder}` : `Tildelt ${holder}`),
    assignedReturned: (team, from) =>
      from ? `Lagt tilbake i køen til ${team} (hadde ${from})` : `Flyttet til køen til ${team}`,
    workloadTitle: 'Arbeidsmengde',
    workloadIntro: 'Åpne saker per saksbehandler og per team. Deaktiverte brukere er merket.',
    byCaseworker: 'Per saksbehandler',
    byTeam: 'Per team',
    username: 'Brukernavn',
    role: 'Rolle',
    open: 'Åpne saker',
    unassigned: 'I køen',
    holderDisabledColumn: 'Innehaver deaktivert',
    disabled: 'Deaktivert',
    workloadAdminsOnly: 'Bare administratorer ser arbeidsmengden.',
  },
  stats: {
    title: 'Saksbehandlingstid og restanser',
    intro: (weeks, asOf) => `De siste ${weeks} ukene, per ${asOf}. Dager regnes fra søknaden ble registrert.`,
    toDecision: 'Dager til vedtak i første instans',
    toClosing: 'Dager til saken ble avsluttet',
    median: 'Median',
    p90: '90. persentil',
    days: 'Dager',
    daysValue: (days) => (days === null ? '–' : `${days} d`),
    cases: 'Saker',
    openByAge: 'Åpne saker etter alder',
    band: {
      '0-30': '0–30 dager',
      '31-90': '31–90 dager',
      '91-180': '91–180 dager',
      '181-365': '181–365 dager',
      'over-365': 'Over ett år',
    },
    perWeek: 'Registrert, avgjort og avsluttet per uke',
    weekStarting: 'Uke fra',
    lodged: 'Registrert',
    decided: 'Avgjort',
    closed: 'Avsluttet',
    showNumbers: 'Vis tallene',
    chartSummary: (parts) => `Diagram: ${parts}`,
  },
  team: {
    registration: 'Registrering',
    'dublin-unit': 'Dublin-enheten',
    'interviews-oslo': 'Intervju Oslo',
    'interviews-trondheim': 'Intervju Trondheim',
    decisions: 'Vedtak',
    appeals: 'Klage',
  },
  policy: {
    title: 'Regelverksversjoner',
    intro:
      'Versjonene av regelverket sakene vurderes etter: hvilke områder som regnes som trygge for internt beskyttelsesalternativ, hvilke hjemfylker som er unntatt kollektiv beskyttelse, og standard utreisefrist. Fristene følger loven og endres ikke her.',
    timelineTitle: 'Versjoner',
    timelineIntro: 'Eldste først. En publisert versjon endres aldri; en rettelse er en ny versjon.',
    stage: { past: 'Tidligere', 'in-force': 'Gjelder nå', future: 'Planlagt' },
    validFrom: (date) => `Gjelder fra ${date}`,
    builtIn: 'Innebygd i systemet',
    publishedBy: (username, at) => `Publisert av ${username} ${at}`,
    source: 'Kilde',
    safeOblasts: 'Trygge områder for internt beskyttelsesalternativ',
    excludedOblasts: 'Hjemfylker unntatt kollektiv beskyttelse',
    departureDefault: 'Standard utreisefrist',
    days: (days) => (days === 1 ? '1 dag' : `${days} dager`),
    reviewTitle: (count) => `Saker til gjennomgang (${count})`,
    reviewEmpty: 'Ingen åpne saker ble berørt da versjonen ble publisert.',
    kind: {
      'decision-rests-on-unsafe-area':
        'Avslaget bygger på internt beskyttelsesalternativ i et område versjonen ikke regner som trygt',
      'appeal-rests-on-unsafe-area':
        'Det påklagede avslaget bygger på internt beskyttelsesalternativ i et område versjonen ikke regner som trygt',
      'home-area-becomes-safe': 'Hjemfylket regnes nå som trygt for internt beskyttelsesalternativ',
      'home-area-enters-exclusion': 'Hjemfylket blir unntatt kollektiv beskyttelse',
      'home-area-leaves-exclusion': 'Hjemfylket er ikke lenger unntatt kollektiv beskyttelse',
    },
    effect: {
      'decision-rests-on-unsafe-area': ({ oblast, decidedAt, policyVersion }) =>
        `Avslaget ${decidedAt} bygger på internt beskyttelsesalternativ i ${oblast}, som utkastet ikke lenger regner som trygt (det gjorde ${policyVersion}).`,
      'appeal-rests-on-unsafe-area': ({ oblast, decidedAt, policyVersion }) =>
        `Det påklagede avslaget ${decidedAt} bygger på internt beskyttelsesalternativ i ${oblast}, som utkastet ikke lenger regner som trygt (det gjorde ${policyVersion}).`,
      'home-area-becomes-safe': ({ oblast, inForce }) =>
        `Venter på vedtak. Søkeren kommer fra ${oblast}, som utkastet regner som trygt for internt beskyttelsesalternativ (det gjør ikke ${inForce}).`,
      'home-area-enters-exclusion': ({ oblast, screenedUnder }) =>
        `Venter på vurdering av kollektiv beskyttelse. Søkeren kommer fra ${oblast}, som utkastet unntar fra kollektiv beskyttelse (det gjorde ikke ${screenedUnder} da saken ble kartlagt).`,
      'home-area-leaves-exclusion': ({ oblast, screenedUnder }) =>
        `Venter på vurdering av kollektiv beskyttelse. Søkeren kommer fra ${oblast}, som utkastet ikke lenger unntar fra kollektiv beskyttelse (det gjorde ${screenedUnder} da saken ble kartlagt).`,
    },
    unknownEffect: 'Utkastet ville behandlet saken annerledes.',
    draftTitle: 'Utkast til ny versjon',
    draftIntro: (version) =>
      `Listene er fylt ut fra versjonen som gjelder nå (${version}). Endre dem, og forhåndsvis hvilke åpne saker utkastet ville behandlet annerledes. Ingenting endres før en administrator publiserer.`,
    draftVersion: 'Versjonsnavn',
    draftVersionHint: 'Et navn ingen annen versjon har, f.eks. NO-UKR-2026-03-01',
    draftValidFrom: 'Gjelder fra',
    draftValidFromHint: 'Norsk dato, i dag eller senere',
    draftSource: 'Kilde',
    draftSourceHint: 'Retningslinjen eller vedtaket versjonen bygger på',
    draftDeparture: 'Standard utreisefrist i dager',
    draftDepartureHint: (days) =>
      `Mellom 7 og 30 dager (utl. § 90). Tomt: som versjonen som gjelder nå (${days} dager).`,
    oblastCount: (chosen, total) => `${chosen} av ${total} valgt`,
    resetDraft: 'Fyll ut på nytt fra versjonen som gjelder nå',
    preview: 'Forhåndsvis virkning',
    previewing: 'Beregner virkning …',
    impactTitle: 'Virkning på åpne saker',
    impactCaption: (count) =>
      count === 1
        ? 'Utkastet ville behandlet 1 åpen sak annerledes.'
        : `Utkastet ville behandlet ${count} åpne saker annerledes.`,
    impactEmpty: 'Utkastet berører ingen åpne saker.',
    impactStale:
      'Utkastet er endret etter forhåndsvisningen. Forhåndsvis på nytt for å se virkningen av det nye.',
    effectsColumn: 'Virkning',
    publish: 'Publiser …',
    publishing: 'Publiserer …',
    publishAdminsOnly: 'Bare administratorer kan publisere en ny versjon.',
    confirmTitle: (version) => `Publisere ${version}?`,
    confirmCases: (count) =>
      count === 0
        ? 'Versjonen berører ingen åpne saker.'
        : count === 1
          ? 'Versjonen berører 1 åpen sak, som blir lagt på listen til gjennomgang.'
          : `Versjonen berører ${count} åpne saker, som blir lagt på listen til gjennomgang.`,
    confirmValidFrom: (date) => `Den gjelder fra ${date}.`,
    confirmNote:
      'Ingen sak endres automatisk. En publisert versjon kan ikke endres eller trekkes tilbake; en rettelse er en ny versjon.',
    confirmCancel: 'Avbryt',
    confirmGo: 'Publiser versjonen',
    published: (version) => `${version} er publisert.`,
    reviewPanelTitle: 'Til gjennomgang etter ny praksis',
    reviewPanelIntro:
      'Åpne saker som ble berørt da en ny regelverksversjon ble publisert. Ingenting i sakene er endret automatisk: en saksbehandler vurderer hva som skal gjøres.',
    reviewVersionFacts: (date, username) => `Gjelder fra ${date} · publisert av ${username}`,
    reviewCaseCount: (count) => (count === 1 ? '1 sak' : `${count} saker`),
    reviewYours: 'Din sak',
    reviewYoursHint: 'Sakene du har, står først.',
    caseReviewNote: (version, date) =>
      `Satt opp til gjennomgang etter regelverksversjon ${version} (fra ${date}):`,
    caseReviewDecide:
      'Ingenting i saken er endret automatisk: en saksbehandler vurderer hva som skal gjøres.',
    caseReviewLink: (version) => `Se ${version} blant regelverksversjonene`,
  },
  newCase: {
    title: 'Ny sak',
    intro: 'Registrer en søknad om beskyttelse. Felt merket «valgfritt» kan stå tomme.',
    submit: 'Opprett sak',
    created: (dufNumber) => `Sak ${dufNumber} er opprettet.`,
    exists: 'Det finnes allerede en sak med dette DUF-nummeret.',
    openExisting: (dufNumber) => `Åpne sak ${dufNumber}`,
    notAllowed: 'Rollen din kan ikke opprette saker.',
  },
  sentMessages: {
    title: 'Sendte meldinger',
    none: 'Ingenting er sendt til søkeren ennå.',
    loadFailed: 'Meldingene kunne ikke hentes.',
    delivery: {
      delivered: 'Levert',
      failed: 'Feilet',
      pending: 'Sendes',
      'not-recorded': 'Levering ikke registrert',
    },
    deliveredAt: (time) => `Levert ${time}`,
    failedAt: (time) => `Feilet ${time}`,
    pendingSince: (time) => `Sendes, siden ${time}`,
    notRecorded: (time) =>
      `Bestilt ${time}. Saker opprettet under første versjon registrerer ikke leveringer, bare feil.`,
    reRendered:
      'Gjengitt på nytt: teksten er satt sammen igjen fra saksregisteret med dagens maler; den ble ikke lagret da meldingen ble sendt.',
    notSent: 'Ikke sendt: slik ville meldingen ha lydt.',
    unavailable: 'Teksten kan ikke vises: meldingen kunne ikke settes sammen fra saksregisteret.',
    showText: 'Vis teksten',
    inLanguage: (language) => `på ${language.toLocaleLowerCase('nb')}`,
    attachments: (names) => `Vedlegg: ${names}`,
    error: (reason) => `Årsak: ${reason}`,
  },
  picker: {
    countryHint: 'Skriv eller velg landets navn',
    countryListHint: 'Skriv landenes navn, skilt med komma, f.eks. Sverige, Danmark',
    sentAs: (value) => `Lagres som ${value}`,
    noCountry: 'Ukjent land – velg et navn fra listen',
    languageHint: 'Velg fra listen, eller skriv navnet på et annet språk',
    phoneHint: 'Norsk nummer uten landskode, eller med landskode (+46 …)',
    phoneIncomplete: 'Ikke et gyldig telefonnummer ennå',
  },
  form: {
    sending: 'Sender …',
    fixErrors: (count) => (count === 1 ? 'Rett 1 feil i skjemaet.' : `Rett ${count} feil i skjemaet.`),
    generalErrors: 'Skjemaet kan ikke sendes:',
    rejected: (listedBelow) =>
      listedBelow ? 'Tjenesten avviste dette:' : 'Tjenesten avviste dette. Se feltene som er merket.',
    rejectedNoField: 'Tjenesten avviste skjemaet.',
    required: 'Må fylles ut.',
  },
  formHint: {
    'lodgeAppeal:lodgedAt':
      'Når klagen ble postlagt, levert eller sendt, ikke når UDI registrerte den. En klage postlagt innen fristen er kommet tidsnok (fvl. § 30).',
    'lodgeAppeal:lateAppealExcused':
      'Bare når klagefristen er oversittet og UDI likevel tar klagen under behandling (fvl. § 31). Oppgi hvorfor.',
    'inviteToInterview:phoneCall':
      'Påkrevd når søkeren bor på privat adresse: UDI ringer søkeren før intervjuet og kan ordne hotellovernatting.',
    'recordDecisionServed:servedAt':
      'Når vedtaket kom fram til søkeren. Klagefristen på tre uker løper fra forkynningen (fvl. § 29).',
    'decideSuspensiveEffect:granted':
      'Kryss av hvis søkeren får bli i Norge mens klagen behandles (fvl. § 42, utl. § 90).',
    'decide:returnCountry':
      'Bare når søknaden ikke realitetsbehandles: det trygge landet søkeren oppholdt seg i før Norge (utl. § 32 første ledd bokstav a og d).',
    'recordDocument:passport': 'Når dokumentet er et pass levert til politiet: passet i saken oppdateres.',
    'registerDublinCase:eurodacHitAt':
      'Når Eurodac-treffet kom, hvis det kom etter registreringen hos politiet. Fristen for anmodning er da to måneder fra treffet.',
  },
  status: CASE_WORDS.nb.status,
  track: CASE_WORDS.nb.track,
  event: CASE_WORDS.nb.event,
  command: {
    registerWithPolice: 'Registrer hos politiet',
    assessCollectiveProtection: 'Vurder kollektiv beskyttelse',
    registerDublinCase: 'Opprett Dublin-sak',
    recordDublinReply: 'Registrer Dublin-svar',
    extendDublinTransferDeadline: 'Forleng overføringsfristen',
    recordDublinTransfer: 'Registrer Dublin-overføring',
    inviteToInterview: 'Innkall til intervju',
    recordInterview: 'Registrer intervju',
    decide: 'Fatt vedtak',
    lodgeAppeal: 'Registrer klage',
    reconsiderAppeal: 'Vurder klagen på nytt',
    recordUneDecision: 'Registrer UNEs vedtak',
    withdraw: 'Registrer at søknaden trekkes',
    reportLeftNorway: 'Meld at søkeren har forlatt Norge',
    reportDeparture: 'Registrer utreise',
    applyForWorkPermit: 'Registrer søknad om arbeidstillatelse',
    updateContactInfo: 'Oppdater kontaktinformasjon',
    recordDocument: 'Registrer dokument',
    recordDecisionServed: 'Registrer at vedtaket er forkynt',
    decideSuspensiveEffect: 'Avgjør utsatt iverksetting',
    assignCase: 'Tildel saken',
    addNote: 'Legg til notat',
  },
  role: CASE_WORDS.nb.role,
  field: CASE_WORDS.nb.field,
  value: CASE_WORDS.nb.value,
};

const en: Messages = {
  lang: 'en',
  locale: 'en-GB',
  common: {
    loading: 'Loading …',
    yes: 'Yes',
    no: 'No',
    none: 'None',
    notGiven: 'Not given',
    optional: 'optional',
    choose: '— choose —',
    any: 'Any',
    retry: 'Try again',
    close: 'Close',
    commaHint: 'Separate with commas, e.g. SE, DK',
    osloTimeHint: 'Norwegian time',
    given: 'Given',
    jsonHint: 'JSON',
    error: (message) => `Something went wrong: ${message}`,
    unreachable: 'The service cannot be reached. Check the connection and try again.',
  },
  app: {
    name: 'Saksflyt',
    tagline: 'Case handling of applications for protection',
    skipToContent: 'Skip to main content',
    navLabel: 'Main menu',
    dashboard: 'Dashboard',
    cases: 'Cases',
    newCase: 'New case',
    signedInAs: (username, role) => `Signed in as ${username} (${role})`,
    signOut: 'Sign out',
    switchLanguage: 'Norsk',
    switchLanguageLabel: 'Bytt til norsk',
    switchLanguageLang: 'nb',
    healthChecking: 'Checking the system …',
    checkingSession: 'Checking whether you are signed in …',
    healthOk: 'The system is up: Temporal answers and a worker handles cases.',
    healthBad: (temporalDown, workerAbsent) =>
      `The system is not ready: ${temporalDown ? 'Temporal cannot be reached' : workerAbsent ? 'no worker is processing cases' : 'Temporal does not answer as expected'}.`,
    healthUnreachable: 'The API does not answer.',
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no such address in Saksflyt.',
    toDashboard: 'Go to the dashboard',
    signedOut: 'You are signed out.',
    myCases: 'My cases',
    queues: 'Team queues',
    workload: 'Workload',
    policy: 'Policy',
  },
  signIn: {
    title: 'Sign in',
    intro: 'Sign in with your username and password to handle cases.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in …',
    wrong: 'Wrong username or password.',
    rateLimited: (seconds) =>
      seconds
        ? `Too many attempts. Wait ${seconds} seconds and try again.`
        : 'Too many attempts. Wait a moment and try again.',
    expired: 'Your session has expired or is no longer valid. Sign in again.',
    missing: 'Enter your username and password.',
  },
  dashboard: {
    title: 'Dashboard',
    byStatus: 'Cases by status',
    byTrack: 'Cases by track',
    chartSummary: (parts) => `Chart: ${parts}`,
    count: 'Cases',
    total: (count) => `${count} cases in all`,
    totalLabel: 'Total',
    deadlinesTitle: 'Deadlines in the next 14 days',
    deadlinesIntro: 'Cases with a deadline running out within 14 days, earliest first.',
    deadlinesEmpty: 'No deadlines in the next 14 days.',
    priorityTitle: 'Interview priority queue',
    priorityIntro:
      'Single, childless adults who stayed in no other safe country and await an interview: UDI interviews them first.',
    priorityEmpty: 'The queue is empty.',
    workTitle: 'Work lists',
    workIntro: 'Cases waiting for someone at UDI to act. Choose a list to see its cases.',
    workColumn: 'Work list',
    workHintColumn: 'What waits',
    workEmpty: 'No cases are waiting.',
    dublinRequestsDue: 'Dublin request deadline within 14 days',
    workHint: {
      'decision-not-served': 'The decision is made but not served. The appeal period runs only from service.',
      'suspensive-effect-waiting':
        'The appellant asked for suspensive effect, and UDI has not decided the request.',
      'interview-call-not-reached':
        'The applicant lives at a private address and was not reached when UDI called before the interview. Call again.',
      'document-to-forward':
        'Documents that are to be forwarded to UNE or the police and have not been sent.',
      'dublin-request-due':
        'Cases under individual assessment whose last day for asking another Dublin state to take responsibility falls within 14 days. After it, Norway is responsible.',
    },
  },
  columns: {
    duf: 'DUF number',
    status: 'Status',
    track: 'Track',
    homeOblast: 'Home oblast',
    interviewPriority: 'Interview priority',
    nextDeadline: 'Next deadline',
    startedAt: 'Started',
    closed: 'Closed',
    workItems: 'To do',
    team: 'Team',
    age: 'Age',
    assignedTo: 'Caseworker',
    name: 'Name',
    lodgedAt: 'Lodged',
  },
  caseList: {
    title: 'Cases',
    total: (count) => (count === 1 ? '1 case' : `${count} cases`),
    personTitle: 'Find a person',
    personName: 'Name',
    personNameHint:
      "Every word must be in the name, in any order. Case and accents do not matter, but whole words must match: 'Koval' does not find 'Kovalenko'.",
    dateOfBirth: 'Date of birth',
    personSubmit: 'Search',
    personClear: 'Clear the search',
    personLogged: 'Every search for a person is logged with who searched and what for.',
    personNeedsOne: 'Enter a name or choose a date of birth.',
    personIncomplete:
      'The search matched more cases than the list shows. Add the date of birth or more of the name.',
    unnamed: '—',
    filterTitle: 'Filter cases',
    deadlineBefore: 'Deadline on or before',
    apply: 'Show cases',
    reset: 'Reset',
    results: (count) => (count === 1 ? '1 case on this page' : `${count} cases on this page`),
    empty: 'No cases match the filter.',
    nextPage: 'Next page',
    firstPage: 'First page',
    page: (page) => `Page ${page}`,
    openTitle: 'Open a case',
    openDuf: 'DUF number (12 digits)',
    openSubmit: 'Open',
    openInvalid: 'A DUF number is 12 digits.',
    workItem: 'Work list',
    dublinRequestDueBefore: 'Dublin request deadline on or before',
    dublinRequestDueNote:
      "Shows cases under individual assessment whose next deadline runs out by the date. For a case with an interview scheduled the next deadline may be the interview reminder; see the case's deadlines.",
  },
  casePage: {
    title: (dufNumber) => `Case ${dufNumber}`,
    notFound: (dufNumber) => `There is no case with DUF number ${dufNumber}.`,
    closedNote: 'The case is closed.',
    priorityBadge: 'Interview priority',
    applicantTitle: 'Applicant',
    screeningTitle: 'Collective protection screening',
    noReasons: 'No reasons against collective protection.',
    deadlinesTitle: 'Deadlines',
    noDeadlines: 'No running deadlines.',
    passportTitle: 'Passport',
    workPermitTitle: 'Temporary work permit',
    eligible: 'Eligible',
    notEligible: 'Not eligible',
    detailsTitle: 'Case progress',
    documentsTitle: 'Documents',
    actionsTitle: 'Actions',
    noActions: 'No actions are possible in this status.',
    closedNoActions: 'The case is closed, so no actions are possible. You can still add internal notes.',
    auditorNoActions: 'As an auditor you can read the case but not change it.',
    timelineTitle: 'Events',
    timelineEmpty: 'No events.',
    showStateAfter: (seq) => `Show the case after event ${seq}`,
    stateAfterTitle: (seq) => `The case as it stood after event ${seq}`,
    commandDone: (command, status) => `${command}: done. The status is now “${status}”.`,
    moved: 'The case changed in the meantime, and the action was not carried out.',
    reloaded: (status) => `The case was reloaded. The status is now “${status}”.`,
    forbidden: 'Your role may not do this.',
    gone: 'The case no longer exists.',
    updatedAt: 'Last changed',
    auditLink: 'Audit',
    rulesV1Badge: 'Rules version 1',
    rulesV1Hint:
      "The case was opened under Saksflyt's first release and keeps its rules: the appeal period runs from the decision, not from service.",
    workItemsLabel: 'To do',
    appealTitle: 'Decision, service and appeal',
    notServed: 'Not yet served',
    noAppeal: 'No appeal recorded.',
    suspensive: {
      'not-requested': 'Not requested',
      waiting: 'Requested, awaiting a decision',
      granted: 'Granted: the applicant may stay while the appeal is considered',
      refused: 'Refused: the decision may be enforced',
    },
    lawyerUnnamed: 'Name not given',
    recordTitle: 'Lawyer, UNE and the police',
    forwarding: 'Forwarding',
    forwardPending: 'not yet sent',
    forwardedAt: (date) => `sent ${date}`,
    phoneReached: 'Reached',
    phoneNotReached: 'Not reached',
  },
  desk: {
    commandsIntro: 'Choose what to do. Actions that cannot be undone ask you first.',
    commandListLabel: 'Possible actions',
    irreversibleMark: 'cannot be undone',
    closeForm: 'Close the form',
    confirmTitle: (command) => `${command}: are you sure?`,
    confirmIntro: 'This cannot be undone. If you go on:',
    confirmUnforeseen: 'The page cannot tell beforehand what happens to the case; the service decides.',
    confirmCancel: 'Cancel',
    confirmGo: (command) => `Confirm: ${command}`,
    consequence: {
      closes: (status) => `The case closes with the status “${status}”.`,
      movesTo: (status) => `The case moves to the status “${status}”.`,
      dutyToLeave: (days, deadline) =>
        `The applicant gets a duty to leave Norway, with a departure deadline of ${days} days: ${deadline} (Immigration Act § 90).`,
      appealFromService:
        'The applicant may appeal within three weeks of the decision being served (Public Administration Act § 29).',
      dutyToLeaveUnlessAppealed: (days) =>
        `Without an appeal in time, the applicant gets a duty to leave Norway, with a departure deadline of ${days} days.`,
      appealUntil: (deadline) => `The applicant may appeal ${deadline} (Public Administration Act § 29).`,
      final: 'The decision is final and cannot be appealed.',
    },
    showAll: 'Show all',
    showLess: 'Show less',
    workPermitReason: {
      'interview-not-held': 'the interview has not been held yet',
      'no-valid-passport': 'the applicant has no valid passport',
      'internal-passport-only': 'the applicant has an internal passport only, not an international one',
      'decision-made': 'the case has already been decided',
      'dublin-case': 'the case is handled under the Dublin rules',
      rejected: 'the application for protection was rejected',
    },
  },
  audit: {
    title: (dufNumber) => `Audit of case ${dufNumber}`,
    backToCase: 'Back to the case',
    notAllowed: 'The audit view is for auditors and administrators only.',
    notFound: (dufNumber) =>
      `No events found for DUF number ${dufNumber}, neither in Temporal nor in the archive.`,
    noEvents: 'The case has no events.',
    sourceLabel: 'Source',
    source: { temporal: 'Temporal', archive: 'Archive', projection: 'Read model' },
    sourceHint: {
      temporal: "The events were read from the case's workflow in Temporal.",
      projection: "The events were read from the read model the case's workflow keeps up to date.",
      archive: 'The case is no longer in Temporal. The events were read from the archive.',
    },
    timelineTitle: 'Timeline',
    sliderLabel: 'Show the case after event',
    sliderHint:
      'Use the arrow keys to step one event forward or back, Home and End for the first and the last.',
    position: (index, total, seq, event) => `Event ${index} of ${total}: no. ${seq}, ${event}`,
    selected: 'selected',
    stateTitle: (seq) => `The case after event ${seq}`,
    stateNote:
      "Computed in the browser from the events with the domain's own evolve, the one the workflow uses.",
    foldFailed: (message) => `The events could not be folded into a state: ${message}`,
    diffTitle: 'Compare two moments',
    diffIntro: 'Every field that differs between the case as it stood after the two events.',
    diffFrom: 'From: after event',
    diffTo: 'To: after event',
    diffCaption: (count, from, to) =>
      count === 1
        ? `1 field changed from event ${from} to ${to}`
        : `${count} fields changed from event ${from} to ${to}`,
    diffPath: 'Field',
    diffBefore: 'Before',
    diffAfter: 'After',
    diffEmpty: 'No differences.',
    eventOption: (seq, event) => `${seq}: ${event}`,
    absent: 'not set',
    change: { added: 'added', removed: 'removed', changed: 'changed' },
    toolsTitle: 'Verification and export',
    replay: 'Replay this case',
    replayHint:
      "Replays the case's Temporal history against today's workflow code. A divergence means the code no longer gives the same history.",
    replaying: 'Replaying …',
    replayPassed: (replayed) =>
      replayed === 1
        ? "The replay passed: today's code gives the same history."
        : `The replay passed: ${replayed} histories give the same result with today's code.`,
    replayFailed: "The replay failed: today's code does not give the same history.",
    replayNothing: 'No history was replayed.',
    exportTitle: 'Export',
    exportHint: 'The whole case with every event, as a file.',
    exportJson: 'Download JSON',
    exportPdf: 'Download PDF',
    exporting: 'Fetching …',
    exported: (fileName) => `${fileName} downloaded.`,
  },
  work: {
    myCasesTitle: 'My cases',
    myCasesIntro: 'The cases you hold, the nearest deadline first, then the oldest.',
    myCasesEmpty: 'You hold no cases. Take one from a team queue.',
    ageDays: (days) => (days === 1 ? '1 day' : `${days} days`),
    queuesTitle: 'Team queues',
    queuesIntro:
      "Cases waiting in a team's queue for someone to take them, and cases held by a disabled account.",
    teamPicker: 'Team',
    showQueue: 'Show queue',
    queueTitle: (team) => `Queue of ${team}`,
    queueEmpty: 'The queue is empty.',
    holderDisabled: (holder) => `Holder disabled: ${holder}`,
    onlyAdminMoves: 'Only an admin can move this case.',
    take: 'Take',
    takeCase: (dufNumber) => `Take case ${dufNumber}`,
    taking: 'Taking …',
    takenByYou: 'You took the case.',
    takenBy: (holder) => `The case has already been taken by ${holder}.`,
    allocationTitle: 'Assignment',
    holder: 'Caseworker',
    team: 'Team',
    you: 'you',
    inQueue: "Nobody – the case waits in the team's queue",
    heldByOther: (holder) => `The case is assigned to ${holder}.`,
    heldByOtherHint:
      'You can still act on the case, but talk to its caseworker first so that you do not both do the same work.',
    takeHere: 'Take the case',
    handTo: 'Hand to …',
    handToHint: 'Enabled caseworkers and admins.',
    handToChoose: 'Who is to have the case',
    handToNoOne: 'There is no other enabled caseworker or admin to hand the case to.',
    handToUnavailable: 'Could not load whom the case can be handed to.',
    handToSubmit: 'Hand on',
    returnToQueue: 'Return to queue',
    returnTeam: 'To the queue of',
    returnTeamDefault: 'The team its status calls for',
    returnSubmit: 'Return',
    busy: 'Sending …',
    handToMissing: 'Choose who is to have the case.',
    announceTaken: 'You took the case.',
    announceHanded: (holder) => `The case was handed to ${holder}.`,
    announceReturned: (team) => `The case was returned to the queue of ${team}.`,
    noteTitle: 'Add note',
    noteLabel: 'Note',
    noteHint: 'Internal note, never sent to the applicant. It stays on the case with your name and the time.',
    noteCounter: (used, max) => `${used} of ${max} characters`,
    noteTooLong: (max) => `A note is at most ${max} characters.`,
    noteEmpty: 'Write the note first.',
    noteSubmit: 'Save note',
    noteAdded: 'The note was saved.',
    internalNote: 'Internal note – never sent to the applicant',
    assignedTaken: (holder) => `Taken by ${holder}`,
    assignedHanded: (holder, from) => (from ? `Handed from ${from} to ${holder}` : `Assigned to ${holder}`),
    assignedReturned: (team, from) =>
      from ? `Returned to the queue of ${team} (held by ${from})` : `Moved to the queue of ${team}`,
    workloadTitle: 'Workload',
    workloadIntro: 'Open cases per caseworker and per team. Disabled accounts are marked.',
    byCaseworker: 'Per caseworker',
    byTeam: 'Per team',
    username: 'Username',
    role: 'Role',
    open: 'Open cases',
    unassigned: 'In the queue',
    holderDisabledColumn: 'Holder disabled',
    disabled: 'Disabled',
    workloadAdminsOnly: 'Only admins see the workload.',
  },
  stats: {
    title: 'Processing times and backlog',
    intro: (weeks, asOf) =>
      `The last ${weeks} weeks, as of ${asOf}. Days count from when the application was lodged.`,
    toDecision: 'Days to the first-instance decision',
    toClosing: 'Days to closing',
    median: 'Median',
    p90: '90th percentile',
    days: 'Days',
    daysValue: (days) => (days === null ? '–' : `${days} d`),
    cases: 'Cases',
    openByAge: 'Open cases by age',
    band: {
      '0-30': '0–30 days',
      '31-90': '31–90 days',
      '91-180': '91–180 days',
      '181-365': '181–365 days',
      'over-365': 'Over a year',
    },
    perWeek: 'Lodged, decided and closed per week',
    weekStarting: 'Week from',
    lodged: 'Lodged',
    decided: 'Decided',
    closed: 'Closed',
    showNumbers: 'Show the numbers',
    chartSummary: (parts) => `Chart: ${parts}`,
  },
  team: {
    registration: 'Registration',
    'dublin-unit': 'Dublin unit',
    'interviews-oslo': 'Interviews Oslo',
    'interviews-trondheim': 'Interviews Trondheim',
    decisions: 'Decisions',
    appeals: 'Appeals',
  },
  policy: {
    title: 'Policy versions',
    intro:
      'The versions of the policy cases are judged by: which areas are held safe for internal protection, which home areas are excluded from collective protection, and the default departure deadline. The time limits are law and are not changed here.',
    timelineTitle: 'Versions',
    timelineIntro: 'Oldest first. A published version never changes; a correction is a new version.',
    stage: { past: 'Earlier', 'in-force': 'In force', future: 'Scheduled' },
    validFrom: (date) => `Applies from ${date}`,
    builtIn: 'Built into the system',
    publishedBy: (username, at) => `Published by ${username} on ${at}`,
    source: 'Source',
    safeOblasts: 'Safe areas for internal protection',
    excludedOblasts: 'Home areas excluded from collective protection',
    departureDefault: 'Default departure deadline',
    days: (days) => (days === 1 ? '1 day' : `${days} days`),
    reviewTitle: (count) => `Cases to review (${count})`,
    reviewEmpty: 'No open case was touched when the version was published.',
    kind: {
      'decision-rests-on-unsafe-area':
        'The rejection relies on internal protection in an area the version does not hold safe',
      'appeal-rests-on-unsafe-area':
        'The appealed rejection relies on internal protection in an area the version does not hold safe',
      'home-area-becomes-safe': 'The home area is now held safe for internal protection',
      'home-area-enters-exclusion': 'The home area becomes excluded from collective protection',
      'home-area-leaves-exclusion': 'The home area is no longer excluded from collective protection',
    },
    effect: {
      'decision-rests-on-unsafe-area': ({ oblast, decidedAt, policyVersion }) =>
        `The rejection made ${decidedAt} relies on internal protection in ${oblast}, which the draft no longer holds safe (${policyVersion} did).`,
      'appeal-rests-on-unsafe-area': ({ oblast, decidedAt, policyVersion }) =>
        `The appealed rejection made ${decidedAt} relies on internal protection in ${oblast}, which the draft no longer holds safe (${policyVersion} did).`,
      'home-area-becomes-safe': ({ oblast, inForce }) =>
        `Awaiting a decision. The applicant comes from ${oblast}, which the draft holds safe for internal protection (${inForce} does not).`,
      'home-area-enters-exclusion': ({ oblast, screenedUnder }) =>
        `Awaiting the collective assessment. The applicant comes from ${oblast}, which the draft excludes from collective protection (${screenedUnder} did not when the case was screened).`,
      'home-area-leaves-exclusion': ({ oblast, screenedUnder }) =>
        `Awaiting the collective assessment. The applicant comes from ${oblast}, which the draft no longer excludes from collective protection (${screenedUnder} did when the case was screened).`,
    },
    unknownEffect: 'The draft would treat the case differently.',
    draftTitle: 'Draft of a new version',
    draftIntro: (version) =>
      `The lists are filled in from the version in force (${version}). Change them, and preview which open cases the draft would treat differently. Nothing changes until an admin publishes.`,
    draftVersion: 'Version name',
    draftVersionHint: 'A name no other version has, e.g. NO-UKR-2026-03-01',
    draftValidFrom: 'Applies from',
    draftValidFromHint: 'Norwegian date, today or later',
    draftSource: 'Source',
    draftSourceHint: 'The guideline or decision the version follows',
    draftDeparture: 'Default departure deadline in days',
    draftDepartureHint: (days) =>
      `Between 7 and 30 days (utl. § 90). Empty: as the version in force (${days} days).`,
    oblastCount: (chosen, total) => `${chosen} of ${total} chosen`,
    resetDraft: 'Fill in again from the version in force',
    preview: 'Preview impact',
    previewing: 'Finding the impact …',
    impactTitle: 'Impact on open cases',
    impactCaption: (count) =>
      count === 1
        ? 'The draft would treat 1 open case differently.'
        : `The draft would treat ${count} open cases differently.`,
    impactEmpty: 'The draft touches no open case.',
    impactStale: 'The draft changed after the preview. Preview again to see the impact of the new one.',
    effectsColumn: 'Impact',
    publish: 'Publish …',
    publishing: 'Publishing …',
    publishAdminsOnly: 'Only admins can publish a new version.',
    confirmTitle: (version) => `Publish ${version}?`,
    confirmCases: (count) =>
      count === 0
        ? 'The version touches no open case.'
        : count === 1
          ? 'The version touches 1 open case, which is listed for review.'
          : `The version touches ${count} open cases, which are listed for review.`,
    confirmValidFrom: (date) => `It applies from ${date}.`,
    confirmNote:
      'No case is changed automatically. A published version cannot be changed or withdrawn; a correction is a new version.',
    confirmCancel: 'Cancel',
    confirmGo: 'Publish the version',
    published: (version) => `${version} is published.`,
    reviewPanelTitle: 'Policy changes to review',
    reviewPanelIntro:
      'Open cases a new policy version touched when it was published. Nothing in them was changed automatically: a caseworker decides what to do.',
    reviewVersionFacts: (date, username) => `Applies from ${date} · published by ${username}`,
    reviewCaseCount: (count) => (count === 1 ? '1 case' : `${count} cases`),
    reviewYours: 'Your case',
    reviewYoursHint: 'The cases you hold come first.',
    caseReviewNote: (version, date) => `Listed for review after policy version ${version} (from ${date}):`,
    caseReviewDecide: 'Nothing in the case was changed automatically: a caseworker decides what to do.',
    caseReviewLink: (version) => `See ${version} among the policy versions`,
  },
  newCase: {
    title: 'New case',
    intro: 'Register an application for protection. Fields marked “optional” may be left empty.',
    submit: 'Create case',
    created: (dufNumber) => `Case ${dufNumber} was created.`,
    exists: 'A case with this DUF number already exists.',
    openExisting: (dufNumber) => `Open case ${dufNumber}`,
    notAllowed: 'Your role cannot create cases.',
  },
  sentMessages: {
    title: 'Messages sent',
    none: 'Nothing has been sent to the applicant yet.',
    loadFailed: 'The messages could not be loaded.',
    delivery: {
      delivered: 'Delivered',
      failed: 'Failed',
      pending: 'Being sent',
      'not-recorded': 'Delivery not recorded',
    },
    deliveredAt: (time) => `Delivered ${time}`,
    failedAt: (time) => `Failed ${time}`,
    pendingSince: (time) => `Being sent since ${time}`,
    notRecorded: (time) =>
      `Called for ${time}. Cases opened under the first release record no deliveries, only failures.`,
    reRendered:
      'Re-rendered: this text was composed again from the case record with today’s templates; it was not stored when the message was sent.',
    notSent: 'Not sent: this is the text the message would have had.',
    unavailable: 'The text cannot be shown: the message could not be composed from the record.',
    showText: 'Show the text',
    inLanguage: (language) => `in ${language}`,
    attachments: (names) => `Attached: ${names}`,
    error: (reason) => `Why: ${reason}`,
  },
  picker: {
    countryHint: 'Type or choose the country by name',
    countryListHint: 'Type the countries by name, separated by commas, e.g. Sweden, Denmark',
    sentAs: (value) => `Stored as ${value}`,
    noCountry: 'Unknown country – choose a name from the list',
    languageHint: 'Choose from the list, or type the name of another language',
    phoneHint: 'A Norwegian number without a country code, or with one (+46 …)',
    phoneIncomplete: 'Not a valid phone number yet',
  },
  form: {
    sending: 'Sending …',
    fixErrors: (count) =>
      count === 1 ? 'Correct 1 error in the form.' : `Correct ${count} errors in the form.`,
    generalErrors: 'The form cannot be sent:',
    rejected: (listedBelow) =>
      listedBelow ? 'The service refused this:' : 'The service refused this. See the marked fields.',
    rejectedNoField: 'The service refused the form.',
    required: 'Required.',
  },
  formHint: {
    'lodgeAppeal:lodgedAt':
      'When the appeal was posted, handed in or sent, not when UDI registered it. An appeal posted within the deadline is in time (fvl. § 30).',
    'lodgeAppeal:lateAppealExcused':
      'Only when the appeal deadline was missed and UDI considers the appeal anyway (fvl. § 31). Give the reasons.',
    'inviteToInterview:phoneCall':
      'Required when the applicant lives at a private address: UDI calls the applicant before the interview and can arrange a hotel night.',
    'recordDecisionServed:servedAt':
      'When the decision reached the applicant. The three-week appeal period runs from service (fvl. § 29).',
    'decideSuspensiveEffect:granted':
      'Tick if the applicant may stay in Norway while the appeal is considered (fvl. § 42, utl. § 90).',
    'decide:returnCountry':
      'Only when the application is not examined: the safe country the applicant stayed in before Norway (utl. § 32 first paragraph (a) and (d)).',
    'recordDocument:passport':
      "When the document is a passport handed to the police: the case's passport is updated.",
    'registerDublinCase:eurodacHitAt':
      'When the Eurodac hit came, if after the police registration. The request period is then two months from the hit.',
  },
  status: CASE_WORDS.en.status,
  track: CASE_WORDS.en.track,
  event: CASE_WORDS.en.event,
  command: {
    registerWithPolice: 'Register with the police',
    assessCollectiveProtection: 'Assess collective protection',
    registerDublinCase: 'Register a Dublin case',
    recordDublinReply: 'Record the Dublin reply',
    extendDublinTransferDeadline: 'Extend the transfer deadline',
    recordDublinTransfer: 'Record the Dublin transfer',
    inviteToInterview: 'Invite to interview',
    recordInterview: 'Record the interview',
    decide: 'Make a decision',
    lodgeAppeal: 'Lodge an appeal',
    reconsiderAppeal: 'Reconsider the appeal',
    recordUneDecision: "Record UNE's decision",
    withdraw: 'Record a withdrawal',
    reportLeftNorway: 'Report that the applicant left Norway',
    reportDeparture: 'Report departure',
    applyForWorkPermit: 'Record a work-permit application',
    updateContactInfo: 'Update contact details',
    recordDocument: 'Record a document',
    recordDecisionServed: 'Record service of the decision',
    decideSuspensiveEffect: 'Decide on suspensive effect',
    assignCase: 'Assign the case',
    addNote: 'Add note',
  },
  role: CASE_WORDS.en.role,
  field: CASE_WORDS.en.field,
  value: CASE_WORDS.en.value,
};

export const MESSAGES: Record<Lang, Messages> = { nb, en };

export const isLang = (value: unknown): value is Lang => value === 'nb' || value === 'en';

const has = <T extends object>(record: T, key: string): key is Extract<keyof T, string> =>
  Object.prototype.hasOwnProperty.call(record, key);

/** The label of a property name; unknown names (a newer API) are shown as they are. */
export function fieldLabel(t: Messages, name: string): string {
  return has(t.field, name) ? t.field[name] : name;
}

/** The text of any enum value the UI shows: statuses, tracks, roles, commands, events, others; oblasts as they are. */
export function valueLabel(t: Messages, value: string): string {
  if (has(t.value, value)) return t.value[value];
  if (has(t.status, value)) return t.status[value];
  if (has(t.track, value)) return t.track[value];
  if (has(t.role, value)) return t.role[value];
  if (has(t.command, value)) return t.command[value];
  if (has(t.event, value)) return t.event[value];
  return value;
}

export function statusLabel(t: Messages, status: string): string {
  return has(t.status, status) ? t.status[status] : status;
}

export function trackLabel(t: Messages, track: string): string {
  return has(t.track, track) ? t.track[track] : track;
}

export function eventLabel(t: Messages, type: string): string {
  return has(t.event, type) ? t.event[type] : type;
}

export function commandLabel(t: Messages, command: string): string {
  return has(t.command, command) ? t.command[command] : command;
}

/** The guidance of a command's form, by the dotted path of the field it is for. */
export function formHints(t: Messages, command: string): Record<string, string> {
  const prefix = `${command}:`;
  return Object.fromEntries(
    Object.entries(t.formHint)
      .filter(([key, hint]) => key.startsWith(prefix) && hint !== undefined)
      .map(([key, hint]) => [key.slice(prefix.length), hint as string]),
  );
}

export function roleLabel(t: Messages, role: string): string {
  return has(t.role, role) ? t.role[role] : role;
}

/** A team's name: the API's, where the teams are loaded and name it, else the built-in name, else its id. */
export function teamLabel(
  t: Messages,
  team: string,
  teams?: readonly { id: string; name: Partial<Record<Lang, string>> }[],
): string {
  const configured = teams?.find((candidate) => candidate.id === team)?.name[t.lang];
  if (configured) return configured;
  return has(t.team, team) ? t.team[team] : team;
}
