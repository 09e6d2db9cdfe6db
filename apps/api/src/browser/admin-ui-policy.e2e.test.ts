import type { Browser, Page } from 'playwright-core';
import { OPEN_CASES_QUERY } from '@saksflyt/audit';
import { type Oblast, policyInForce, STANDARD_POLICY } from '@saksflyt/domain';
import { aPoliceRegistration, anApplication } from '@saksflyt/domain/testing';
import { TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { inChromium, signedInAs } from './browser';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The policy page in Chromium (issue 16, point 4), in nb and en: every role sees the versions as a timeline and may
 * preview a draft's impact on the open cases; only an admin publishes, after a confirmation naming how many cases the
 * version touches, and then sees it on the timeline with its review list; a refused publication is said in the
 * reader's language. The case page links the policy version its screening used to the version on that page.
 */
describe('the policy page in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  inChromium((started) => ({ system, browser } = started));

  /** Awaiting the collective assessment, from Kharkiv: a draft excluding Kharkiv touches it. */
  const FROM_KHARKIV = '202416100001';
  /** Rejected on internal protection in Lviv, from Odesa: no draft here touches it. */
  const DECIDED = '202416100002';
  const inForce = () => policyInForce(new Date().toISOString().slice(0, 10), STANDARD_POLICY);

  async function accepted(duf: string, name: string, payload: object) {
    const response = await system.request(
      'caseworker',
      'POST',
      `/api/cases/${duf}/commands/${name}`,
      payload,
    );
    if (response.status !== 200) throw new Error(`${name}: ${response.status} ${await response.text()}`);
  }

  async function lodge(dufNumber: string, homeOblast: Oblast) {
    const application = anApplication({ dufNumber, lodgedAt: new Date().toISOString() });
    const created = await system.request('caseworker', 'POST', '/api/cases', {
      ...application,
      applicant: { ...application.applicant, homeOblast },
    });
    expect(created.status).toBe(201);
    await accepted(dufNumber, 'registerWithPolice', aPoliceRegistration());
  }

  beforeAll(async () => {
    await lodge(FROM_KHARKIV, 'Kharkiv');
    await lodge(DECIDED, 'Odesa');
    await accepted(DECIDED, 'assessCollectiveProtection', { eligible: false, reason: 'not resident' });
    const scheduledAt = new Date(Date.now() + 1000).toISOString();
    await accepted(DECIDED, 'inviteToInterview', {
      scheduledAt,
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    await accepted(DECIDED, 'recordInterview', { outcome: 'held', heldAt: scheduledAt });
    await accepted(DECIDED, 'decide', {
      outcome: 'rejected',
      grounds: 'internal protection in Lviv',
      internalProtectionOblast: 'Lviv',
    });
    // Visibility is eventually consistent: the impact lists the open cases it sees.
    for (
      let attempt = 0;
      (await system.server.client.workflow.count(OPEN_CASES_QUERY)).count !== 2;
      attempt++
    ) {
      if (attempt > 100) throw new Error('visibility never showed the open cases');
      await sleep(200);
    }
  }, 60_000);

  const signedIn = (user: keyof typeof TEST_USERS) => signedInAs(browser, system.baseUrl, TEST_USERS[user]);

  async function inLanguage(page: Page, lang: 'nb' | 'en'): Promise<void> {
    if ((await page.locator('html').getAttribute('lang')) !== lang)
      await page.getByTestId('language-switch').click();
    await page.locator(`html[lang="${lang}"]`).waitFor();
  }

  /** The policy page through the header's navigation, as a user finds it. */
  async function openPolicyPage(page: Page): Promise<void> {
    await page.getByTestId('nav-policy').click();
    await page.getByTestId('policy-timeline').waitFor();
  }

  /** A draft that adds Kharkiv to the oblasts excluded from collective protection. */
  async function fillDraft(page: Page, draft: { version: string; validFrom: string; source: string }) {
    await page.getByTestId('policy-draft-version').fill(draft.version);
    await page.getByTestId('policy-draft-validFrom').fill(draft.validFrom);
    await page.getByTestId('policy-draft-source').fill(draft.source);
    const excluded = page.getByTestId('policy-draft-collectiveProtectionExcludedOblasts');
    const kharkiv = excluded.locator('input[data-oblast="Kharkiv"]');
    expect(await kharkiv.isChecked()).toBe(false);
    await kharkiv.check();
  }

  const TEXTS = {
    nb: {
      builtIn: 'Innebygd i systemet',
      inForce: 'Gjelder nå',
      enters: /Søkeren kommer fra Kharkiv, som utkastet unntar fra kollektiv beskyttelse/,
      status: 'Venter på vurdering av kollektiv beskyttelse',
      adminsOnly: 'Bare administratorer kan publisere en ny versjon.',
      oneCase: '1 åpen sak',
      publishedBy: 'Publisert av admin',
      reviewTitle: 'Saker til gjennomgang (1)',
      kind: 'Hjemfylket blir unntatt kollektiv beskyttelse',
      taken: (version: string, date: string) =>
        `Versjon ${version} gjelder allerede fra ${date}: en rettelse er en ny versjon fra en annen dato.`,
      required: 'Må fylles ut.',
    },
    en: {
      builtIn: 'Built into the system',
      inForce: 'In force',
      enters: /The applicant comes from Kharkiv, which the draft excludes from collective protection/,
      status: 'Awaiting collective assessment',
      adminsOnly: 'Only admins can publish a new version.',
      oneCase: '1 open case',
      publishedBy: 'Published by admin',
      reviewTitle: 'Cases to review (1)',
      kind: 'The home area becomes excluded from collective protection',
      taken: (version: string, date: string) =>
        `Version ${version} already applies from ${date}: a correction is a new version from another date.`,
      required: 'Required.',
    },
  } as const;

  for (const lang of ['nb', 'en'] as const) {
    it(`shows a caseworker the versions and the impact of a draft, and no Publish (${lang})`, async () => {
      const texts = TEXTS[lang];
      const { page, errors } = await signedIn('caseworker');
      await inLanguage(page, lang);
      await openPolicyPage(page);

      // The versions, oldest first; the one in force marked; the built-in ones said to be so.
      const items = page.getByTestId('policy-timeline').locator(':scope > li');
      expect(
        await items.evaluateAll((elements) => elements.map((element) => element.dataset.version)),
      ).toEqual(STANDARD_POLICY.map((version) => version.version));
      const current = page.getByTestId(`policy-version-${inForce().version}`);
      expect(await current.getAttribute('data-stage')).toBe('in-force');
      expect(await current.getByTestId('policy-stage').innerText()).toBe(texts.inForce);
      expect(await current.getByTestId('policy-origin').innerText()).toBe(texts.builtIn);
      expect(await current.getByTestId('fact-policy-excluded').innerText()).toContain(
        inForce().collectiveProtectionExcludedOblasts[0],
      );
      expect(await page.getByTestId('policy-review').count()).toBe(0);

      // A caseworker may preview, never publish.
      expect(await page.getByTestId('policy-publish').count()).toBe(0);
      expect(await page.getByTestId('policy-publish-admins-only').innerText()).toBe(texts.adminsOnly);

      // A draft sent without its name is refused here, in the reader's language.
      await page.getByTestId('policy-preview').click();
      expect(await page.getByTestId('policy-draft-version-error').innerText()).toBe(texts.required);

      await fillDraft(page, { version: 'NO-UKR-PREVIEW', validFrom: '2030-06-01', source: 'Utkast' });
      await page.getByTestId('policy-preview').click();
      const row = page.getByTestId(`impact-row-${FROM_KHARKIV}`);
      await row.waitFor();
      expect(await page.getByTestId('policy-impact').getAttribute('data-count')).toBe('1');
      expect(await row.getByTestId(`impact-link-${FROM_KHARKIV}`).getAttribute('href')).toBe(
        `#/cases/${FROM_KHARKIV}`,
      );
      expect(await row.locator('[data-status]').innerText()).toBe(texts.status);
      const effect = row.locator('li[data-kind="home-area-enters-exclusion"]');
      expect(await effect.innerText()).toMatch(texts.enters);
      expect(await effect.innerText()).not.toContain('awaiting the collective assessment, from Kharkiv');

      // A changed draft says its impact is stale.
      await page
        .getByTestId('policy-draft-internalProtectionSafeOblasts')
        .locator('input[data-oblast="Cherkasy"]')
        .check();
      await page.getByTestId('policy-impact-stale').waitFor();

      // The case linked from the impact: its screening names the version it was screened under, linked back.
      await row.getByTestId(`impact-link-${FROM_KHARKIV}`).click();
      const screenedUnder = page.getByTestId('screening-policy-version');
      await screenedUnder.waitFor();
      expect(await screenedUnder.innerText()).toBe(inForce().version);
      await screenedUnder.click();
      await page.locator(`[data-testid="policy-version-${inForce().version}"].focused`).waitFor();
      expect(errors).toEqual([]);
    }, 90_000);
  }

  it('names on the case page the policy version a decision applied, linked to it on the policy page', async () => {
    const { page, errors } = await signedIn('caseworker');
    await inLanguage(page, 'nb');
    await page.goto(`${system.baseUrl}/#/cases/${DECIDED}`);
    const fact = page.getByTestId('details-decision').getByTestId('fact-decision-policyVersion');
    await fact.waitFor();
    expect(await fact.locator('dt').innerText()).toBe('Regelverksversjon');
    const link = fact.getByTestId('decision-policy-version');
    expect(await link.innerText()).toBe(inForce().version);
    expect(await link.getAttribute('href')).toBe(`#/policy?version=${inForce().version}`);
    await link.click();
    await page.locator(`[data-testid="policy-version-${inForce().version}"].focused`).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  for (const [lang, version, validFrom, shownDate] of [
    ['nb', 'NO-UKR-2030-NB', '2030-01-01', '1. jan. 2030'],
    ['en', 'NO-UKR-2031-EN', '2031-01-01', '1 Jan 2031'],
  ] as const) {
    it(`lets an admin publish a draft after a confirmation naming the cases touched, and refuses it twice (${lang})`, async () => {
      const texts = TEXTS[lang];
      const { page, errors } = await signedIn('admin');
      await inLanguage(page, lang);
      await openPolicyPage(page);
      await fillDraft(page, { version, validFrom, source: 'UDI-retningslinje (test)' });
      await page.getByTestId('policy-preview').click();
      await page.getByTestId(`impact-row-${FROM_KHARKIV}`).waitFor();

      // Publish asks first, naming the one case the version touches; Cancel publishes nothing.
      const dialog = page.getByTestId('policy-confirm');
      await page.getByTestId('policy-publish').click();
      await dialog.waitFor();
      const cases = dialog.getByTestId('policy-confirm-cases');
      expect(await cases.getAttribute('data-count')).toBe('1');
      expect(await cases.innerText()).toContain(texts.oneCase);
      expect(await dialog.innerText()).toContain(shownDate);
      await dialog.getByTestId('policy-confirm-cancel').click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByTestId(`policy-version-${version}`).count()).toBe(0);

      await page.getByTestId('policy-publish').click();
      await dialog.getByTestId('policy-confirm-go').click();
      await page.getByTestId('policy-published').waitFor();

      // The timeline shows it, still to come, published by the admin, with the case listed for review.
      const published = page.getByTestId(`policy-version-${version}`);
      await published.waitFor();
      expect(await published.getAttribute('data-stage')).toBe('future');
      expect(await published.getAttribute('data-published')).toBe('true');
      expect(await published.getByTestId('policy-origin').innerText()).toContain(texts.publishedBy);
      expect(await published.getByTestId('fact-policy-excluded').innerText()).toContain('Kharkiv');
      const review = published.getByTestId('policy-review');
      expect(await review.locator('h4').innerText()).toBe(texts.reviewTitle);
      expect(await review.getByTestId(`review-${FROM_KHARKIV}`).innerText()).toContain(texts.kind);
      expect(await review.getByTestId(`review-link-${FROM_KHARKIV}`).getAttribute('href')).toBe(
        `#/cases/${FROM_KHARKIV}`,
      );
      expect(await page.getByTestId(`policy-version-${inForce().version}`).getAttribute('data-stage')).toBe(
        'in-force',
      );

      // The same date again: the service refuses it (409), said in the reader's language, not its English.
      await page.getByTestId('policy-publish').click();
      await dialog.getByTestId('policy-confirm-go').click();
      const failure = page.getByTestId('policy-failure');
      await failure.waitFor();
      expect(await failure.innerText()).toContain(texts.taken(version, shownDate));
      expect(await failure.innerText()).not.toMatch(/already applies from 20/);
      expect(await page.getByTestId('policy-timeline').locator(`[data-version="${version}"]`).count()).toBe(
        1,
      );
      expect(errors.filter((error) => !/409|Conflict/.test(error))).toEqual([]);
    }, 90_000);
  }
});
