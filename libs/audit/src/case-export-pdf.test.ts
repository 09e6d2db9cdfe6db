import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interviewed, Scenario, anApplication } from '@saksflyt/domain/testing';
import { caseExportPdf, type CaseFileOptions } from './case-export-pdf';
import type { CaseRecordData } from './case-source';

/** A rejected case: registered with a passport, interviewed, a work permit applied for, decided and served. */
function rejectedCase(): CaseRecordData {
  const scenario = interviewed(new Scenario(anApplication({ dufNumber: '202430000002' })))
    .at('2026-12-11T10:00:00+01:00')
    .send('applyForWorkPermit', { appliedAt: '2026-12-11T10:00:00+01:00' })
    .at('2026-12-14T14:15:00+01:00')
    .send('decide', { outcome: 'rejected', grounds: 'Søkeren kan få beskyttelse i Lviv; æøå ÆØÅ.' })
    .send('recordDecisionServed', { servedAt: '2026-12-14T14:15:00+01:00', via: 'lawyer' });
  return { source: 'temporal', events: scenario.events, state: scenario.state };
}

const ARCHIVED: CaseFileOptions['archive'] = {
  index: 41,
  archivedAt: '2026-12-14T13:20:00.000Z',
  hash: 'ab'.repeat(32),
  keyed: true,
  lastEventSeq: 9,
};

interface Rendered {
  pages: number;
  text: string[];
  png: { width: number; height: number; bytes: number };
  pngFile: string;
}

/** The PDF as pdfjs-dist (Mozilla's PDF.js) reads it: each page's text, and page 1 rendered to a PNG. */
function render(pdf: Buffer, folder: string): Rendered {
  const pdfFile = join(folder, 'case.pdf');
  const pngFile = join(folder, 'page-1.png');
  writeFileSync(pdfFile, pdf);
  const run = spawnSync(
    process.execPath,
    [join(__dirname, '__fixtures__', 'render-pdf.mjs'), pdfFile, pngFile],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (run.status !== 0) throw new Error(`render-pdf.mjs failed: ${run.stderr}`);
  return { ...(JSON.parse(run.stdout) as Omit<Rendered, 'pngFile'>), pngFile };
}

describe('the PDF case file (issue 15, point 7)', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'saksflyt-case-file-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads in Norwegian with headings, tables, Oslo times, the decision with its legal basis, and page numbers', async () => {
    const record = rejectedCase();
    const pdf = await caseExportPdf(record, { language: 'nb', archive: ARCHIVED });
    const rendered = render(pdf, folder);
    const text = rendered.text.join('\n');

    for (const heading of [
      'Saksmappe 202430000002',
      'Søkeren',
      'Pass',
      'Arbeidstillatelse',
      'Vedtak',
      'Frister',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('Hendelser');
    // Lodged at 09:30 Oslo time (08:30 UTC), shown as Oslo time, not as UTC ISO.
    expect(text).toContain('2. nov. 2026, 09:30');
    expect(text).not.toContain('2026-11-02T');
    // The decision with its legal basis and the policy version it applied, and the grounds with æøå intact.
    expect(text).toContain('utl. § 28 (vilkårene er ikke oppfylt)');
    expect(text).toContain('Regelverksversjon');
    expect(text).toContain(record.state.decision?.policyVersion ?? 'no policy version');
    expect(text).toContain('Søkeren kan få beskyttelse i Lviv; æøå ÆØÅ.');
    // Passport and work permit, events and statuses in the UI's words.
    expect(text).toContain('Internasjonalt pass');
    expect(text).toContain('FX123456');
    expect(text).toContain('Vedtak fattet');
    expect(text).toContain('Intervju registrert');
    expect(text).toContain('Avslått');
    // The appeal deadline (3 weeks from service on 14 Dec, fvl. § 29) reads as its last day, as in the UI and letters.
    expect(text).toContain('innen utgangen av 4. jan. 2027');
    // The archive record's hash, for a reader to check against the chain.
    expect(text).toContain('ab'.repeat(32));
    expect(text).toContain('saksflyt audit verify');
    expect(rendered.pages).toBeGreaterThan(1);
    expect(text).toContain(`Side 1 av ${rendered.pages}`);
    expect(text).toContain(`Side ${rendered.pages} av ${rendered.pages}`);

    // Page 1 rendered: an A4 page at 1.5 × 72 dpi (893 × 1263 px) with real content, not a blank page.
    expect(rendered.png).toMatchObject({ width: 893, height: 1263 });
    expect(rendered.png.bytes).toBeGreaterThan(20_000);
    expect(readFileSync(rendered.pngFile).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  it('reads in English with English headings, and says when the case is not archived yet', async () => {
    const pdf = await caseExportPdf(rejectedCase(), { language: 'en', archive: undefined });
    const text = render(pdf, folder).text.join('\n');
    for (const heading of [
      'Case file 202430000002',
      'Applicant',
      'Passport',
      'Work permit',
      'Decisions',
      'Events',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('2 Nov 2026, 09:30');
    expect(text).toContain('by the end of 4 Jan 2027');
    expect(text).toContain('Decision made');
    expect(text).toContain('The case is not archived yet');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).not.toContain('Saksmappe');
    expect(text).not.toContain('Hendelser');
  }, 60_000);
});
