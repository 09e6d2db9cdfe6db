import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { pdfText } from '@saksflyt/audit/testing';
import { osloDeadlineText, type CaseState } from '@saksflyt/domain';
import { anApplication } from '@saksflyt/domain/testing';
import { TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { signedInAs, inChromium } from './browser';

/**
 * One way to show a time, and the PDF as a case file, in Chromium (issue 15, points 4 and 7): the appeal deadline of
 * a served refusal reads as the same last day on the case page, in the letter the applicant got (in Ukrainian) and
 * in the case file the audit view downloads; the case file comes in the UI's language, nb or en.
 */
describe('one deadline, read the same on the case page, in the letter and in the case file', () => {
  let system: TestSystem;
  let browser: Browser;
  const DUF = '202460000001';
  let appealDueAt: string;

  inChromium((started) => ({ system, browser } = started));

  beforeAll(async () => {
    const post = async (path: string, body: unknown, expected = 200) =>
      expect((await system.request('caseworker', 'POST', path, body)).status).toBe(expected);
    await post('/api/cases', anApplication({ dufNumber: DUF, staysInSafeCountries: ['SE'] }), 201);
    const command = (name: string, payload: unknown) => post(`/api/cases/${DUF}/commands/${name}`, payload);
    await command('registerWithPolice', {
      registeredAt: new Date().toISOString(),
      policeDistrict: 'Øst',
      passport: { kind: 'international', surrendered: true },
      eurodacHit: null,
    });
    await command('assessCollectiveProtection', { eligible: false, reason: 'bodde i Sverige før Norge' });
    await command('decide', {
      outcome: 'not-examined-safe-third-country',
      grounds: 'Søkeren bodde et år i Sverige og kan returnere dit.',
      returnCountry: 'SE',
    });
    await command('recordDecisionServed', { servedAt: new Date().toISOString(), via: 'lawyer' });
    const state = (await (
      await system.request('caseworker', 'GET', `/api/cases/${DUF}`)
    ).json()) as CaseState;
    const appeal = state.deadlines.find((deadline) => deadline.kind === 'appeal');
    if (!appeal) throw new Error('a served refusal has an appeal deadline');
    appealDueAt = appeal.dueAt;
  }, 180_000);

  async function inLanguage(page: Page, lang: 'nb' | 'en'): Promise<void> {
    if ((await page.locator('html').getAttribute('lang')) !== lang)
      await page.getByTestId('language-switch').click();
    await page.locator(`html[lang="${lang}"]`).waitFor();
  }

  it.each([
    ['nb', 'nb-NO', 'Saksmappe'],
    ['en', 'en-GB', 'Case file'],
  ] as const)(
    'reads the appeal deadline as its last day on the case page, in the letter and in the %s case file',
    async (lang, locale, heading) => {
      const { page, errors } = await signedInAs(browser, system.baseUrl, TEST_USERS.admin);
      await inLanguage(page, lang);
      const deadline = osloDeadlineText(appealDueAt, locale);
      // The stored instant is midnight starting the day after: it must never be shown as that day at 00:00.
      expect(deadline).not.toMatch(/00:00/);

      await page.goto(`${system.baseUrl}/#/cases/${DUF}`);
      const row = page.getByTestId('deadline-appeal');
      await row.waitFor({ timeout: 20_000 });
      expect(await row.innerText()).toContain(deadline);

      // The letter of the service, as the record keeps it: the same last day, in the applicant's language.
      const notices = (await (
        await system.request('caseworker', 'GET', `/api/cases/${DUF}/messages`)
      ).json()) as {
        items: { template: string; messages: { text: string; language: string }[] }[];
      };
      const served = notices.items.find((notice) => notice.template === 'decision-served');
      const letter = served?.messages[0];
      expect(letter?.text).toContain(osloDeadlineText(appealDueAt, 'uk', { style: 'long' }));

      // The case file from the audit view, in the UI's language, with the same deadline text.
      await page.goto(`${system.baseUrl}/#/cases/${DUF}/audit`);
      const download = page.waitForEvent('download');
      await page.getByTestId('audit-export-pdf').click();
      const file = await (await download).path();
      const text = pdfText(readFileSync(file));
      expect(text).toContain(heading);
      expect(text).toContain(deadline);
      expect(errors).toEqual([]);
    },
    120_000,
  );
});
