import type { Page } from 'playwright-core';
import { startDemo } from './support/demo-harness.js';
import { describeWithChromium, openDemoBrowser, type DemoBrowser } from './support/demo-browser.js';

describeWithChromium('demo affiliate browser test')(
  'demo "Find products" panel in a real browser (Chromium), no account connected',
  () => {
    let demo: Awaited<ReturnType<typeof startDemo>>;
    let browser: DemoBrowser;
    let page: Page;

    beforeAll(async () => {
      demo = await startDemo();
      browser = await openDemoBrowser('demo-affiliate-chromium-');
      page = browser.page;
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await demo?.close();
    });

    const shot = (name: string) => browser.shot(name);

    it('searches, shows details and generates a promotion link without connecting an account', async () => {
      await page.goto(demo.url);
      await page.locator('#no-accounts').waitFor({ state: 'visible' });

      await page.locator('#find-keywords').fill('phone case');
      await page.getByRole('button', { name: 'Search' }).click();
      const result = page.locator('#find-results li', {
        hasText: 'Shockproof Silicone Phone Case',
      });
      await result.waitFor();
      expect(await page.locator('#find-results li').count()).toBe(1);
      expect(await result.textContent()).toContain('8.99 USD');
      await shot('affiliate-1-search');

      await result.getByRole('button', { name: 'Details' }).click();
      await page
        .locator('#find-title')
        .filter({ hasText: 'Shockproof Silicone Phone Case' })
        .waitFor();
      expect(await page.locator('#find-price').textContent()).toBe('8.99 USD');
      expect(await page.locator('#find-commission').textContent()).toBe('Commission 7.0%');
      // images come from the mock gateway itself and actually load
      await page.waitForFunction(
        "[...document.querySelectorAll('#find-images img')].length === 3 && [...document.querySelectorAll('#find-images img')].every((i) => i.complete && i.naturalWidth > 0)",
      );

      await page.getByRole('button', { name: 'Generate promotion link' }).click();
      await page.locator('#find-link').waitFor({ state: 'visible' });
      expect(await page.locator('#find-tracking').textContent()).toBe('demo_site');
      const href = await page.locator('#find-link-url').getAttribute('href');
      expect(href).toMatch(
        /^https:\/\/s\.click\.aliexpress\.com\/e\/_m[0-9a-f]{10}\?tracking_id=demo_site$/,
      );
      await shot('affiliate-2-link');

      // still no account, and no affiliate request carried a session
      expect(await page.locator('#accounts tbody tr').count()).toBe(0);
      const calls = (demo.demo.mockGateway?.requests() ?? []).filter((r) =>
        r.api?.startsWith('aliexpress.affiliate.'),
      );
      expect(calls.map((r) => r.api)).toEqual([
        'aliexpress.affiliate.product.query',
        'aliexpress.affiliate.productdetail.get',
        'aliexpress.affiliate.link.generate',
      ]);
      for (const call of calls) {
        expect(call.params).not.toHaveProperty('session');
        expect(call.verdict).toBe('ok');
      }
    }, 60_000);

    it('says so when nothing matches', async () => {
      await page.locator('#find-keywords').fill('unicorn saddle');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('No product matches these keywords.').waitFor();
      expect(await page.locator('#find-results li').count()).toBe(0);
    }, 30_000);

    it('made no request off this machine (the promotion link is shown, not followed)', () => {
      expect(browser.offMachine).toEqual([]);
    });
  },
);
