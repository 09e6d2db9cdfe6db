import type { Browser, Page } from 'playwright-core';
import { buildAdminUi } from '@saksflyt/admin-ui';
import { anApplication } from '@saksflyt/domain/testing';
import { startProtectionCase } from '@saksflyt/workflows/client';
import { startTestSystem, TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { launchChromium, signedInPage } from './browser';

const person = (dufNumber: string, fullName: string, dateOfBirth: string, lodgedAt: string) =>
  anApplication({
    dufNumber,
    lodgedAt,
    applicant: { ...anApplication().applicant, fullName, dateOfBirth },
  });

/**
 * Finding a person in the case list, in Chromium (issue 15, point 8): a search by name or date of birth, the name
 * column from the person index ("—" for a case it does not hold), column headers that sort with aria-sort, and the
 * total, in Norwegian and in English; every search on the auditors' log.
 */
describe('finding a person in the case list, in Chromium', () => {
  const OLENA = '202482000001';
  const IVAN = '202482000002';
  const BJORN = '202482000003';
  const ELSEWHERE = '202482000004';
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    await buildAdminUi();
    system = await startTestSystem({ SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '100' });
    browser = await launchChromium();
    for (const application of [
      person(OLENA, 'Olena Kovalenko', '1990-01-31', '2026-11-01T09:00:00+01:00'),
      person(IVAN, 'Ivan Kovalenko', '1985-05-05', '2026-11-03T09:00:00+01:00'),
      person(BJORN, 'Bjørn Åse-Ødegård', '1990-01-31', '2026-11-02T09:00:00+01:00'),
    ])
      expect((await system.request('caseworker', 'POST', '/api/cases', application)).status).toBe(201);
    // Started past the API: in the list, not in the person index.
    await startProtectionCase(
      system.server.client,
      person(ELSEWHERE, 'Oksana Kovalenko', '1990-01-31', '2026-11-04T09:00:00+01:00'),
      system.settings.temporal.taskQueue,
    );
    for (let attempt = 0; attempt < 50; attempt++) {
      const listed = (await (await system.request('caseworker', 'GET', '/api/cases')).json()) as {
        total: number;
      };
      if (listed.total >= 4) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const rowsOf = async (page: Page) =>
    page
      .getByTestId('case-list-table')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector('th')?.textContent?.trim() ?? '',
          row.querySelectorAll('td')[0]?.textContent?.trim() ?? '',
        ]),
      );

  /**
   * The list once it says `total` and shows `rows` (DUF number and name, in order): the last answer may still be on
   * the page for a moment after a search or a sort, so this waits up to 10 s for the new one, then says what it saw.
   */
  async function expectListed(page: Page, total: string, rows: string[][], inAnyOrder = false) {
    const normalised = (seen: string[][]) => (inAnyOrder ? [...seen].sort() : seen);
    let seen: { total: string; rows: string[][] } = { total: '', rows: [] };
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const totals = await page.getByTestId('case-list-total').allInnerTexts();
      seen = { total: totals[0] ?? '', rows: normalised(await rowsOf(page)) };
      if (seen.total === total && JSON.stringify(seen.rows) === JSON.stringify(normalised(rows))) return;
      await page.waitForTimeout(100);
    }
    expect(seen).toEqual({ total, rows: normalised(rows) });
  }

  async function search(page: Page, name: string, dateOfBirth = '') {
    await page.getByTestId('person-name').fill(name);
    await page.getByTestId('person-dateOfBirth').fill(dateOfBirth);
    await page.getByTestId('person-search').click();
  }

  it('finds by name and by date of birth, shows names, sorts by a header and says the total, in nb and en', async () => {
    const { page, errors } = await signedInPage(browser, system.baseUrl, {
      username: TEST_USERS.caseworker,
      password: TEST_PASSWORD,
    });
    await page.goto(`${system.baseUrl}/#/cases`);
    const form = page.getByTestId('person-search-form');
    expect(await form.locator('h2').innerText()).toBe('Finn person');
    expect(await form.innerText()).toContain('logges med hvem som søkte');

    // Every case, with its name from the index, "—" for the one it does not hold; the total in words.
    const everyone = [
      [OLENA, 'Olena Kovalenko'],
      [IVAN, 'Ivan Kovalenko'],
      [BJORN, 'Bjørn Åse-Ødegård'],
      [ELSEWHERE, '—'],
    ];
    await expectListed(page, '4 saker', everyone, true);

    // A header sorts: aria-sort says which way; a second click turns it.
    const nameHeader = page.locator('th', { has: page.getByTestId('sort-name') });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('none');
    await page.getByTestId('sort-name').click();
    await page.waitForURL(/sort=name/);
    await nameHeader.and(page.locator('[aria-sort="ascending"]')).waitFor();
    await expectListed(page, '4 saker', [
      [BJORN, 'Bjørn Åse-Ødegård'],
      [IVAN, 'Ivan Kovalenko'],
      [OLENA, 'Olena Kovalenko'],
      [ELSEWHERE, '—'],
    ]);
    await page.getByTestId('sort-name').click();
    await nameHeader.and(page.locator('[aria-sort="descending"]')).waitFor();
    await expectListed(page, '4 saker', [
      [OLENA, 'Olena Kovalenko'],
      [IVAN, 'Ivan Kovalenko'],
      [BJORN, 'Bjørn Åse-Ødegård'],
      [ELSEWHERE, '—'],
    ]);

    // By name, words in any order, case and diacritics aside; by date of birth; both.
    await search(page, 'kovalenko OLENA');
    await expectListed(page, '1 sak', [[OLENA, 'Olena Kovalenko']]);
    await search(page, 'odegard bjorn');
    await expectListed(page, '1 sak', [[BJORN, 'Bjørn Åse-Ødegård']]);
    await search(page, '', '1990-01-31');
    await expectListed(page, '2 saker', [
      [OLENA, 'Olena Kovalenko'],
      [BJORN, 'Bjørn Åse-Ødegård'],
    ]);
    await search(page, 'Kovalenko', '1990-01-31');
    await expectListed(page, '1 sak', [[OLENA, 'Olena Kovalenko']]);
    // The name is never put in the address (it would stay in the browser's history).
    expect(page.url()).not.toMatch(/Kovalenko|1990/i);

    // Nothing to search for: said at the field, nothing sent.
    await search(page, '  ');
    expect(await page.locator('#person-name-error').innerText()).toBe(
      'Skriv et navn eller velg en fødselsdato.',
    );
    expect(await page.getByTestId('person-name').getAttribute('aria-invalid')).toBe('true');

    // Cleared, the whole list again.
    await page.getByTestId('person-clear').click();
    await expectListed(page, '4 saker', everyone, true);

    // The same in English.
    await page.getByTestId('language-switch').click();
    await form.locator('h2', { hasText: 'Find a person' }).waitFor();
    expect(await form.innerText()).toContain('logged with who searched');
    await expectListed(page, '4 cases', everyone, true);
    expect(await page.locator('thead').innerText()).toContain('Name');
    await search(page, 'ivan');
    await expectListed(page, '1 case', [[IVAN, 'Ivan Kovalenko']]);
    await search(page, '');
    expect(await page.locator('#person-name-error').innerText()).toBe(
      'Enter a name or choose a date of birth.',
    );
    expect(errors).toEqual([]);

    // Every search the page sent is on the auditors' log, under the caseworker's name.
    const log = (await (await system.request('auditor', 'GET', '/api/audit/person-searches')).json()) as {
      items: { actor: { username: string }; criteria: object }[];
    };
    expect(log.items.map((entry) => [entry.actor.username, entry.criteria])).toEqual([
      [TEST_USERS.caseworker, { name: 'kovalenko OLENA' }],
      [TEST_USERS.caseworker, { name: 'odegard bjorn' }],
      [TEST_USERS.caseworker, { dateOfBirth: '1990-01-31' }],
      [TEST_USERS.caseworker, { name: 'Kovalenko', dateOfBirth: '1990-01-31' }],
      [TEST_USERS.caseworker, { name: 'ivan' }],
    ]);
  });
});
