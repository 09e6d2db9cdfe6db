import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAdminUi } from '@saksflyt/admin-ui';
import { anApplication } from '@saksflyt/domain/testing';
import { caseWorkflowId } from '@saksflyt/workflows';
import { startTestSystem, TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';
import { launchChromium, SCREENSHOTS } from './browser';

const NAME = 'Halyna Bondarenko-Test';

describe('the Temporal Web UI shows decoded payloads to whoever is signed in to the admin UI, and only to them', () => {
  let system: TestSystem;
  let browser: Browser;
  const duf = '202450000001';

  beforeAll(async () => {
    await buildAdminUi();
    system = await startTestSystem({ SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '100' }, { webUi: true });
    browser = await launchChromium();
    const token = await system.tokenOf('caseworker');
    const response = await fetch(`${system.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        anApplication({ dufNumber: duf, applicant: { ...anApplication().applicant, fullName: NAME } }),
      ),
    });
    expect(response.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** The admin UI and the codec on the same site as the Web UI (localhost), so the session cookie reaches it. */
  const adminUiUrl = () => system.baseUrl.replace('127.0.0.1', 'localhost');

  /** What a user ticks once in the Web UI's codec settings: send the session cookie to the codec. */
  async function webUiWithCredentials(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${system.webUiUrl}/`);
    // Overriding the server's codec settings means naming the endpoint again, as the settings dialog does.
    await page.evaluate((endpoint) => {
      // In the page, not in Node: the API project's types know no DOM.
      const storage = (
        globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }
      ).localStorage;
      storage.setItem('endpoint', JSON.stringify(endpoint));
      storage.setItem('includeCredentials', 'true');
      storage.setItem('overrideRemoteCodecConfiguration', 'true');
    }, `${adminUiUrl()}/codec`);
    return page;
  }

  /** Opens the case in the Web UI; answers the status of its first call to the codec. */
  async function openCase(page: Page): Promise<number> {
    const decoded = page.waitForResponse((response) => response.url().includes('/codec/decode'));
    await page.goto(`${system.webUiUrl}/namespaces/default/workflows/${caseWorkflowId(duf)}`);
    await page.getByText('Workflow Type').first().waitFor();
    return (await decoded).status();
  }

  it('shows ciphertext and a codec error to someone not signed in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await webUiWithCredentials(context);
    expect(await openCase(page)).toBe(401);
    await page.locator('#content').getByText('Codec Server could not connect').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(NAME);
    await context.close();
  });

  it.each(['caseworker', 'auditor'] as const)('shows the applicant to a signed-in %s', async (user) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in through the admin UI on the same site as the Web UI, as a person would.
    const admin = await context.newPage();
    await admin.goto(adminUiUrl());
    await admin.getByTestId('sign-in-username').fill(TEST_USERS[user]);
    await admin.getByTestId('sign-in-password').fill(TEST_PASSWORD);
    await admin.getByTestId('sign-in-submit').click();
    await admin.getByTestId('current-user').waitFor();

    const page = await webUiWithCredentials(context);
    await openCase(page);
    await page.getByText(NAME).first().waitFor();
    expect(await page.locator('body').innerText()).not.toContain('Codec Server could not connect');
    if (user === 'auditor') {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'temporal-web-ui-decoded.png') });
    }
    await context.close();
  });
});
