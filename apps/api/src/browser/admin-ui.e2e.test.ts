import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildAdminUi } from '@saksflyt/admin-ui';
import { anApplication } from '@saksflyt/domain/testing';
import { seedDemo } from '@saksflyt/workflows/demo';
import { startTestSystem, TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { launchChromium, osloLocal, signedInAs, SCREENSHOTS } from './browser';

describe('the admin UI in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    await buildAdminUi();
    // The accelerated profile (a day lasts a second) lets a departure deadline pass while the test watches.
    // Every test signs in afresh, more often than the default ten a minute allow one address.
    system = await startTestSystem({
      SAKSFLYT_POLICY_PROFILE: 'accelerated',
      SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '100',
    });
    browser = await launchChromium();
    await seedDemo(
      system.server.client,
      { taskQueue: system.settings.temporal.taskQueue, policyProfile: 'accelerated' },
      12,
      11,
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const signedIn = (user: keyof typeof TEST_USERS) => signedInAs(browser, system.baseUrl, TEST_USERS[user]);

  async function send(
    page: Page,
    command: string,
    fill: (form: ReturnType<Page['getByTestId']>) => Promise<void> = async () => undefined,
  ) {
    // The case page lists the allowed commands and opens one form at a time; what cannot be undone asks first.
    const choice = page.getByTestId(`command-choice-${command}`);
    await choice.click();
    // Read before sending: once a command that needs no confirmation is accepted, the list may no longer offer it.
    const asksFirst = (await choice.getAttribute('data-irreversible')) === 'true';
    const form = page.getByTestId(`command-form-${command}`);
    await fill(form);
    await form.locator('button[type=submit]').click();
    if (asksFirst) await page.getByTestId('confirm-go').click();
  }

  const status = (page: Page, value: string) =>
    page.locator(`[data-testid="case-status"][data-status="${value}"]`).waitFor({ timeout: 20_000 });

  async function apiCall(method: string, route: string, body?: unknown) {
    const token = await system.tokenOf('caseworker');
    const response = await fetch(`${system.baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as Record<string, unknown>;
  }

  /** A case opened and registered with the police through the API, so a test starts where it means to. */
  async function registeredCase(duf: string) {
    await apiCall('POST', '/api/cases', anApplication({ dufNumber: duf }));
    await apiCall('POST', `/api/cases/${duf}/commands/registerWithPolice`, {
      registeredAt: new Date().toISOString(),
      policeDistrict: 'Øst',
      passport: { kind: 'international', surrendered: true },
      eurodacHit: null,
    });
  }

  it('signs in and shows the dashboard with its charts, and no errors in the console', async () => {
    const { page, errors } = await signedIn('caseworker');
    // A caseworker lands on their own cases; the dashboard is one click away.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-by-status').waitFor();
    await page.getByTestId('dashboard-by-track').waitFor();
    await page.getByTestId('dashboard-priority-queue').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('creates a case and drives it from lodged to protection granted, reading the timeline', async () => {
    const { page, errors } = await signedIn('caseworker');
    await page.getByTestId('nav-new').click();
    const form = page.getByTestId('new-case-form');
    await form.getByTestId('field-dufNumber').fill('202420000001');
    await form.getByTestId('field-applicant.fullName').fill('Olena Kovalenko');
    await form.getByTestId('field-applicant.dateOfBirth').fill('1994-03-17');
    await form.getByTestId('field-applicant.nationality').fill('UKR');
    await form.getByTestId('field-applicant.preferredLanguage').selectOption('uk');
    await form.getByTestId('field-applicant.maritalStatus').selectOption('single');
    await form.getByTestId('field-applicant.homeOblast').selectOption('Kharkiv');
    await form.getByTestId('field-applicant.residence.kind').selectOption('reception-centre');
    await form.getByTestId('field-applicant.residence.centreName').fill('Råde mottak');
    await form.locator('button[type=submit]').click();
    await status(page, 'lodged');

    await send(page, 'registerWithPolice', async (command) => {
      await command.getByTestId('field-policeDistrict').selectOption('Øst');
      await command.getByTestId('field-passport.kind').selectOption('international');
      await command.getByTestId('field-passport.expiresOn').fill('2099-01-01');
      await command.getByTestId('field-passport.surrendered').check();
    });
    await status(page, 'awaiting-collective-assessment');
    await send(page, 'assessCollectiveProtection', async (command) => {
      await command.getByTestId('field-reason').fill('stayed in Poland before Norway');
    });
    await status(page, 'individual-assessment');
    // Two minutes ahead: an interview is recorded as held at the time it was scheduled for (rule 14), and a fact
    // may lie a few minutes ahead of the clock.
    const interviewAt = osloLocal(2 / (24 * 60));
    await send(page, 'inviteToInterview', async (command) => {
      await command.getByTestId('field-scheduledAt').fill(interviewAt);
      await command.getByTestId('field-location').selectOption('oslo');
      await command.getByTestId('field-interpreterLanguage').fill('uk');
    });
    await status(page, 'interview-scheduled');
    await send(page, 'recordInterview', async (command) => {
      await command.getByTestId('field-outcome').selectOption('held');
      await command.getByTestId('field-heldAt').fill(interviewAt);
    });
    await status(page, 'awaiting-decision');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'case-page.png'), fullPage: true });
    await send(page, 'decide', async (command) => {
      await command.getByTestId('field-outcome').selectOption('granted-refugee');
      await command.getByTestId('field-grounds').fill('§ 28 first paragraph (a)');
    });
    await status(page, 'protection-granted');
    // The case is closed: no command form is left, the page says why, and a note is the one thing it still takes.
    const closedNotice = page.locator('[data-testid="no-actions"][data-closed="true"]');
    await closedNotice.waitFor();
    expect(await closedNotice.innerText()).toContain('Saken er avsluttet');
    expect(await page.locator('[data-testid^="command-choice-"]').count()).toBe(0);
    expect(await page.getByTestId('take-case').count()).toBe(0);
    const timeline = page.getByTestId('timeline');
    await timeline.getByTestId('event-6').waitFor();
    // The opening and five commands, and (rules version 2) each delivery once it was made, as it comes.
    expect(await timeline.locator('li').count()).toBeGreaterThanOrEqual(6);
    expect(await timeline.getByTestId('event-2').innerText()).toContain('kari');
    await page.getByTestId('note-text').fill('Vedtaket er sendt til advokaten.');
    await page.getByTestId('note-submit').click();
    await timeline.locator('li.internal-note[data-event-type="NoteAdded"]').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows field errors inline from the zod schema before anything is sent', async () => {
    const { page, errors } = await signedIn('caseworker');
    await page.getByTestId('nav-new').click();
    const form = page.getByTestId('new-case-form');
    await form.getByTestId('field-dufNumber').fill('12345');
    await form.locator('button[type=submit]').click();
    await expect(form.getByTestId('field-error-dufNumber').innerText()).resolves.toMatch(/12/);
    // Refused in the page: no request went out, so none failed.
    expect(errors).toEqual([]);
  });

  it('drives a case to enforcement when the departure deadline passes, and the police are notified', async () => {
    const duf = '202420000002';
    await registeredCase(duf);
    await apiCall('POST', `/api/cases/${duf}/commands/assessCollectiveProtection`, {
      eligible: false,
      reason: 'excluded oblast',
    });
    const { page } = await signedIn('caseworker');
    await page.goto(`${system.baseUrl}/#/cases/${duf}`);
    await status(page, 'individual-assessment');
    await send(page, 'withdraw');
    await status(page, 'departure-pending');
    // 21 days of the accelerated clock are 21 seconds.
    for (let attempt = 0; attempt < 40; attempt++) {
      const state = await apiCall('GET', `/api/cases/${duf}`);
      if (state.status === 'enforcement') break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await page.reload();
    await status(page, 'enforcement');
    const policeOutbox = path.join(system.settings.dataDir, 'outbox', 'police');
    expect(existsSync(policeOutbox) && readdirSync(policeOutbox).some((file) => file.includes(duf))).toBe(
      true,
    );
  }, 90_000);

  it('shows the server’s rejection when two tabs race on the same case (409)', async () => {
    const duf = '202420000003';
    await registeredCase(duf);
    const first = await signedIn('caseworker');
    const second = await signedIn('admin');
    for (const { page } of [first, second]) {
      await page.goto(`${system.baseUrl}/#/cases/${duf}`);
      await status(page, 'awaiting-collective-assessment');
    }
    await send(first.page, 'assessCollectiveProtection', (form) =>
      form.getByTestId('field-reason').fill('first tab'),
    );
    await status(first.page, 'individual-assessment');
    await send(second.page, 'assessCollectiveProtection', (form) =>
      form.getByTestId('field-reason').fill('second tab'),
    );
    await second.page.getByTestId('server-rejection').waitFor();
    await status(second.page, 'individual-assessment');
  });

  it('gives an auditor the case without any action forms', async () => {
    const { page, errors } = await signedIn('auditor');
    await page.goto(`${system.baseUrl}/#/cases/202420000001`);
    await page.getByTestId('no-actions-auditor').waitFor();
    expect(await page.locator('[data-testid^="command-choice-"]').count()).toBe(0);
    // Not even the note the closed case still takes from caseworkers and admins.
    expect(await page.getByTestId('note-form').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('can be used by keyboard alone: sign in with typing, Tab and Enter; the skip link comes first', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(system.baseUrl);
    await page.getByTestId('sign-in-username').waitFor();
    // The username field has the focus when the page opens.
    await page.keyboard.type(TEST_USERS.caseworker);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('my-cases').waitFor();
    // The skip link is the first stop of the Tab order, and Enter on it moves the focus to the main content.
    const firstStop =
      "document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\\'-1\\'])')";
    expect(await page.evaluate(`${firstStop}.getAttribute('class')`)).toContain('skip-link');
    await page.evaluate(`${firstStop}.focus()`);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.closest("main")?.id')).toBe('main');
  });

  it('lets an auditor see the case at any event, diff two moments, replay it and export it', async () => {
    const { page, errors } = await signedIn('auditor');
    await page.goto(`${system.baseUrl}/#/cases/202420000001/audit`);
    const slider = page.getByTestId('audit-slider');
    await slider.waitFor();
    await slider.focus();
    await page.keyboard.press('Home');
    await page.locator('[data-testid="audit-state"][data-status="lodged"]').waitFor();
    await page.keyboard.press('End');
    await page.locator('[data-testid="audit-state"][data-status="protection-granted"]').waitFor();
    await page.getByTestId('diff-row-status').waitFor();
    await page.getByTestId('audit-replay').click();
    await page
      .locator('[data-testid="audit-replay-result"][data-outcome="passed"]')
      .waitFor({ timeout: 60_000 });
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export-pdf').click();
    expect((await download).suggestedFilename()).toBe('case-202420000001.pdf');
    expect(errors).toEqual([]);
  }, 90_000);

  it('switches between Norwegian and English', async () => {
    const { page, errors } = await signedIn('caseworker');
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    await page.getByTestId('language-switch').click();
    await page.waitForFunction("document.documentElement.lang === 'en'");
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-list').waitFor();
    expect(errors).toEqual([]);
  });
});
