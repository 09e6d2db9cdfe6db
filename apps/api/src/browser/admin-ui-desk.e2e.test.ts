import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CaseState } from '@saksflyt/domain';
import { anApplication } from '@saksflyt/domain/testing';
import { TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { signedInAs, SCREENSHOTS, inChromium } from './browser';

/**
 * The caseworker's desk in Chromium (issue 15, points 2 and 5): the case page offers the allowed commands as a
 * list and opens one form at a time; an irreversible command asks first, naming what it leads to; cancelling
 * changes nothing; a long event summary expands; an earlier banner goes when another command is chosen.
 */
describe('the case page as a caseworker’s desk in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  inChromium((started) => ({ system, browser } = started));

  const signedIn = (user: keyof typeof TEST_USERS) => signedInAs(browser, system.baseUrl, TEST_USERS[user]);

  async function command(duf: string, name: string, payload: unknown) {
    const response = await system.request(
      'caseworker',
      'POST',
      `/api/cases/${duf}/commands/${name}`,
      payload,
    );
    expect(response.status).toBe(200);
  }

  async function caseState(duf: string): Promise<CaseState> {
    const response = await system.request('caseworker', 'GET', `/api/cases/${duf}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CaseState;
  }

  const status = (page: Page, value: string) =>
    page.locator(`[data-testid="case-status"][data-status="${value}"]`).waitFor({ timeout: 20_000 });

  /** A case in individual assessment, with a document whose long description makes a long event summary. */
  async function caseInIndividualAssessment(duf: string, description: string) {
    const created = await system.request(
      'caseworker',
      'POST',
      '/api/cases',
      anApplication({ dufNumber: duf }),
    );
    expect(created.status).toBe(201);
    await command(duf, 'registerWithPolice', {
      registeredAt: new Date().toISOString(),
      policeDistrict: 'Øst',
      passport: { kind: 'international', surrendered: true },
      eurodacHit: null,
    });
    await command(duf, 'assessCollectiveProtection', { eligible: false, reason: 'excluded oblast' });
    await command(duf, 'recordDocument', { kind: 'copy', receivedBy: 'udi', description });
  }

  const TEXTS = {
    nb: {
      dutyToLeave: 'Søkeren får plikt til å forlate Norge, med en utreisefrist på 21 dager',
      showAll: 'Vis alt',
      showLess: 'Vis mindre',
    },
    en: {
      dutyToLeave: 'The applicant gets a duty to leave Norway, with a departure deadline of 21 days',
      showAll: 'Show all',
      showLess: 'Show less',
    },
  } as const;

  for (const [lang, duf] of [
    ['nb', '202450000001'],
    ['en', '202450000002'],
  ] as const) {
    it(`offers the commands as a list, opens one form, asks before a withdrawal and cancels without a change (${lang})`, async () => {
      const ending = 'and the last words of a long description.';
      await caseInIndividualAssessment(
        duf,
        `${'A copy of a birth certificate, translated. '.repeat(8)}${ending}`,
      );
      const { page, errors } = await signedIn('caseworker');
      if (lang === 'en') {
        await page.getByTestId('language-switch').click();
        await page.waitForFunction("document.documentElement.lang === 'en'");
      }
      const texts = TEXTS[lang];
      await page.goto(`${system.baseUrl}/#/cases/${duf}`);
      await status(page, 'individual-assessment');

      // The commands as a list, in words, the irreversible ones marked; no form open yet, so the page is short.
      const list = page.getByTestId('command-list');
      await list.waitFor();
      expect(await list.getByTestId('command-choice-withdraw').getAttribute('data-irreversible')).toBe(
        'true',
      );
      expect(
        await list.getByTestId('command-choice-inviteToInterview').getAttribute('data-irreversible'),
      ).toBe('false');
      expect(await page.locator('[data-testid^="command-form-"]').count()).toBe(0);
      await page.getByTestId('timeline').locator('li').nth(4).waitFor();
      // The page was 2,600–4,350 px tall with every form open (issue 15); with them closed it fits in two screens.
      // The actions were 2,600–4,350 px tall with every form open (issue 15); closed, they are a few lines of buttons.
      expect((await page.getByTestId('case-actions').boundingBox())?.height).toBeLessThan(400);
      expect(await page.evaluate('document.documentElement.scrollHeight')).toBeLessThan(3_500);

      // Choosing a command opens its form only, and moves the focus into it.
      await list.getByTestId('command-choice-inviteToInterview').click();
      await page.getByTestId('command-form-inviteToInterview').waitFor();
      expect(await page.locator('[data-testid^="command-form-"]').count()).toBe(1);
      expect(await page.evaluate('document.activeElement?.closest("form")?.dataset.testid')).toBe(
        'command-form-inviteToInterview',
      );
      await list.getByTestId('command-choice-withdraw').click();
      expect(await page.getByTestId('command-form-inviteToInterview').count()).toBe(0);
      const withdraw = page.getByTestId('command-form-withdraw');
      const dialog = page.getByTestId('confirm-dialog');

      // Withdraw asks first, naming the duty to leave; Escape cancels, and nothing changed.
      await withdraw.locator('button[type=submit]').click();
      await dialog.waitFor();
      expect(await dialog.getByTestId('confirm-consequences').innerText()).toContain(texts.dutyToLeave);
      if (lang === 'nb') await page.screenshot({ path: path.join(SCREENSHOTS, 'confirm-withdraw.png') });
      expect(await page.evaluate('document.activeElement?.closest("dialog")?.dataset.testid')).toBe(
        'confirm-dialog',
      );
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect((await caseState(duf)).status).toBe('individual-assessment');

      // Cancel changes nothing either.
      await withdraw.locator('button[type=submit]').click();
      await dialog.getByTestId('confirm-cancel').click();
      await dialog.waitFor({ state: 'detached' });
      expect((await caseState(duf)).status).toBe('individual-assessment');
      await status(page, 'individual-assessment');

      // Confirmed, it is done: the case goes to the duty to leave, and the page says so.
      await withdraw.locator('button[type=submit]').click();
      await dialog.getByTestId('confirm-go').click();
      await status(page, 'departure-pending');
      expect((await caseState(duf)).status).toBe('departure-pending');
      await page.getByTestId('command-done').waitFor();

      // The banner goes once another command is chosen.
      await page.getByTestId('command-choice-reportDeparture').click();
      await page.getByTestId('command-form-reportDeparture').waitFor();
      expect(await page.getByTestId('command-done').count()).toBe(0);

      // The document's long description: cut in the timeline, readable whole on request.
      const documentEvent = page.locator('[data-testid^="event-"][data-event-type="DocumentRecorded"]');
      const summary = documentEvent.locator('.event-summary');
      expect(await summary.innerText()).not.toContain(ending);
      const toggle = documentEvent.getByRole('button', { name: texts.showAll });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await summary.innerText()).toContain(ending);
      await documentEvent.getByRole('button', { name: texts.showLess }).waitFor();
      expect(errors).toEqual([]);
    }, 90_000);
  }

  it('replaces a rejection banner with the next message', async () => {
    const duf = '202450000003';
    await caseInIndividualAssessment(duf, 'a copy');
    const first = await signedIn('caseworker');
    const second = await signedIn('admin');
    for (const { page } of [first, second]) {
      await page.goto(`${system.baseUrl}/#/cases/${duf}`);
      await status(page, 'individual-assessment');
      await page.getByTestId('command-choice-recordDocument').click();
    }
    // The first tab withdraws the case; the second's document then meets a case that moved (409).
    await first.page.getByTestId('command-choice-withdraw').click();
    await first.page.getByTestId('command-form-withdraw').locator('button[type=submit]').click();
    await first.page.getByTestId('confirm-go').click();
    await status(first.page, 'departure-pending');
    await command(duf, 'reportDeparture', { departedAt: new Date().toISOString() });
    const form = second.page.getByTestId('command-form-recordDocument');
    await form.getByTestId('field-kind').selectOption('copy');
    await form.getByTestId('field-receivedBy').selectOption('udi');
    await form.getByTestId('field-description').fill('too late');
    await form.locator('button[type=submit]').click();
    await second.page.getByTestId('server-rejection').waitFor();
    // The case is closed now: the page shows its notes form only; reopening the list is not possible, so the
    // banner is cleared by the next message instead — a note added.
    await status(second.page, 'departed');
    await second.page.getByTestId('note-text').fill('Vedtaket er sendt.');
    await second.page.getByTestId('note-submit').click();
    await second.page.getByTestId('command-done').waitFor();
    expect(await second.page.getByTestId('server-rejection').count()).toBe(0);
  }, 90_000);
});
