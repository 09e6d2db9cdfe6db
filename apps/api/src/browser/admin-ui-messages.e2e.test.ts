import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { CaseNotices } from '@saksflyt/domain';
import { aPoliceRegistration, anApplication } from '@saksflyt/domain/testing';
import { TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { signedInPage, SCREENSHOTS, inChromium } from './browser';

/**
 * Messages sent, on the case page, in Chromium (issue 15, point 6): the SMS and e-mail a case sent, with channel,
 * language, Oslo time, delivery and the text as sent, read from the case's record, in Norwegian and in English.
 */
describe('the messages sent, on the case page in Chromium', () => {
  const DUF = '202461000101';
  let system: TestSystem;
  let browser: Browser;
  let notices: CaseNotices;

  inChromium((started) => ({ system, browser } = started));

  beforeAll(async () => {
    const application = anApplication({ dufNumber: DUF, lodgedAt: new Date().toISOString() });
    application.applicant.residence = { kind: 'private', address: 'Storgata 1, 0155 Oslo' };
    application.applicant.contact = { phone: '+4791234567', email: 'olena@example.org' };
    expect((await system.request('caseworker', 'POST', '/api/cases', application)).status).toBe(201);
    const command = (name: string, payload: unknown) =>
      system.request('caseworker', 'POST', `/api/cases/${DUF}/commands/${name}`, payload);
    expect((await command('registerWithPolice', aPoliceRegistration())).status).toBe(200);
    expect(
      (await command('assessCollectiveProtection', { eligible: false, reason: 'stayed in Poland' })).status,
    ).toBe(200);
    // The worker delivers after the command has answered: wait for the record to say so.
    for (const deadline = Date.now() + 30_000; ;) {
      notices = (await (
        await system.request('caseworker', 'GET', `/api/cases/${DUF}/messages`)
      ).json()) as CaseNotices;
      if (notices.items.some((notice) => notice.delivery === 'delivered')) break;
      if (Date.now() > deadline) throw new Error('the notice was not delivered in time');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 180_000);

  it('shows each message with channel, language, Oslo time, delivery and its text as sent, in nb and en', async () => {
    const notice = notices.items.find((item) => item.delivery === 'delivered');
    if (!notice) throw new Error('expected a delivered notice');
    const [sms, email] = notice.messages;
    const { page, errors } = await signedInPage(browser, system.baseUrl, {
      username: TEST_USERS.caseworker,
      password: TEST_PASSWORD,
    });
    await page.goto(`${system.baseUrl}/#/cases/${DUF}`);

    const section = page.getByTestId('sent-messages');
    const item = section.getByTestId(`notice-${notice.causedBySeq}-${notice.template}`);
    await item.waitFor({ timeout: 20_000 });
    expect(await section.locator('h2').innerText()).toBe('Sendte meldinger');
    expect(await item.getAttribute('data-text-source')).toBe('recorded');
    const head = await item.locator('.event-head').innerText();
    expect(head).toContain('Søknaden behandles individuelt');
    expect(head).toContain('Levert');
    expect(head).toContain('på ukrainsk');
    // Oslo local time, as the UI's one formatter writes it.
    const oslo = new Intl.DateTimeFormat('nb-NO', {
      timeZone: 'Europe/Oslo',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(notice.settledAt ?? ''));
    expect(head).toContain(oslo);

    // Each message folded, its channel in words; opened, the text word for word as the record keeps it.
    const smsItem = item.getByTestId(`notice-${notice.causedBySeq}-${notice.template}-sms`);
    const emailItem = item.getByTestId(`notice-${notice.causedBySeq}-${notice.template}-email`);
    expect(await smsItem.locator('summary').innerText()).toContain('SMS');
    expect(await emailItem.locator('summary').innerText()).toContain('E-post');
    const emailText = emailItem.getByTestId(`notice-${notice.causedBySeq}-${notice.template}-email-text`);
    expect(await emailText.isVisible()).toBe(false);
    await emailItem.locator('summary').click();
    expect(await emailText.isVisible()).toBe(true);
    expect(await emailText.evaluate((element) => element.textContent)).toBe(email?.text);
    expect(await emailText.getAttribute('lang')).toBe('uk');
    await smsItem.locator('summary').click();
    expect(
      await smsItem
        .getByTestId(`notice-${notice.causedBySeq}-${notice.template}-sms-text`)
        .evaluate((element) => element.textContent),
    ).toBe(sms?.text);

    await section.screenshot({ path: path.join(SCREENSHOTS, 'messages-sent.png') });

    // The same in English.
    await page.getByTestId('language-switch').click();
    await section.locator('h2', { hasText: 'Messages sent' }).waitFor();
    const englishHead = await item.locator('.event-head').innerText();
    expect(englishHead).toContain('Delivered');
    expect(englishHead).toContain('in Ukrainian');
    expect(await emailItem.locator('summary').innerText()).toContain('E-mail');
    expect(await emailText.evaluate((element) => element.textContent)).toBe(email?.text);
    // The timeline keeps its line short: the texts are read here, not there.
    expect(await page.getByTestId('timeline').innerText()).not.toContain(email?.text.slice(0, 40));
    expect(errors).toEqual([]);
  }, 120_000);
});
