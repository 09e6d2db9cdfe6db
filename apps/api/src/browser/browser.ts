import { chromium, type Browser, type Page } from 'playwright-core';
import path from 'node:path';
import { repoRoot } from '@saksflyt/temporal';
import { buildAdminUi } from '@saksflyt/admin-ui';
import { startTestSystem, TEST_PASSWORD, type TestSystem } from '../__fixtures__/test-system';

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls home). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects what the page logs as an error, so a test can say there was none. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** The Oslo wall time `days` from now, as a datetime-local input takes it. */
export function osloLocal(days: number): string {
  const instant = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return parts.replace(' ', 'T');
}

/** A new page signed in through the sign-in form, as a user would, with the page's errors collected. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  credentials: { username: string; password: string },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await page.goto(baseUrl);
  await page.getByTestId('sign-in-username').fill(credentials.username);
  await page.getByTestId('sign-in-password').fill(credentials.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('current-user').waitFor();
  return { page, errors };
}

/** A page signed in as one of the test system's users, as a user would sign in. */
export const signedInAs = (browser: Browser, baseUrl: string, username: string) =>
  signedInPage(browser, baseUrl, { username, password: TEST_PASSWORD });

/** Where the browser tests leave the README's screenshots, retaken at every run. */
export const SCREENSHOTS = path.join(repoRoot(), 'docs', 'screenshots');

/**
 * What every admin-UI suite in Chromium sets up first and tears down last: the UI built, a test system started (with
 * sign-ins enough for a test that signs in often, plus `environment`), and Chromium. `ready` hands the two to the
 * suite's own variables; a suite's own set-up follows in a `beforeAll` of its own, which jest runs after this one.
 */
export function inChromium(
  ready: (started: { system: TestSystem; browser: Browser }) => void,
  environment: Record<string, string> = {},
  options?: Parameters<typeof startTestSystem>[1],
): void {
  let started: { system: TestSystem; browser: Browser } | undefined;
  beforeAll(async () => {
    await buildAdminUi();
    const system = await startTestSystem(
      { SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '100', ...environment },
      options,
    );
    started = { system, browser: await launchChromium() };
    ready(started);
  }, 180_000);
  afterAll(async () => {
    await started?.browser.close();
    await started?.system.stop();
  });
}
