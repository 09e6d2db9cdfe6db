import PDFDocument from 'pdfkit';
import {
  calendarDateText,
  CASE_WORDS,
  type CaseWords,
  osloDateTimeText,
  osloDeadlineText,
} from '@saksflyt/domain';
import { CASE_FILE_TEXTS, type CaseFileLanguage, type CaseFileTexts } from './case-file-texts';
import { caseExport } from './case-export';
import type { CaseRecordData } from './case-source';
import { legalBasisOf } from './legal-basis';

/** The case's newest record in the archive's hash chain: what a reader checks the case file against. */
export interface ArchivedRecordHash {
  index: number;
  archivedAt: string;
  hash: string;
  /** Keyed (HMAC-SHA-256) records name their key; older ones are plain SHA-256. */
  keyed: boolean;
  /** The record holds the case's events up to this one. */
  lastEventSeq: number;
}

export interface CaseFileOptions {
  language: CaseFileLanguage;
  /** The case's newest archive record; undefined while the case is not archived. */
  archive: ArchivedRecordHash | undefined;
  exportedAt?: Date;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The events' names for a time limit: their value is the instant it runs out, shown as its last day. */
const isDeadlineKey = (key: string) => key === 'dueAt' || key.endsWith('DueAt');

// A4 with 50 pt margins: 495 pt of text width. Helvetica is one of PDF's standard fonts: WinAnsi, so æ, ø and å
// (and every Norwegian letter) render without embedding a font.
const MARGIN = 50;
const WIDTH = 495;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MONO = 'Courier';

/** Words for one value: an enum value, status or role by name, a time in Oslo time, a yes/no. */
function valueInWords(key: string, value: unknown, words: CaseWords, texts: CaseFileTexts): string {
  if (typeof value === 'boolean') return value ? texts.yes : texts.no;
  if (Array.isArray(value))
    return value.map((item) => valueInWords(key, item, words, texts)).join(', ') || '—';
  if (value !== null && typeof value === 'object') return detailsInWords(value, words, texts);
  if (typeof value !== 'string') return value === null ? '—' : String(value);
  if (isDeadlineKey(key) && (ISO_DATE_TIME.test(value) || ISO_DATE.test(value)))
    return osloDeadlineText(value, texts.locale);
  if (ISO_DATE_TIME.test(value)) return osloDateTimeText(value, texts.locale);
  if (ISO_DATE.test(value)) return calendarDateText(value, texts.locale);
  const named = words.value as Record<string, string>;
  const statuses = words.status as Record<string, string>;
  const roles = words.role as Record<string, string>;
  if (Object.hasOwn(named, value)) return named[value] as string;
  if (Object.hasOwn(statuses, value)) return statuses[value] as string;
  return Object.hasOwn(roles, value) ? (roles[value] as string) : value;
}

/** An event's data in words: "Field: value; Field: value", with the UI's names of fields and values. */
function detailsInWords(data: unknown, words: CaseWords, texts: CaseFileTexts): string {
  const fields = words.field as Record<string, string>;
  return Object.entries((data ?? {}) as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${fields[key] ?? key}: ${valueInWords(key, value, words, texts)}`)
    .join('; ');
}

/** Draws the rows as a table with its column widths, breaking pages between rows and repeating the header. */
function table(
  pdf: PDFKit.PDFDocument,
  widths: readonly number[],
  rows: readonly (readonly string[])[],
  header?: readonly string[],
): void {
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  let y = pdf.y + 4;
  const drawRow = (cells: readonly string[], bold: boolean) => {
    pdf.font(bold ? BOLD : FONT).fontSize(8.5);
    const height =
      Math.max(
        ...cells.map((cell, column) => pdf.heightOfString(cell || ' ', { width: (widths[column] ?? 0) - 6 })),
      ) + 6;
    if (y + height > bottom()) {
      pdf.addPage();
      y = pdf.page.margins.top;
      if (header && !bold) drawRow(header, true);
    }
    let x = MARGIN;
    cells.forEach((cell, column) => {
      const width = widths[column] ?? 0;
      pdf.text(cell, x + 3, y + 3, { width: width - 6 });
      x += width;
    });
    y += height;
    pdf
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + WIDTH, y)
      .lineWidth(bold ? 0.8 : 0.3)
      .strokeColor('#888888')
      .stroke();
  };
  if (header) drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  pdf.font(FONT).fontSize(9);
  pdf.x = MARGIN;
  pdf.y = y + 4;
}

/** A label–value table: one row a fact. */
const facts = (pdf: PDFKit.PDFDocument, rows: readonly (readonly [string, string])[]) =>
  table(pdf, [150, WIDTH - 150], rows);

/**
 * The case file as a PDF for reading and filing, in Norwegian Bokmål or English: the case, the applicant, passport
 * and work permit, the decisions with their legal basis and policy version, deadlines, assignments, notes, every
 * event in words (the admin UI's names, `CASE_WORDS`), all times in Oslo time, page numbers, and the archive
 * record's hash so a reader can verify the record against the archive's chain.
 */
export function caseExportPdf(record: CaseRecordData, options: CaseFileOptions): Promise<Buffer> {
  const texts = CASE_FILE_TEXTS[options.language];
  const words = CASE_WORDS[options.language];
  const exported = caseExport(record, options.exportedAt);
  const { state } = record;
  const fields = words.field;
  const when = (instant: string) => osloDateTimeText(instant, texts.locale);
  const inWords = (key: string, value: unknown) => valueInWords(key, value, words, texts);
  const actor = (id: string, role: string) => `${id} (${inWords('role', role)})`;

  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      info: { Title: texts.title(state.dufNumber) },
      lang: options.language === 'nb' ? 'nb-NO' : 'en-GB',
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);

    const heading = (text: string) => {
      if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 60) pdf.addPage();
      pdf.x = MARGIN;
      pdf.moveDown(0.8).font(BOLD).fontSize(13).text(text, { width: WIDTH }).font(FONT).fontSize(9);
    };
    const paragraph = (text: string) =>
      pdf.font(FONT).fontSize(9).text(text, MARGIN, pdf.y, { width: WIDTH });

    pdf.font(BOLD).fontSize(18).text(texts.title(state.dufNumber));
    paragraph(texts.exported(when(exported.exportedAt), texts.source[record.source]));

    heading(texts.caseHeading);
    facts(pdf, [
      [fields.dufNumber, state.dufNumber],
      [fields.status, words.status[state.status]],
      [fields.track, words.track[state.track]],
      [fields.closed, state.closed ? texts.closed : texts.open],
      [fields.lodgedAt, when(state.lodgedAt)],
    ]);

    heading(texts.applicant);
    const applicant = state.application.applicant;
    const residence = applicant.residence;
    facts(pdf, [
      [fields.fullName, applicant.fullName],
      [fields.dateOfBirth, calendarDateText(applicant.dateOfBirth, texts.locale)],
      [fields.nationality, applicant.nationality],
      [fields.preferredLanguage, inWords('preferredLanguage', applicant.preferredLanguage)],
      [fields.maritalStatus, inWords('maritalStatus', applicant.maritalStatus)],
      [fields.hasChildren, inWords('hasChildren', applicant.hasChildren)],
      [fields.unaccompaniedMinor, inWords('unaccompaniedMinor', applicant.unaccompaniedMinor)],
      [fields.homeOblast, applicant.homeOblast],
      [
        fields.residence,
        residence.kind === 'reception-centre'
          ? `${inWords('kind', residence.kind)}: ${residence.centreName}`
          : `${inWords('kind', residence.kind)}: ${residence.address}`,
      ],
      [fields.contact, detailsInWords(applicant.contact, words, texts) || '—'],
      [fields.staysInSafeCountries, state.application.staysInSafeCountries.join(', ') || '—'],
    ]);

    heading(texts.passport);
    facts(pdf, [
      [fields.kind, inWords('kind', state.passport.kind)],
      [fields.number, state.passport.number ?? '—'],
      [
        fields.expiresOn,
        state.passport.expiresOn ? calendarDateText(state.passport.expiresOn, texts.locale) : '—',
      ],
      [fields.custody, inWords('custody', state.passport.custody)],
    ]);

    heading(texts.workPermit);
    const permit = state.workPermit;
    facts(pdf, [
      [fields.status, inWords('status', permit.status)],
      [fields.eligible, inWords('eligible', permit.eligible)],
      [fields.reasons, permit.reasons.length > 0 ? inWords('reasons', permit.reasons) : '—'],
      ...(permit.appliedAt ? [[fields.appliedAt, when(permit.appliedAt)] as const] : []),
      ...(permit.refusedFor?.length
        ? [[fields.refusedFor, inWords('refusedFor', permit.refusedFor)] as const]
        : []),
    ]);

    heading(texts.decisions);
    if (exported.decisions.length === 0) paragraph(texts.noDecisions);
    for (const decision of exported.decisions) {
      const { policyVersion, ...details } = decision.details;
      pdf
        .font(BOLD)
        .fontSize(10)
        .text(
          `${decision.seq}. ${words.event[decision.type as keyof CaseWords['event']] ?? decision.type}`,
          MARGIN,
        );
      const event = record.events.find((candidate) => candidate.seq === decision.seq);
      facts(pdf, [
        [texts.columns.time, when(decision.at)],
        [fields.actor, event ? actor(event.actor.id, event.actor.role) : decision.actor],
        [texts.legalBasis, legalBasisOf(decision.type, details) ?? '—'],
        [fields.policyVersion, typeof policyVersion === 'string' ? policyVersion : '—'],
        ...Object.entries(details)
          .filter(([, value]) => value !== undefined)
          .map(
            ([key, value]) => [(fields as Record<string, string>)[key] ?? key, inWords(key, value)] as const,
          ),
      ]);
    }

    heading(texts.deadlines);
    if (exported.deadlines.length === 0) paragraph(texts.noDeadlines);
    else
      table(
        pdf,
        [110, 150, 90, 145],
        exported.deadlines.map((deadline) => [
          inWords('kind', deadline.kind),
          osloDeadlineText(deadline.dueAt, texts.locale),
          texts.setBy(deadline.setBySeq),
          [
            texts.outcome[deadline.outcome],
            deadline.endedBySeq !== undefined ? texts.endedBy(deadline.endedBySeq) : '',
          ]
            .filter(Boolean)
            .join(', '),
        ]),
        [fields.kind, fields.dueAt, '', fields.outcome],
      );

    heading(texts.notes);
    if (exported.notes.length === 0) paragraph(texts.none);
    else
      table(
        pdf,
        [30, 95, 110, 260],
        record.events.flatMap((event) =>
          event.type === 'NoteAdded'
            ? [[String(event.seq), when(event.at), actor(event.actor.id, event.actor.role), event.data.text]]
            : [],
        ),
        [texts.columns.seq, texts.columns.time, texts.columns.actor, fields.text],
      );

    heading(texts.events);
    table(
      pdf,
      [30, 85, 105, 95, 180],
      record.events.map((event) => [
        String(event.seq),
        when(event.at),
        words.event[event.type],
        actor(event.actor.id, event.actor.role),
        detailsInWords(event.data, words, texts),
      ]),
      [
        texts.columns.seq,
        texts.columns.time,
        texts.columns.event,
        texts.columns.actor,
        texts.columns.details,
      ],
    );

    heading(texts.archive);
    if (options.archive) {
      paragraph(
        texts.archived(options.archive.index, when(options.archive.archivedAt), options.archive.lastEventSeq),
      );
      pdf.moveDown(0.3).font(BOLD).text(texts.hashKind(options.archive.keyed), MARGIN);
      pdf.font(MONO).fontSize(9).text(options.archive.hash, MARGIN, pdf.y, { width: WIDTH });
      pdf.moveDown(0.3);
      paragraph(texts.verifyHint);
    } else paragraph(texts.notArchived);

    // Page numbers last, once the number of pages is known; the footer sits in the bottom margin.
    const pages = pdf.bufferedPageRange();
    for (let page = 0; page < pages.count; page++) {
      pdf.switchToPage(pages.start + page);
      const bottomMargin = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      pdf
        .font(FONT)
        .fontSize(8)
        .text(texts.page(page + 1, pages.count), MARGIN, pdf.page.height - 35, {
          width: WIDTH,
          align: 'center',
        });
      pdf.page.margins.bottom = bottomMargin;
    }
    pdf.end();
  });
}
