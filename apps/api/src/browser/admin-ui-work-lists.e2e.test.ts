import type { Browser, Page } from 'playwright-core';
import { anApplication, aPoliceRegistration } from '@saksflyt/domain/testing';
import { TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { osloLocal, signedInAs, inChromium } from './browser';

/**
 * The work lists of rules version 2 in Chromium: the dashboard counts what waits, links to the case list filtered
 * the same way, and the case page's forms (generated from the zod schemas) clear the work.
 */
describe('the work lists of the admin UI in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  // The standard profile: an appeal period of three real weeks, so nothing runs out while the test watches.
  inChromium((started) => ({ system, browser } = started));

  const signedIn = (user: keyof typeof TEST_USERS) => signedInAs(browser, system.baseUrl, TEST_USERS[user]);

  async function send(dufNumber: string, command: string, payload: unknown) {
    const response = await system.request(
      'caseworker',
      'POST',
      `/api/cases/${dufNumber}/commands/${command}`,
      payload,
    );
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200) throw new Error(`${command}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** A case opened now, registered with the police and assessed individually, through the API. */
  async function individualCase(dufNumber: string, residence?: { kind: 'private'; address: string }) {
    const application = anApplication({ dufNumber, lodgedAt: new Date().toISOString() });
    if (residence) application.applicant = { ...application.applicant, residence };
    const opened = await system.request('caseworker', 'POST', '/api/cases', application);
    expect(opened.status).toBe(201);
    await send(dufNumber, 'registerWithPolice', aPoliceRegistration());
    await send(dufNumber, 'assessCollectiveProtection', { eligible: false, reason: 'excluded oblast' });
  }

  /** A case rejected on the merits after its interview (held a moment after it was scheduled for). */
  async function rejectedCase(dufNumber: string) {
    await individualCase(dufNumber);
    const scheduledAt = new Date(Date.now() + 1_500).toISOString();
    await send(dufNumber, 'inviteToInterview', { scheduledAt, location: 'oslo', interpreterLanguage: 'uk' });
    await new Promise((resolve) => setTimeout(resolve, Date.parse(scheduledAt) - Date.now() + 100));
    await send(dufNumber, 'recordInterview', { outcome: 'held', heldAt: new Date().toISOString() });
    const decided = await send(dufNumber, 'decide', { outcome: 'rejected', grounds: 'no individual risk' });
    expect(decided['workItems']).toEqual(['decision-not-served']);
  }

  /** Visibility is eventually consistent: reloads the dashboard until the work list counts `count`. */
  async function dashboardCounts(page: Page, workList: string, count: number) {
    for (let attempt = 0; attempt < 40; attempt++) {
      await page.goto(`${system.baseUrl}/#/`);
      const row = page.getByTestId(`work-${workList}`);
      await row.waitFor();
      if ((await row.getAttribute('data-count')) === String(count)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the dashboard never counted ${count} for ${workList}`);
  }

  it('shows a rejected case under decisions not yet served until its service is recorded in the form', async () => {
    const duf = '202430000001';
    await rejectedCase(duf);
    const { page, errors } = await signedIn('caseworker');

    await dashboardCounts(page, 'decision-not-served', 1);
    await page.getByTestId('work-link-decision-not-served').click();
    await page.getByTestId('case-list').waitFor();
    expect(await page.getByTestId('filter-workItem').inputValue()).toBe('decision-not-served');
    const row = page.getByTestId(`case-row-${duf}`);
    await row.locator('[data-work-item="decision-not-served"]').waitFor();
    await page.getByTestId(`case-link-${duf}`).click();

    await page.locator('[data-testid="case-status"][data-status="rejected"]').waitFor();
    await page.getByTestId('case-work-items').locator('[data-work-item="decision-not-served"]').waitFor();
    await page.locator('[data-testid="fact-served"] [data-served="false"]').waitFor();
    // The appeal period has not started: it runs from service.
    expect(await page.getByTestId('deadline-appeal').count()).toBe(0);

    await page.getByTestId('command-choice-recordDecisionServed').click();
    const form = page.getByTestId('command-form-recordDecisionServed');
    // When it was served starts at "now", Oslo time, to the second (the decision was made this very minute); how
    // it was served is for the caseworker to say.
    expect(await form.getByTestId('field-servedAt').inputValue()).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/,
    );
    await form.locator('button[type=submit]').click();
    await form.getByTestId('field-error-via').waitFor();
    await form.getByTestId('field-via').selectOption('lawyer');
    await form.locator('button[type=submit]').click();
    // Service starts the appeal period and cannot be undone: the page asks first, naming the period.
    expect(await page.getByTestId('confirm-consequences').innerText()).toContain(
      'Søkeren kan klage innen utgangen av',
    );
    await page.getByTestId('confirm-go').click();

    await page.locator('[data-testid="fact-served"] [data-served="true"]').waitFor();
    expect(await page.getByTestId('fact-served').innerText()).toContain('Advokaten');
    await page.getByTestId('case-work').waitFor({ state: 'detached' });
    await page.getByTestId('deadline-appeal').waitFor();
    await page.locator('[data-event-type="DecisionServed"]').waitFor();
    expect(await page.getByTestId('command-choice-recordDecisionServed').count()).toBe(0);

    await dashboardCounts(page, 'decision-not-served', 0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('asks for the phone call at a private address, and lists a call that did not reach the applicant', async () => {
    const duf = '202430000002';
    await individualCase(duf, { kind: 'private', address: 'Storgata 1, 0155 Oslo' });
    const { page, errors } = await signedIn('caseworker');
    await page.goto(`${system.baseUrl}/#/cases/${duf}`);
    await page.locator('[data-testid="case-status"][data-status="individual-assessment"]').waitFor();

    await page.getByTestId('command-choice-inviteToInterview').click();
    const form = page.getByTestId('command-form-inviteToInterview');
    await form.getByTestId('fieldset-phoneCall').waitFor();
    await form.getByTestId('field-hint-phoneCall').waitFor();
    await form.getByTestId('field-scheduledAt').fill(osloLocal(10));
    await form.getByTestId('field-location').selectOption('trondheim');
    await form.getByTestId('field-interpreterLanguage').fill('uk');
    // The call is required here: the form says so before anything is sent.
    await form.locator('button[type=submit]').click();
    await form.getByTestId('field-error-phoneCall.calledAt').waitFor();
    await form.getByTestId('field-phoneCall.calledAt').fill(osloLocal(0));
    await form.locator('button[type=submit]').click();

    await page.locator('[data-testid="case-status"][data-status="interview-scheduled"]').waitFor();
    await page.locator('[data-testid="fact-phone-call"] [data-reached="false"]').waitFor();
    await page
      .getByTestId('case-work-items')
      .locator('[data-work-item="interview-call-not-reached"]')
      .waitFor();
    await dashboardCounts(page, 'interview-call-not-reached', 1);
    await page.getByTestId('work-link-interview-call-not-reached').click();
    await page.getByTestId(`case-row-${duf}`).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});
