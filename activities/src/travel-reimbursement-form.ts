import PDFDocument from 'pdfkit';
import { UDI_POSTAL_ADDRESS } from './templates/language-pack';

/**
 * The travel-reimbursement form the seed says the interview invitation e-mail "will have attached": a one-page A4
 * PDF for an applicant at a private address, who travels to the interview on their own and is reimbursed.
 *
 * Language: the form is in Norwegian and English, as UDI's forms commonly are, whatever language the applicant
 * reads (the message it comes with is in that language and says what the form is). pdfkit's built-in Helvetica
 * cannot render Cyrillic, and no installed package ships a font that can; Helvetica's WinAnsi does cover æ, ø, å.
 *
 * The bytes are a function of the input alone (the creation date is the form's revision, and pdfkit derives the
 * file ID from the info dictionary), so a retried delivery attaches the very same file.
 */
export interface TravelReimbursementFormInput {
  fullName: string;
  dufNumber: string;
  /** ISO instant or date of the interview; shown in Norwegian time. */
  interviewAt?: string;
  interviewLocation?: 'oslo' | 'trondheim' | 'online';
  /** The address on file: where the journey is presumed to start. */
  travelFrom?: string;
  /** A hotel night before the interview was arranged in UDI's call. */
  hotelNight?: boolean;
}

export const TRAVEL_REIMBURSEMENT_FORM_TYPE = 'application/pdf';

export function travelReimbursementFormFileName(dufNumber: string): string {
  return `reiseutgifter-travel-expenses-${dufNumber}.pdf`;
}

/** This layout's revision: the PDF's creation date, and printed in the footer. */
export const FORM_REVISION = '2026-11-29';

const PLACES = { oslo: 'UDI, Oslo', trondheim: 'UDI, Trondheim', online: 'Digitalt / Online' } as const;

/**
 * What Helvetica can show: WinAnsi, i.e. Latin-1 plus the few characters pdfkit maps into 0x80–0x9F. pdfkit
 * writes anything else as garbage, so a value with such characters (a name in Cyrillic, say) is left blank for
 * the applicant to write in by hand rather than printed wrong.
 */
