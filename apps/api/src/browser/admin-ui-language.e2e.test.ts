import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CaseEvent, COMMAND_NAMES, REFUSALS, type CaseState, type RefusalCode } from '@saksflyt/domain';
import { anApplication } from '@saksflyt/domain/testing';
import { TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { osloLocal, signedInPage, SCREENSHOTS, inChromium } from './browser';

/**
 * Every refusal in the reader's language (issue 15, point 1), in Chromium: a field's issue found in the browser, a
 * rule's refusal from the service, a command the case no longer takes (409) and a duplicate case, each in nb and in
 * en; and a walk through every page and form in Norwegian that finds no English schema message, no raw id of a
 * command, status or event, and no zod wording.
 */
describe('the admin UI in the reader’s language, in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  inChromium((started) => ({ system, browser } = started));

  const signedIn = (user: keyof typeof TEST_USERS) =>
    signedInPage(browser, system.baseUrl, { username: TEST_USERS[user], password: TEST_PASSWORD });

  async function inLanguage(page: Page, lang: 'nb' | 'en'): Promise<void> {
    if ((await page.locator('html').getAttribute('lang')) !== lang)
      await page.getByTestId('language-switch').click();
    await page.locator(`html[lang="${lang}"]`).waitFor();
  }

  async function post(path: string, body: unknown, expected = 200): Promise<void> {
    const response = await system.request('caseworker', 'POST', path, body);
    expect(response.status).toBe(expected);
  }

  async function caseState(duf: string): Promise<CaseState> {
    return (await (await system.request('caseworker', 'GET', `/api/cases/${duf}`)).json()) as CaseState;
  }

  const status = (page: Page, value: string) =>
    page.locator(`[data-testid="case-status"][data-status="${value}"]`).waitFor({ timeout: 20_000 });

  async function openCommand(page: Page, command: string) {
    await page.getByTestId(`command-choice-${command}`).click();
    const form = page.getByTestId(`command-form-${command}`);
    await form.waitFor();
    return form;
  }

  /** The English texts of the catalogue that take no values: none of them may reach the Norwegian UI. */
  const ENGLISH_TEXTS = (Object.keys(REFUSALS) as RefusalCode[])
    .filter((code) => REFUSALS[code].length === 0)
    .map((code) => (REFUSALS[code] as () => string)());

  const EVENT_TYPES = CaseEvent.options.map((option) => option.shape.type.value);

  const TEXTS = {
    nb: {
      duf: 'Et DUF-nummer er nøyaktig 12 sifre.',
      past: 'Intervjuet må settes til et tidspunkt fram i tid.',
      notNow: /^«Registrer hos politiet» kan ikke brukes når saken har status «.+»\.$/,
      exists: (duf: string) => `Det finnes allerede en sak med DUF-nummer ${duf}.`,
    },
    en: {
      duf: 'A DUF number is exactly 12 digits.',
      past: 'The interview must be scheduled for a time still to come.',
      notNow: /^"Register with the police" cannot be used while the case is ".+"\.$/,
      exists: (duf: string) => `A case with DUF number ${duf} already exists.`,
    },
  } as const;

  it.each([
    ['nb', '202450000001'],
    ['en', '202450000002'],
  ] as const)(
    'says a field issue, a rule refused by the service, a command the case no longer takes and a duplicate case in %s',
    async (lang, duf) => {
      const texts = TEXTS[lang];
      await post('/api/cases', anApplication({ dufNumber: duf }), 201);
      const { page, errors } = await signedIn('caseworker');
      await inLanguage(page, lang);

      // A field's issue found in the browser, before anything is sent: the schema's rule, in words.
      await page.goto(`${system.baseUrl}/#/new`);
      const newCase = page.getByTestId('new-case-form');
      await newCase.getByTestId('field-dufNumber').fill('123');
      await newCase.locator('button[type=submit]').click();
      expect(await newCase.getByTestId('field-error-dufNumber').innerText()).toBe(texts.duf);

      await page.goto(`${system.baseUrl}/#/cases/${duf}`);
      await status(page, 'lodged');

      // A command the case no longer takes: the page still offers it, the service refuses it (409).
      const register = await openCommand(page, 'registerWithPolice');
      await post(`/api/cases/${duf}/commands/registerWithPolice`, {
        registeredAt: new Date().toISOString(),
        policeDistrict: 'Øst',
        passport: { kind: 'international', surrendered: true },
        eurodacHit: null,
      });
      await register.getByTestId('field-policeDistrict').selectOption({ index: 1 });
      await register.getByTestId('field-passport.kind').selectOption('none');
      await register.locator('button[type=submit]').click();
      const refused = page.getByTestId('server-rejection');
      await refused.waitFor();
      const detail = await refused.getByTestId('server-rejection-message').innerText();
      expect(detail).toMatch(texts.notNow);
      await status(page, 'awaiting-collective-assessment');

      // A rule of the case the browser cannot check (the time still to come): the service's refusal at its field.
      await post(`/api/cases/${duf}/commands/assessCollectiveProtection`, {
        eligible: false,
        reason: 'excluded',
      });
      await page.reload();
      await status(page, 'individual-assessment');
      const invite = await openCommand(page, 'inviteToInterview');
      await invite.getByTestId('field-scheduledAt').fill(osloLocal(-1));
      await invite.getByTestId('field-location').selectOption('oslo');
      await invite.getByTestId('field-interpreterLanguage').fill(lang === 'nb' ? 'Ukrainsk' : 'Ukrainian');
      await invite.locator('button[type=submit]').click();
      const issue = invite.getByTestId('field-error-scheduledAt');
      await issue.waitFor();
      expect(await issue.innerText()).toBe(texts.past);
      if (lang === 'nb') await invite.screenshot({ path: path.join(SCREENSHOTS, 'refusal-nb.png') });
      expect(await invite.getByTestId('form-errors').innerText()).not.toMatch(/:\s*$/);
      expect((await caseState(duf)).status).toBe('individual-assessment');

      // The duplicate case through the form: the message and a link to the case that exists.
      await page.goto(`${system.baseUrl}/#/new`);
      const form = page.getByTestId('new-case-form');
      await form.getByTestId('field-dufNumber').fill(duf);
      await form.getByTestId('field-applicant.fullName').fill('Olena Kovalenko');
      await form.getByTestId('field-applicant.dateOfBirth').fill('1994-03-17');
      await form.getByTestId('field-applicant.nationality').fill(lang === 'nb' ? 'Ukraina' : 'Ukraine');
      await form.getByTestId('field-applicant.preferredLanguage').selectOption('uk');
      await form.getByTestId('field-applicant.maritalStatus').selectOption('single');
      await form.getByTestId('field-applicant.homeOblast').selectOption('Kharkiv');
      await form.getByTestId('field-applicant.residence.kind').selectOption('reception-centre');
      await form.getByTestId('field-applicant.residence.centreName').fill('Råde mottak');
      await form.locator('button[type=submit]').click();
      const exists = page.getByTestId('server-rejection');
      await exists.waitFor();
      expect(await exists.innerText()).toContain(texts.exists(duf));
      expect(errors.filter((error) => !/409|400|Conflict|Bad Request/.test(error))).toEqual([]);
    },
    120_000,
  );

  /** What may not be on a Norwegian page: English schema texts, raw ids, zod's words. */
  function untranslated(text: string): string[] {
    const found: string[] = [];
    for (const english of ENGLISH_TEXTS) if (text.includes(english)) found.push(english);
    for (const id of [...COMMAND_NAMES, ...EVENT_TYPES])
      if (new RegExp(`\\b${id}\\b`).test(text)) found.push(id);
    for (const zod of [/Invalid input/, /expected \w+, received/, /Too (small|big)/, /Unrecognized key/])
      if (zod.test(text)) found.push(zod.source);
    // English prose hard-coded past the dictionaries: words no Norwegian sentence has.
    for (const line of text.split('\n'))
      if (/\b(the|and|is|not|of|with|must|case|cannot|no longer)\b/.test(line)) found.push(line.trim());
    return found;
  }

  it('walks every page and every command form in Norwegian and finds no English, no raw ids', async () => {
    const duf = '202450000003';
    await post('/api/cases', anApplication({ dufNumber: duf, staysInSafeCountries: ['SE'] }), 201);
    await post(`/api/cases/${duf}/commands/registerWithPolice`, {
      registeredAt: new Date().toISOString(),
      policeDistrict: 'Øst',
      passport: { kind: 'international', surrendered: true },
      eurodacHit: null,
    });
    await post(`/api/cases/${duf}/commands/assessCollectiveProtection`, {
      eligible: false,
      reason: 'excluded',
    });
    await post(`/api/cases/${duf}/commands/addNote`, { text: 'Ring tolken før intervjuet.' });
    const { page, errors } = await signedIn('admin');
    await inLanguage(page, 'nb');

    const found: Record<string, string[]> = {};
    const check = async (where: string) => {
      await page.waitForLoadState('networkidle');
      // The audit view shows the recorded value beside its words on purpose, in code and pre elements, and the policy
      // page quotes each version's source as given, in a cite element: not read.
      let shown = await page.locator('body').innerText();
      for (const raw of await page.locator('code, pre, cite').allInnerTexts()) shown = shown.replace(raw, '');
      const problems = untranslated(shown);
      if (problems.length > 0) found[where] = problems;
    };
    for (const hash of [
      '#/',
      '#/cases',
      '#/mine',
      '#/queues',
      '#/workload',
      '#/policy',
      '#/new',
      `#/cases/${duf}/audit`,
    ]) {
      await page.goto(`${system.baseUrl}/${hash}`);
      await page.locator('h1').first().waitFor();
      await check(hash);
    }
    // The new-case form sent empty: every "required" and every issue in Norwegian.
    await page.goto(`${system.baseUrl}/#/new`);
    await page.getByTestId('new-case-form').locator('button[type=submit]').click();
    await page.getByTestId('form-errors').waitFor();
    await check('#/new, sent empty');

    // The policy draft previewed empty: its issues in Norwegian.
    await page.goto(`${system.baseUrl}/#/policy`);
    await page.getByTestId('policy-preview').click();
    await page.getByTestId('form-errors').waitFor();
    await check('#/policy, previewed empty');

    // The case page, and each command it offers, opened and sent as it comes (empty or with its defaults).
    await page.goto(`${system.baseUrl}/#/cases/${duf}`);
    await status(page, 'individual-assessment');
    await check('case page');
    const choices = await page
      .locator('[data-testid^="command-choice-"]')
      .evaluateAll((elements) =>
        elements.map((element) => (element.getAttribute('data-testid') ?? '').replace('command-choice-', '')),
      );
    expect(choices.length).toBeGreaterThan(3);
    for (const command of choices) {
      const form = await openCommand(page, command);
      await form.locator('button[type=submit]').click();
      // What the page answers: the form's issues, the service's, a confirmation, or the command done.
      const dialog = page.getByTestId('confirm-dialog');
      const seen = (what: string, locator: ReturnType<Page['getByTestId']>) =>
        locator.waitFor({ timeout: 10_000 }).then(
          () => what,
          () => 'nothing',
        );
      const answer = await Promise.race([
        seen('dialog', dialog),
        seen('issues', form.getByTestId('form-errors')),
        seen('done', page.getByTestId('command-done')),
        seen('refused', page.getByTestId('server-rejection')),
      ]);
      expect([command, answer]).not.toEqual([command, 'nothing']);
      // An irreversible command asks first: cancel, so the walk changes nothing.
      if (answer === 'dialog') {
        await check(`${command}: confirmation`);
        await dialog.getByTestId('confirm-cancel').click();
      }
      await check(`${command}: sent as it came`);
    }
    expect((await caseState(duf)).status).toBe('individual-assessment');
    expect(found).toEqual({});
    // The walk's eyes work: the same page in English is found out at once.
    await inLanguage(page, 'en');
    await page.getByTestId('command-choice-withdraw').waitFor();
    expect(untranslated(await page.locator('body').innerText()).length).toBeGreaterThan(0);
    expect(errors.filter((error) => !/40\d|Bad Request/.test(error))).toEqual([]);
  }, 180_000);
});
