import type { Page } from 'playwright-core';
import { startDemo } from './support/demo-harness.js';
import { describeWithChromium, openDemoBrowser, type DemoBrowser } from './support/demo-browser.js';

/*
 * The demo page's layout, measured in a real browser with every panel filled in (an account, a
 * product with its SKUs and freight options, a placed order with its status history, search
 * results and a promotion link): at a phone's width nothing sticks out of the page or of a card,
 * and every form label stays next to (or right above) its field; at a desktop width too.
 */

/**
 * What sticks out, as readable lines: the page wider than the window, a card whose content is
 * wider than the card, or any element reaching past its card's content box (an element inside a
 * scroll container within the card may: the container itself must fit).
 */
const OVERFLOW = `(() => {
  const problems = [];
  const name = (el) =>
    el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push('page: scrollWidth ' + root.scrollWidth + ' > ' + root.clientWidth);
  }
  const scrolls = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  for (const card of document.querySelectorAll('header, main > section, #message')) {
    if (card.hidden) continue;
    if (card.scrollWidth > card.clientWidth) {
      problems.push(name(card) + ': scrollWidth ' + card.scrollWidth + ' > clientWidth ' + card.clientWidth);
    }
    const style = getComputedStyle(card);
    const box = card.getBoundingClientRect();
    const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
    const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
    for (const el of card.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      let up = el.parentElement;
      while (up && up !== card && !scrolls(up)) up = up.parentElement;
      if (up !== card) continue;
      if (r.left < left - 1 || r.right > right + 1) {
        problems.push(name(card) + ' > ' + name(el) + ': ' + Math.round(r.left) + '..' +
          Math.round(r.right) + ' outside ' + Math.round(left) + '..' + Math.round(right));
      }
    }
  }
  return problems;
})()`;

/**
 * Labels apart from their fields: each visible form label's words must sit on one line, either on
 * the field's row just before it, or right above it and aligned with it.
 */
const LABELS = `(() => {
  const problems = [];
  for (const label of document.querySelectorAll('main form label')) {
    if (!label.offsetParent) continue;
    const control = label.control;
    const words = [...label.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim());
    const text = words.map((n) => n.textContent.trim()).join(' ');
    if (!control || words.length === 0) {
      problems.push('label "' + text + '" has no field or no words');
      continue;
    }
    const range = document.createRange();
    range.setStartBefore(words[0]);
    range.setEndAfter(words[words.length - 1]);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0);
    const t = range.getBoundingClientRect();
    const c = control.getBoundingClientRect();
    const oneLine = new Set(lines.map((r) => Math.round(r.top))).size === 1;
    const sameRow = t.bottom > c.top && t.top < c.bottom && c.left >= t.right - 1 && c.left - t.right <= 16;
    const above = t.bottom <= c.top + 2 && c.top - t.bottom <= 12 && Math.abs(t.left - c.left) <= 4;
    if (!oneLine || !(sameRow || above)) {
      problems.push('label "' + text + '" (' + Math.round(t.left) + ',' + Math.round(t.top) + '..' +
        Math.round(t.right) + ',' + Math.round(t.bottom) + ') is apart from its field (' +
        Math.round(c.left) + ',' + Math.round(c.top) + '..' + Math.round(c.right) + ',' +
        Math.round(c.bottom) + ')');
    }
  }
  return problems;
})()`;

/** Elements marked `hidden` that a style displays all the same. */
const SHOWN_THOUGH_HIDDEN = `[...document.querySelectorAll('[hidden]')]
  .filter((el) => getComputedStyle(el).display !== 'none')
  .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''))`;

/** Connects an account, looks up a product, quotes freight, places an order, finds a product. */
async function fillEveryPanel(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByText('Running against the embedded mock AliExpress gateway').waitFor();
  // what the page hides until there is something to show (no order yet) stays hidden
  expect(await page.evaluate(SHOWN_THOUGH_HIDDEN)).toEqual([]);
  await page.getByRole('link', { name: 'Connect AliExpress account' }).click();
  await page.waitForURL(/\/oauth\/authorize\?/);
  await page.getByLabel(/bob\.dropship@example\.com/).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL(`${url}/`);
  await page.locator('#accounts tbody tr', { hasText: 'bob.dropship@example.com' }).waitFor();
  await page.locator('#live[data-state="open"]').waitFor();

  await page.getByRole('button', { name: 'Look up' }).click();
  await page.locator('#skus tbody tr').nth(2).waitFor();
  await page.getByRole('button', { name: 'Freight quote for the chosen SKU' }).click();
  await page.locator('#freight li').first().waitFor();

  await page.getByRole('button', { name: 'Place order for the chosen SKU' }).click();
  await page.locator('#orders-table tbody tr[data-status="FINISH"]').waitFor({ timeout: 10_000 });

  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#find-results li').first().getByRole('button', { name: 'Details' }).click();
  await page.getByRole('button', { name: 'Generate promotion link' }).click();
  await page.locator('#find-link').waitFor({ state: 'visible' });
  await page.waitForFunction(
    "[...document.querySelectorAll('.images img')].every((i) => i.complete && i.naturalWidth > 0)",
  );
}

describeWithChromium('demo layout browser test')(
  'demo page layout in a real browser (Chromium)',
  () => {
    let demo: Awaited<ReturnType<typeof startDemo>>;
    let browser: DemoBrowser;
    let page: Page;

    beforeAll(async () => {
      demo = await startDemo({ DEMO_LIFECYCLE_STEP_MS: '200' });
      browser = await openDemoBrowser('demo-layout-chromium-');
      page = browser.page;
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await demo?.close();
    });

    it('reads on a phone (390 px): nothing overflows, labels stay with their fields', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await fillEveryPanel(page, demo.url);
      await browser.shot('layout-phone-390');
      expect({
        overflow: await page.evaluate(OVERFLOW),
        labels: await page.evaluate(LABELS),
        shownThoughHidden: await page.evaluate(SHOWN_THOUGH_HIDDEN),
      }).toEqual({ overflow: [], labels: [], shownThoughHidden: [] });
    }, 60_000);

    it('still lays out on a desktop (1280 px): nothing overflows, labels stay with their fields', async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await fillEveryPanel(page, demo.url);
      await browser.shot('layout-desktop-1280');
      expect({
        overflow: await page.evaluate(OVERFLOW),
        labels: await page.evaluate(LABELS),
        shownThoughHidden: await page.evaluate(SHOWN_THOUGH_HIDDEN),
      }).toEqual({ overflow: [], labels: [], shownThoughHidden: [] });
      // on a wide screen the lookup form is one row, and a longer form keeps several fields a row
      const lookupRows: number[] = await page.evaluate(
        "[...document.querySelectorAll('#lookup > *')].map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))",
      );
      expect(Math.max(...lookupRows) - Math.min(...lookupRows)).toBeLessThanOrEqual(2);
      const tops: number[] = await page.evaluate(
        "[...document.querySelectorAll('#order label')].map((l) => Math.round(l.getBoundingClientRect().top))",
      );
      expect(new Set(tops).size).toBeLessThan(tops.length);
    }, 60_000);

    it('made no request off this machine', () => {
      expect(browser.offMachine).toEqual([]);
    });
  },
);