const WIN_ANSI = /^[\x20-\x7E\xA0-\xFFƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜]*$/u;
const printable = (value: string | undefined): string | undefined => {
  const text = value?.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text && WIN_ANSI.test(text) ? text : undefined;
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "16.12.2026 09:00", in Oslo's time whatever the worker's clock is set to; a bare date stays a date. */
function interviewTime(iso: string): string {
  const date = DATE_ONLY.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Oslo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts['day']}.${parts['month']}.${parts['year']}`;
  return DATE_ONLY.test(iso)
    ? day
    : `${day} ${parts['hour']}:${parts['minute']} (norsk tid / Norwegian time)`;
}

const PAGE = { left: 50, width: 495.28 } as const;
const INK = '#000000';
const LABEL = '#444444';
const SHADE = '#e6e6e6';

/** The form as a PDF. */
export function travelReimbursementForm(input: TravelReimbursementFormInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.left,
      // pdfkit dates a document now unless told; the revision keeps the bytes (and the file ID) stable.
      info: {
        CreationDate: new Date(`${FORM_REVISION}T00:00:00Z`),
        Title: `Refusjon av reiseutgifter / Reimbursement of travel expenses — DUF ${input.dufNumber}`,
        Author: 'Utlendingsdirektoratet (UDI)',
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    let y = PAGE.left;
    const right = PAGE.left + PAGE.width;

    /** Shortens a value until it fits its field on one line. */
    const fit = (text: string, width: number): string => {
      if (doc.widthOfString(text) <= width) return text;
      let shorter = text;
      while (shorter.length > 1 && doc.widthOfString(`${shorter}…`) > width) shorter = shorter.slice(0, -1);
      return `${shorter.trimEnd()}…`;
    };

    const heading = (text: string) => {
      y += 8;
      doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(text, PAGE.left, y, { lineBreak: false });
      y += 20;
    };

    /** A labelled line to write on, with the value printed on it where the case already knows it. */
    const field = (x: number, width: number, label: string, value?: string) => {
      doc.font('Helvetica').fontSize(8).fillColor(LABEL).text(label, x, y, { lineBreak: false });
      const shown = printable(value);
      if (shown) {
        doc.font('Helvetica').fontSize(11).fillColor(INK);
        doc.text(fit(shown, width - 4), x + 2, y + 12, { lineBreak: false });
      }
      doc
        .moveTo(x, y + 27)
        .lineTo(x + width, y + 27)
        .lineWidth(0.5)
        .strokeColor(INK)
        .stroke();
    };
    const row = (...fields: [width: number, label: string, value?: string][]) => {
      const gap = 16;
      const free = PAGE.width - gap * (fields.length - 1);
      const total = fields.reduce((sum, [width]) => sum + width, 0);
      let x = PAGE.left;
      for (const [width, label, value] of fields) {
        const share = (free * width) / total;
        field(x, share, label, value);
        x += share + gap;
      }
      y += 36;
    };
    const note = (text: string, size = 9) => {
      doc.font('Helvetica').fontSize(size).fillColor(INK).text(text, PAGE.left, y, { width: PAGE.width });
      y = doc.y + 4;
    };

    doc.font('Helvetica').fontSize(9).fillColor(LABEL);
    doc.text('Utlendingsdirektoratet (UDI)  ·  The Norwegian Directorate of Immigration', PAGE.left, y, {
      lineBreak: false,
    });
    y += 18;
    doc.font('Helvetica-Bold').fontSize(16).fillColor(INK);
    doc.text('Refusjon av reiseutgifter til asylintervju', PAGE.left, y, { lineBreak: false });
    y += 20;
    doc.font('Helvetica').fontSize(12).fillColor(INK);
    doc.text('Reimbursement of travel expenses for the asylum interview', PAGE.left, y, { lineBreak: false });
    y += 22;
    note(
      'Fyll ut skjemaet, skriv under og send det tilbake til UDI sammen med billetter og kvitteringer.\n' +
        'Fill in the form, sign it and send it back to UDI together with your tickets and receipts.',
    );

    heading('1  Søker / Applicant');
    row([3, 'Navn / Name', input.fullName], [2, 'DUF-nummer / DUF number', input.dufNumber]);

    heading('2  Intervju / Interview');
    row(
      [3, 'Dato og tid / Date and time', input.interviewAt && interviewTime(input.interviewAt)],
      [2, 'Sted / Place', input.interviewLocation && PLACES[input.interviewLocation]],
    );
    if (input.hotelNight) {
      note(
        'Hotell natten før intervjuet er avtalt med UDI. / A hotel night before the interview has been arranged with UDI.',
      );
    }

    heading('3  Reisen / The journey');
    row(
      [1, 'Reise fra / Travel from', input.travelFrom],
      [1, 'Reise til / Travel to', input.interviewLocation && PLACES[input.interviewLocation]],
    );

    heading('4  Utgifter / Expenses');
    const columns = [
      { label: 'Utgift / Expense', width: 265 },
      { label: 'Dato / Date', width: 100 },
      { label: 'Beløp i NOK / Amount in NOK', width: PAGE.width - 365 },
    ];
    const lines = [
      'Billett, reise til intervjuet / Ticket, journey to the interview',
      'Billett, reise hjem / Ticket, journey home',
      'Annet / Other:',
      'Annet / Other:',
    ];
    const height = 22;
    const cells = (texts: string[], bold: boolean, shade?: string) => {
      if (shade) doc.rect(PAGE.left, y, PAGE.width, height).fillColor(shade).fill();
      let x = PAGE.left;
      columns.forEach((column, index) => {
        doc.rect(x, y, column.width, height).lineWidth(0.5).strokeColor(INK).stroke();
        const text = texts[index];
        if (text) {
          doc
            .font(bold ? 'Helvetica-Bold' : 'Helvetica')
            .fontSize(8.5)
            .fillColor(INK)
            .text(fit(text, column.width - 8), x + 4, y + 7, { lineBreak: false });
        }
        x += column.width;
      });
      y += height;
    };
    cells(
      columns.map((column) => column.label),
      true,
      SHADE,
    );
    for (const line of lines) cells([line], false);
    cells(['Sum / Total'], true);
    y += 6;
    note('Legg ved billetter og kvitteringer. / Attach your tickets and receipts.', 8.5);

    heading('5  Utbetaling / Payment');
    row([
      1,
      'Kontonummer / Bank account number (konto i utlandet: IBAN og BIC / account abroad: IBAN and BIC)',
    ]);

    heading('6  Underskrift / Signature');
    note('Jeg bekrefter at opplysningene er riktige. / I confirm that the information given is correct.');
    y += 4;
    row([1, 'Dato / Date'], [2, 'Underskrift / Signature']);

    heading('7  Send skjemaet til UDI / Send the form to UDI');
    note(
      'På e-post: svar på e-posten med innkallingen, med skjemaet og kvitteringene vedlagt.\n' +
        'By e-mail: reply to the e-mail with the invitation, with the form and receipts attached.\n' +
        'I posten / By post:',
    );
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK);
    doc.text(UDI_POSTAL_ADDRESS.join('\n'), PAGE.left + 12, y, { width: PAGE.width - 12 });

    doc.font('Helvetica').fontSize(8).fillColor(LABEL);
    doc.text(`UDI reiseutgifter / travel expenses, rev. ${FORM_REVISION}`, PAGE.left, 790, {
      lineBreak: false,
    });
    const duf = `DUF ${input.dufNumber}`;
    doc.text(duf, right - doc.widthOfString(duf), 790, { lineBreak: false });
    doc.end();
  });
}
