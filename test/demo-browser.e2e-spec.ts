import type { Page } from 'playwright-core';
import { startDemo } from './support/demo-harness.js';
import { describeWithChromium, openDemoBrowser, type DemoBrowser } from './support/demo-browser.js';

describeWithChromium('demo browser test')('demo in a real browser (Chromium)', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: DemoBrowser;
  let page: Page;

  beforeAll(async () => {
    demo = await startDemo();
    browser = await openDemoBrowser('demo-chromium-');
    page = browser.page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const shot = (name: string) => browser.shot(name);

  it('connects an account through the consent page, looks up a product, quotes freight', async () => {
    await page.goto(demo.url);
    await page.getByText('Running against the embedded mock AliExpress gateway').waitFor();
    await page.locator('#no-accounts').waitFor({ state: 'visible' });
    await shot('1-start');

    await page.getByRole('link', { name: 'Connect AliExpress account' }).click();
    await page.waitForURL(/\/oauth\/authorize\?/);
    await page.getByText('Mock AliExpress gateway').waitFor();
    await shot('2-consent');
    await page.getByLabel(/bob\.dropship@example\.com/).check();
    await page.getByRole('button', { name: 'Approve' }).click();

    await page.waitForURL(`${demo.url}/`);
    await page.getByText('AliExpress account connected.').waitFor();
    await page.locator('#accounts tbody tr', { hasText: 'bob.dropship@example.com' }).waitFor();
    await shot('3-connected');

    await page.getByRole('button', { name: 'Look up' }).click();
    await page
      .locator('#product-title')
      .filter({ hasText: 'Shockproof Silicone Phone Case' })
      .waitFor();
    expect(await page.locator('#product-price').textContent()).toBe('8.99 – 10.49 USD');
    expect(await page.locator('#skus tbody tr').count()).toBe(3);
    const images = page.locator('#product-images img');
    expect(await images.count()).toBe(3);
    // images come from the mock gateway itself (no traffic leaves the machine) and actually load
    await page.waitForFunction(
      "[...document.querySelectorAll('#product-images img')].every((i) => i.complete && i.naturalWidth > 0)",
    );
    expect(await images.first().getAttribute('src')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/__mock\/images\/phone-case-black\.svg$/,
    );

    await page.getByRole('button', { name: 'Freight quote for the chosen SKU' }).click();
    await page.locator('#freight li', { hasText: 'AliExpress Standard Shipping' }).waitFor();
    await shot('4-product');

    await page.locator('#product-id').fill('404');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('No product with this id exists').waitFor();
    await shot('5-unknown-product');
  }, 60_000);

  it('shows a readable error when consent is denied', async () => {
    await page.goto(demo.url);
    await page.getByRole('link', { name: 'Connect AliExpress account' }).click();
    await page.waitForURL(/\/oauth\/authorize\?/);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${demo.url}/`);
    await page.getByText('You denied access on AliExpress').waitFor();
    await shot('6-denied');
    expect(await page.locator('#accounts tbody tr').count()).toBe(1);
  }, 60_000);

  it('made no request off this machine', () => {
    expect(browser.offMachine).toEqual([]);
  });
});
