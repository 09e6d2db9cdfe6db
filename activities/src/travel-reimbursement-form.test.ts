import { pdfLines } from '@saksflyt/audit/testing';
import {
  travelReimbursementForm,
  travelReimbursementFormFileName,
  type TravelReimbursementFormInput,
} from './travel-reimbursement-form';

const olena: TravelReimbursementFormInput = {
  fullName: 'Olena Kovalenko',
  dufNumber: '202412345678',
  interviewAt: '2026-12-16T08:00:00Z',
  interviewLocation: 'oslo',
  travelFrom: 'Storgata 1, 0155 Oslo',
};

const textOf = async (input: TravelReimbursementFormInput) =>
  pdfLines(await travelReimbursementForm(input)).join('\n');

describe('the travel-reimbursement form (PDF)', () => {
  it('is a one-page PDF that names the applicant and the DUF number', async () => {
    const pdf = await travelReimbursementForm(olena);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = pdfLines(pdf);
    expect(text).toContain('Olena Kovalenko');
    expect(text).toContain('202412345678');
  });

  it('has every field: interview time in Norwegian time and place, journey, expenses, account, signature', async () => {
    const text = await textOf(olena);

    for (const field of [
      '16.12.2026 09:00 (norsk tid / Norwegian time)',
      'Sted / Place',
      'UDI, Oslo',
      'Reise fra / Travel from',
      'Storgata 1, 0155 Oslo',
      'Reise til / Travel to',
      'Utgift / Expense',
      'Billett, reise til intervjuet / Ticket, journey to the interview',
      'Annet / Other:',
      'Sum / Total',
      'Kontonummer / Bank account number',
      'Dato / Date',
      'Underskrift / Signature',
    ]) {
      expect(text).toContain(field);
    }
  });

  it('says where to send it: by e-mail, or by post to UDI’s postal address', async () => {
    const text = await textOf(olena);

    expect(text).toContain('By e-mail: reply to the e-mail with the invitation');
    expect(text).toContain('I posten / By post:');
    expect(text).toContain('Utlendingsdirektoratet\nPostboks 2098 Vika\nNO-0125 Oslo');
  });

  it('is the same bytes for the same input, so a retried delivery attaches the same file', async () => {
    const [first, second] = await Promise.all([
      travelReimbursementForm(olena),
      travelReimbursementForm(olena),
    ]);

    expect(first.equals(second)).toBe(true);
    expect((await travelReimbursementForm({ ...olena, dufNumber: '202412345679' })).equals(first)).toBe(
      false,
    );
  });

  it('mentions the hotel night before the interview only when one was arranged', async () => {
    const hotel = 'A hotel night before the interview has been arranged with UDI.';

    expect(await textOf({ ...olena, hotelNight: true })).toContain(hotel);
    expect(await textOf(olena)).not.toContain(hotel);
  });

  it('leaves a name Helvetica cannot show blank, to be written by hand, rather than printing it garbled', async () => {
    const text = await textOf({ ...olena, fullName: 'Олена Коваленко' });

    expect(text).toContain('Navn / Name');
    expect(text).toContain('202412345678');
    expect(text).not.toMatch(/Коваленко|Kovalenko/);
    // Norwegian letters are within Helvetica's WinAnsi and are printed as they are.
    expect(await textOf({ ...olena, fullName: 'Åse Ødegård' })).toContain('Åse Ødegård');
  });

  it('names its file after the DUF number', () => {
    expect(travelReimbursementFormFileName('202412345678')).toBe(
      'reiseutgifter-travel-expenses-202412345678.pdf',
    );
  });
});
