import type { IncomingMessage, ServerResponse } from 'node:http';
import { startDemo } from './support/demo-harness.js';
import { describeWithChromium, openDemoBrowser, type DemoBrowser } from './support/demo-browser.js';

/*
 * The demo page's icon: a browser loading the page asks for it on its own, and every answer it
 * gets is a success (no 404 for /favicon.ico in the demo's log or the browser's console).
 */
describeWithChromium('demo icon browser test')('demo page icon (Chromium)', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: DemoBrowser;
  /** Every answer the demo sent: Chromium's own icon request never reaches Playwright's events. */
  const served: Array<{ status: number; url: string; type: string }> = [];

  beforeAll(async () => {
    demo = await startDemo();
    demo.app.getHttpServer().on('request', (req: IncomingMessage, res: ServerResponse) =>
      res.on('finish', () =>
        served.push({
          status: res.statusCode,
          url: req.url ?? '',
          type: String(res.getHeader('content-type') ?? ''),
        }),
      ),
    );
    browser = await openDemoBrowser('demo-icon-chromium-');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('loads the page without a single failed request, the icon included', async () => {
    const failed: string[] = [];
    browser.page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
    });
    await browser.page.goto(demo.url);
    await browser.page.locator('#no-accounts').waitFor({ state: 'visible' });
    const icon = await browser.page.evaluate(
      "document.querySelector('link[rel=icon]')?.getAttribute('href') ?? null",
    );
    expect(icon).toMatch(/^\/[\w.-]+\.svg$/);
    // the browser asks for the icon on its own, after the page has loaded
    const deadline = Date.now() + 10_000;
    while (!served.some((s) => s.url === icon) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(served.find((s) => s.url === icon)).toMatchObject({
      status: 200,
      type: expect.stringMatching(/^image\/svg\+xml/),
    });
    expect(failed).toEqual([]);
    expect(served.filter((s) => s.status >= 400)).toEqual([]);
  }, 60_000);

  it('answers /favicon.ico, for clients that ask for it by name, with an icon', async () => {
    const res = await fetch(`${demo.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\//);
    const bytes = Buffer.from(await res.arrayBuffer());
    // an ICO file: reserved 0, type 1 (icon), at least one image
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
  });

  it('made no request off this machine', () => {
    expect(browser.offMachine).toEqual([]);
  });
});
