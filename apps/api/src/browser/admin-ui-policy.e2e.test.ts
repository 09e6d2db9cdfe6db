import type { Browser, Page } from 'playwright-core';
import { OPEN_CASES_QUERY } from '@saksflyt/audit';
import { policyInForce, STANDARD_POLICY } from '@saksflyt/domain';
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

  beforeAll(async () => {
    await system.lodgeRegistered(FROM_KHARKIV, 'Kharkiv');
    await system.lodgeRegistered(DECIDED, 'Odesa');
    await system.accepted(DECIDED, 'assessCollectiveProtection', { eligible: false, reason: 'not resident' });
    const scheduledAt = new Date(Date.now() + 1000).toISOString();
    await system.accepted(DECIDED, 'inviteToInterview', {
      scheduledAt,
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    await system.accepted(DECIDED, 'recordInterview', { outcome: 'held', heldAt: scheduledAt });
    await system.accepted(DECIDED, 'decide', {
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
      panelTitle: 'Til gjennomgang etter ny praksis',
      facts: (date: string) => `Gjelder fra ${date} · publisert av admin`,
      yours: 'Din sak',
      note: (version: string, date: string) =>
        `Satt opp til gjennomgang etter regelverksversjon ${version} (fra ${date}):`,
      decide: 'en saksbehandler vurderer hva som skal gjøres',
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
      panelTitle: 'Policy changes to review',
      facts: (date: string) => `Applies from ${date} · published by admin`,
      yours: 'Your case',
      note: (version: string, date: string) =>
        `Listed for review after policy version ${version} (from ${date}):`,
      decide: 'a caseworker decides what to do',
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

  /** The two versions the admin published above, newest first, each with the day it applies from as each language says it. */
  const PUBLISHED = [
    { version: 'NO-UKR-2031-EN', shown: { nb: '1. jan. 2031', en: '1 Jan 2031' } },
    { version: 'NO-UKR-2030-NB', shown: { nb: '1. jan. 2030', en: '1 Jan 2030' } },
  ] as const;

  // Point 6: what a publication listed for review reaches the caseworkers' work list and the case itself; nothing in
  // the case is changed, the texts say a caseworker decides.
  for (const lang of ['nb', 'en'] as const) {
    it(`lists the cases a publication touched on the work list and on the case, for a caseworker to decide (${lang})`, async () => {
      const texts = TEXTS[lang];
      // The caseworker holds the case: the work list marks it as theirs.
      const held = await system.request('caseworker', 'GET', `/api/cases/${FROM_KHARKIV}`);
      if (((await held.json()) as { assignee: string | null }).assignee !== TEST_USERS.caseworker)
        await system.accepted(FROM_KHARKIV, 'assignCase', { assignee: TEST_USERS.caseworker });

      const { page, errors } = await signedIn('caseworker');
      await inLanguage(page, lang);
      // A caseworker starts the day at their own cases: the panel stands above them.
      await page.getByTestId('nav-mine').click();
      const panel = page.getByTestId('policy-review-panel');
      await panel.waitFor();
      expect(await panel.locator('h2').innerText()).toBe(texts.panelTitle);
      expect(
        await panel
          .locator('[data-testid^="policy-review-version-"][data-version]')
          .evaluateAll((elements) => elements.map((element) => element.dataset.version)),
      ).toEqual(PUBLISHED.map((item) => item.version));
      for (const { version, shown } of PUBLISHED) {
        const item = panel.getByTestId(`policy-review-version-${version}`);
        expect(await item.getByTestId('policy-review-version-link').getAttribute('href')).toBe(
          `#/policy?version=${version}`,
        );
        expect(await item.getByTestId('policy-review-version-facts').innerText()).toBe(
          texts.facts(shown[lang]),
        );
        const entry = item.getByTestId(`policy-review-case-${FROM_KHARKIV}`);
        expect(await entry.getByTestId(`policy-review-link-${FROM_KHARKIV}`).getAttribute('href')).toBe(
          `#/cases/${FROM_KHARKIV}`,
        );
        expect(await entry.getByTestId('policy-review-kinds').innerText()).toBe(texts.kind);
        expect(await entry.getAttribute('data-held')).toBe('true');
        expect(await entry.getByTestId('policy-review-yours').innerText()).toBe(texts.yours);
        // The case the other version leaves alone is not listed.
        expect(await item.getByTestId(`policy-review-case-${DECIDED}`).count()).toBe(0);
      }
      expect(await panel.innerText()).not.toContain('home-area-enters-exclusion');

      // The case: a note naming each version that listed it, why, and a link to the version; nothing was reversed.
      await panel
        .getByTestId(`policy-review-version-${PUBLISHED[0].version}`)
        .getByTestId(`policy-review-link-${FROM_KHARKIV}`)
        .click();
      const note = page.getByTestId('case-policy-review');
      await note.waitFor();
      for (const { version, shown } of PUBLISHED) {
        const line = note.getByTestId(`case-policy-review-${version}`);
        expect(await line.locator('strong').innerText()).toBe(texts.note(version, shown[lang]));
        expect(await line.getByTestId('case-policy-review-kinds').innerText()).toBe(texts.kind);
        expect(await line.getByTestId('case-policy-review-link').getAttribute('href')).toBe(
          `#/policy?version=${version}`,
        );
      }
      expect(await note.innerText()).toContain(texts.decide);
      expect(await note.innerText()).not.toContain('home-area-enters-exclusion');
      // Still awaiting its collective assessment: listing it changed nothing.
      expect(await page.getByTestId('case-status').getAttribute('data-status')).toBe(
        'awaiting-collective-assessment',
      );
      await note
        .getByTestId(`case-policy-review-${PUBLISHED[1].version}`)
        .getByTestId('case-policy-review-link')
        .click();
      await page.locator(`[data-testid="policy-version-${PUBLISHED[1].version}"].focused`).waitFor();

      // The case the versions left alone shows no note.
      await page.goto(`${system.baseUrl}/#/cases/${DECIDED}`);
      await page.getByTestId('case-header').waitFor();
      await page.getByTestId('details-decision').waitFor();
      expect(await page.getByTestId('case-policy-review').count()).toBe(0);
      expect(errors).toEqual([]);
    }, 90_000);
  }

  it('shows the cases to review on the dashboard too, where admins and auditors start, unmarked for one who holds none', async () => {
    const { page, errors } = await signedIn('auditor');
    await inLanguage(page, 'nb');
    await page.getByTestId('nav-dashboard').click();
    const panel = page.getByTestId('policy-review-panel');
    await panel.waitFor();
    const entry = panel
      .getByTestId(`policy-review-version-${PUBLISHED[0].version}`)
      .getByTestId(`policy-review-case-${FROM_KHARKIV}`);
    expect(await entry.getByTestId('policy-review-kinds').innerText()).toBe(TEXTS.nb.kind);
    expect(await entry.getAttribute('data-held')).toBe('false');
    expect(await panel.getByTestId('policy-review-yours').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
