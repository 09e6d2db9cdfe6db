import type { Browser, BrowserContext, Page } from 'playwright-core';
import { anApplication } from '@saksflyt/domain/testing';
import { TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { API_SESSION_COOKIE } from '../auth/session-cookie';
import { consoleErrors, inChromium } from './browser';

/**
 * A session that survives a new tab (issue 15, point 9), in Chromium: signed in in one tab, a case link pasted into
 * another tab of the same browser opens the case, not the sign-in page, and a note sent from that tab (a request that
 * needs the CSRF token) is accepted; no script can read the token; signing out in one tab signs out the other.
 */
describe('the admin UI session across tabs in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;
  let nextDuf = 202491000001;

  inChromium((started) => ({ system, browser } = started));

  /** A browser (one profile: its tabs share cookies) whose UI opens in `lang`. */
  async function profile(lang: 'nb' | 'en'): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Page scripts as text: this project's TypeScript has no DOM types.
    await context.addInitScript({ content: `localStorage.setItem('saksflyt.lang', '${lang}')` });
    return context;
  }

  async function signIn(page: Page) {
    await page.goto(system.baseUrl);
    await page.getByTestId('sign-in-username').fill(TEST_USERS.caseworker);
    await page.getByTestId('sign-in-password').fill(TEST_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('current-user').waitFor();
  }

  const SIGNED_OUT = { nb: 'Du er logget ut.', en: 'You are signed out.' };

  it.each(['nb', 'en'] as const)(
    'opens a pasted case link signed in in a new tab, and signs that tab out with the first (%s)',
    async (lang) => {
      const dufNumber = String(nextDuf++);
      const created = await system.request('caseworker', 'POST', '/api/cases', anApplication({ dufNumber }));
      expect(created.status).toBe(201);

      const context = await profile(lang);
      const first = await context.newPage();
      const firstErrors = consoleErrors(first);
      await signIn(first);

      // The token is in an HttpOnly cookie on /api only: no script of the page can read it, and nothing is stored.
      const cookie = (await context.cookies()).find(({ name }) => name === API_SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
      expect(await first.evaluate('document.cookie')).toBe('');
      expect(await first.evaluate('sessionStorage.length')).toBe(0);
      expect(await first.evaluate('JSON.stringify(localStorage)')).not.toContain(cookie?.value ?? '');

      // A new tab at a case link: the case, not the sign-in page.
      const second = await context.newPage();
      const secondErrors = consoleErrors(second);
      await second.goto(`${system.baseUrl}/#/cases/${dufNumber}`);
      await second.locator('[data-testid="case-status"][data-status="lodged"]').waitFor({ timeout: 20_000 });
      expect(await second.getByTestId('current-user').innerText()).toContain(TEST_USERS.caseworker);
      expect(await second.getByTestId('sign-in-form').count()).toBe(0);

      // That tab changes the case too: its request carries the session's CSRF token, from GET /api/auth/session.
      const note = `Notat fra ny fane (${lang})`;
      await second.getByTestId('note-text').fill(note);
      await second.getByTestId('note-submit').click();
      await second.locator('li.internal-note[data-event-type="NoteAdded"]').waitFor();
      const events = (await (
        await system.request('caseworker', 'GET', `/api/cases/${dufNumber}/events`)
      ).json()) as { type: string; data: { text?: string } }[];
      expect(events.filter((event) => event.type === 'NoteAdded').map((event) => event.data.text)).toEqual([
        note,
      ]);

      // Signing out in the first tab ends the session for the browser: the second tab is signed out at once.
      await first.getByTestId('sign-out').click();
      await first.getByTestId('sign-in-form').waitFor();
      expect(await first.getByTestId('sign-in-message').innerText()).toBe(SIGNED_OUT[lang]);
      await second.getByTestId('sign-in-form').waitFor();
      expect(await second.getByTestId('sign-in-message').innerText()).toBe(SIGNED_OUT[lang]);
      expect((await context.cookies()).map(({ name }) => name)).not.toContain(API_SESSION_COOKIE);
      // And stays signed out when opened again at the link.
      await second.goto(`${system.baseUrl}/#/cases/${dufNumber}`);
      await second.reload();
      await second.getByTestId('sign-in-form').waitFor();
      expect(await second.getByTestId('case-status').count()).toBe(0);

      expect(firstErrors).toEqual([]);
      expect(secondErrors).toEqual([]);
      await context.close();
    },
  );

  it('opens the sign-in page in another browser: the session is this browser’s cookie, not the link', async () => {
    const dufNumber = String(nextDuf++);
    expect(
      (await system.request('caseworker', 'POST', '/api/cases', anApplication({ dufNumber }))).status,
    ).toBe(201);
    const signedIn = await profile('nb');
    await signIn(await signedIn.newPage());
    const another = await profile('nb');
    const page = await another.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${system.baseUrl}/#/cases/${dufNumber}`);
    await page.getByTestId('sign-in-form').waitFor();
    expect(await page.getByTestId('sign-in-message').count()).toBe(0);
    // Signed in there, the link's page opens (no detour by the landing page).
    await page.getByTestId('sign-in-username').fill(TEST_USERS.caseworker);
    await page.getByTestId('sign-in-password').fill(TEST_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.locator('[data-testid="case-status"][data-status="lodged"]').waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await signedIn.close();
    await another.close();
  });
});
