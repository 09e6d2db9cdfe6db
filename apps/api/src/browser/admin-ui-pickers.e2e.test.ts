import type { Browser, Page } from 'playwright-core';
import type { CaseState } from '@saksflyt/domain';
import { TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { signedInAs, inChromium } from './browser';

/**
 * The pickers of the generated forms in Chromium (issue 15, point 3): a country chosen by its name in the UI's
 * language is sent as the code the schema wants, a phone number typed as people write it is stored in E.164, the
 * police district is chosen from Norway's twelve and PU, and the interpreter language from a list.
 */
describe('the pickers of the admin UI in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  inChromium((started) => ({ system, browser } = started));

  const signedIn = (user: keyof typeof TEST_USERS) => signedInAs(browser, system.baseUrl, TEST_USERS[user]);

  async function caseState(duf: string): Promise<CaseState> {
    const response = await system.request('caseworker', 'GET', `/api/cases/${duf}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CaseState;
  }

  const status = (page: Page, value: string) =>
    page.locator(`[data-testid="case-status"][data-status="${value}"]`).waitFor({ timeout: 20_000 });

  it('creates a case with a country and a phone number as people write them, then registers and invites with the pickers', async () => {
    const duf = '202440000001';
    const { page, errors } = await signedIn('caseworker');
    await page.getByTestId('nav-new').click();
    const form = page.getByTestId('new-case-form');

    // Nationality: a searchable list of countries named in Norwegian, labelled, that sends the alpha-3 code.
    const nationality = form.getByTestId('field-applicant.nationality');
    expect(await nationality.getAttribute('list')).toBeTruthy();
    const options = form.getByTestId('field-applicant.nationality-options');
    expect(await options.locator('option[value="Ukraina"]').count()).toBe(1);
    expect(await options.locator('option').count()).toBe(250);
    expect(await page.locator(`label[for="${await nationality.getAttribute('id')}"]`).innerText()).toContain(
      'Statsborgerskap',
    );
    await nationality.focus();
    await page.keyboard.type('Ukraina');
    await form.getByText('Lagres som UKR').waitFor();

    await form.getByTestId('field-dufNumber').fill(duf);
    await form.getByTestId('field-applicant.fullName').fill('Olena Kovalenko');
    await form.getByTestId('field-applicant.dateOfBirth').fill('1994-03-17');
    await form.getByTestId('field-applicant.preferredLanguage').selectOption('uk');
    await form.getByTestId('field-applicant.maritalStatus').selectOption('single');
    await form.getByTestId('field-applicant.homeOblast').selectOption('Kharkiv');
    await form.getByTestId('field-applicant.residence.kind').selectOption('reception-centre');
    await form.getByTestId('field-applicant.residence.centreName').fill('Råde mottak');
    await form.getByTestId('field-staysInSafeCountries').fill('Sverige, Danmark');
    await form.getByText('Lagres som SE, DK').waitFor();

    // The phone number as people write it: read as it is typed, sent in E.164.
    const phone = form.getByTestId('field-applicant.contact.phone');
    expect(await phone.getAttribute('type')).toBe('tel');
    await phone.pressSequentially('+47 912 34');
    await form.getByText('Ikke et gyldig telefonnummer ennå').waitFor();
    await phone.pressSequentially(' 567');
    await form.getByText('Lagres som +4791234567').waitFor();

    await form.locator('button[type=submit]').click();
    await status(page, 'lodged');
    const lodged = await caseState(duf);
    expect(lodged.application.applicant.nationality).toBe('UKR');
    expect(lodged.application.applicant.contact.phone).toBe('+4791234567');
    expect(lodged.application.staysInSafeCountries).toEqual(['SE', 'DK']);
    // The case page names the countries too.
    expect(await page.getByTestId('fact-nationality').innerText()).toContain('Ukraina (UKR)');
    expect(await page.getByTestId('fact-staysInSafeCountries').innerText()).toContain(
      'Sverige (SE), Danmark (DK)',
    );

    // The police district: a select of Norway's twelve districts and the National Police Immigration Service.
    await page.getByTestId('command-choice-registerWithPolice').click();
    const police = page.getByTestId('command-form-registerWithPolice');
    const district = police.getByTestId('field-policeDistrict');
    expect(await district.evaluate((element) => element.tagName)).toBe('SELECT');
    expect(await district.locator('option').count()).toBe(14);
    await district.selectOption('Politiets utlendingsenhet (PU)');
    await police.getByTestId('field-passport.kind').selectOption('international');
    await police.getByTestId('field-passport.expiresOn').fill('2099-01-01');
    await police.getByTestId('field-passport.surrendered').check();
    await police.locator('button[type=submit]').click();
    await status(page, 'awaiting-collective-assessment');
    expect((await caseState(duf)).registration?.policeDistrict).toBe('Politiets utlendingsenhet (PU)');

    await page.getByTestId('command-choice-assessCollectiveProtection').click();
    const assess = page.getByTestId('command-form-assessCollectiveProtection');
    await assess.getByTestId('field-reason').fill('stayed in Poland before Norway');
    await assess.locator('button[type=submit]').click();
    // The assessment cannot be undone: the page asks first.
    await page.getByTestId('confirm-go').click();
    await status(page, 'individual-assessment');

    // The interpreter language: chosen from a list by its name in the UI's language, stored as its ISO 639 code.
    // In English this time: the same pickers name the same things in the other language.
    await page.getByTestId('language-switch').click();
    await page.getByTestId('command-choice-inviteToInterview').click();
    const invite = page.getByTestId('command-form-inviteToInterview');
    const language = invite.getByTestId('field-interpreterLanguage');
    await language.waitFor();
    const languages = invite.getByTestId('field-interpreterLanguage-options');
    expect(await languages.locator('option[value="Tigrinya"]').count()).toBe(1);
    const scheduledAt = new Date(Date.now() + 3 * 86_400_000);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Oslo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(scheduledAt)
      .replace(' ', 'T');
    await invite.getByTestId('field-scheduledAt').fill(local);
    await invite.getByTestId('field-location').selectOption('oslo');
    await language.fill('Tigrinya');
    await invite.locator('button[type=submit]').click();
    await status(page, 'interview-scheduled');
    expect((await caseState(duf)).interview?.interpreterLanguage).toBe('ti');
    // The case page names the language, not its code.
    await expect(page.getByTestId('details-interview').textContent()).resolves.toContain('Tigrinya');
    expect(errors).toEqual([]);
  }, 150_000);

  it('names the countries in English when the UI speaks English, and refuses a country that is none', async () => {
    const { page, errors } = await signedIn('caseworker');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('nav-new').click();
    const form = page.getByTestId('new-case-form');
    const options = form.getByTestId('field-applicant.nationality-options');
    expect(await options.locator('option[value="Ukraine"]').count()).toBe(1);
    await form.getByTestId('field-applicant.nationality').fill('Narnia');
    await form.getByText('Unknown country').waitFor();
    await form.getByTestId('field-applicant.contact.phone').fill('912 34');
    await form.locator('button[type=submit]').click();
    await form.getByTestId('field-error-applicant.nationality').waitFor();
    await form.getByTestId('field-error-applicant.contact.phone').waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
