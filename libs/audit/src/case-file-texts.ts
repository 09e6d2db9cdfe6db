import type { RecordSource } from './case-source';
import type { DeadlineOutcome, WordsLanguage } from '@saksflyt/domain';

// The PDF case file's own texts, in the two languages it is made in. The names of statuses, events, fields and
// values are the domain's `CASE_WORDS`, shared with the admin UI; only what the case file alone says is here.

export type CaseFileLanguage = WordsLanguage;
export const CASE_FILE_LANGUAGES: readonly CaseFileLanguage[] = ['nb', 'en'];

export interface CaseFileTexts {
  /** BCP 47 locale for dates and times (through the domain's Oslo formatter). */
  locale: string;
  title: (dufNumber: string) => string;
  exported: (when: string, source: string) => string;
  source: Record<RecordSource, string>;
  caseHeading: string;
  closed: string;
  open: string;
  applicant: string;
  passport: string;
  workPermit: string;
  decisions: string;
  noDecisions: string;
  legalBasis: string;
  deadlines: string;
  noDeadlines: string;
  setBy: (seq: number) => string;
  outcome: Record<DeadlineOutcome['outcome'], string>;
  endedBy: (seq: number) => string;
  notes: string;
  none: string;
  events: string;
  columns: { seq: string; time: string; event: string; actor: string; details: string };
  archive: string;
  archived: (index: number, when: string, lastEventSeq: number) => string;
  hashKind: (keyed: boolean) => string;
  verifyHint: string;
  notArchived: string;
  yes: string;
  no: string;
  page: (current: number, total: number) => string;
}

export const CASE_FILE_TEXTS: Readonly<Record<CaseFileLanguage, CaseFileTexts>> = {
  nb: {
    locale: 'nb-NO',
    title: (duf) => `Saksmappe ${duf}`,
    exported: (when, source) => `Eksportert ${when} fra ${source}. Alle tider er norsk tid (Oslo).`,
    source: {
      temporal: 'Temporal (saken slik den står nå)',
      archive: 'arkivet',
      projection: 'lesemodellen (saken slik den står nå)',
    },
    caseHeading: 'Saken',
    closed: 'Avsluttet',
    open: 'Åpen',
    applicant: 'Søkeren',
    passport: 'Pass',
    workPermit: 'Arbeidstillatelse',
    decisions: 'Vedtak',
    noDecisions: 'Ingen vedtak ennå.',
    legalBasis: 'Hjemmel',
    deadlines: 'Frister',
    noDeadlines: 'Ingen frister.',
    setBy: (seq) => `satt ved hendelse ${seq}`,
    outcome: { met: 'overholdt', 'ran-out': 'løp ut', running: 'løper', lifted: 'falt bort' },
    endedBy: (seq) => `hendelse ${seq}`,
    notes: 'Interne notater',
    none: 'Ingen.',
    events: 'Hendelser',
    columns: { seq: 'Nr.', time: 'Tid', event: 'Hendelse', actor: 'Utført av', details: 'Opplysninger' },
    archive: 'Arkivpost',
    archived: (index, when, last) =>
      `Arkivert ${when} som post nr. ${index} i arkivkjeden, med hendelsene til og med nr. ${last}.`,
    hashKind: (keyed) => (keyed ? 'Hash (HMAC-SHA-256)' : 'Hash (SHA-256)'),
    verifyHint:
      'Kontroller at posten er uendret med «saksflyt audit verify» (se docs/audit.md): hashen over skal stå i kjeden.',
    notArchived:
      'Saken er ikke arkivert ennå: den arkiveres når den avsluttes. Til da er Temporal kilden, og denne utskriften har ingen arkivhash.',
    yes: 'Ja',
    no: 'Nei',
    page: (current, total) => `Side ${current} av ${total}`,
  },
  en: {
    locale: 'en-GB',
    title: (duf) => `Case file ${duf}`,
    exported: (when, source) => `Exported ${when} from ${source}. All times are Norwegian time (Oslo).`,
    source: {
      temporal: 'Temporal (the case as it stands)',
      archive: 'the archive',
      projection: 'the read model (the case as it stands)',
    },
    caseHeading: 'The case',
    closed: 'Closed',
    open: 'Open',
    applicant: 'Applicant',
    passport: 'Passport',
    workPermit: 'Work permit',
    decisions: 'Decisions',
    noDecisions: 'No decisions yet.',
    legalBasis: 'Legal basis',
    deadlines: 'Deadlines',
    noDeadlines: 'No deadlines.',
    setBy: (seq) => `set by event ${seq}`,
    outcome: { met: 'met', 'ran-out': 'ran out', running: 'running', lifted: 'lifted' },
    endedBy: (seq) => `event ${seq}`,
    notes: 'Internal notes',
    none: 'None.',
    events: 'Events',
    columns: { seq: 'No.', time: 'Time', event: 'Event', actor: 'By', details: 'Details' },
    archive: 'Archive record',
    archived: (index, when, last) =>
      `Archived ${when} as record no. ${index} of the archive chain, with the events up to no. ${last}.`,
    hashKind: (keyed) => (keyed ? 'Hash (HMAC-SHA-256)' : 'Hash (SHA-256)'),
    verifyHint:
      'Check that the record is unchanged with "saksflyt audit verify" (see docs/audit.md): the hash above must be in the chain.',
    notArchived:
      'The case is not archived yet: it is archived when it closes. Until then Temporal is its source, and this file has no archive hash.',
    yes: 'Yes',
    no: 'No',
    page: (current, total) => `Page ${current} of ${total}`,
  },
};
