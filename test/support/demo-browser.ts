import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describeWhenAvailable } from './required-tool.js';

/** Debian's Chromium, or the one `CHROMIUM_PATH` names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave their screenshots. */
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/** `describe` for a browser suite: fails under CI without Chromium, skips loudly elsewhere. */
export function describeWithChromium(suite: string): typeof describe.skip {
  return describeWhenAvailable(
    suite,
    existsSync(CHROMIUM)
      ? undefined
      : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
}

/** A headless Chromium with a throw-away profile and one page. */
export interface DemoBrowser {
  context: BrowserContext;
  page: Page;
  /** Every request the page made to another host than this machine: must stay empty. */
  offMachine: string[];
  /** A full-page screenshot under test/screenshots. */
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Starts headless Chromium on a fresh profile, recording any request that leaves the machine. */
export async function openDemoBrowser(profilePrefix: string): Promise<DemoBrowser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), profilePrefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const offMachine: string[] = [];
  // every request the page makes must stay on this machine
  context.on('request', (req) => {
    const host = new URL(req.url()).hostname;
    if (!['localhost', '127.0.0.1', '[::1]'].includes(host)) offMachine.push(req.url());
  });
  const page = await context.newPage();
  return {
    context,
    page,
    offMachine,
    shot: (name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true }),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
