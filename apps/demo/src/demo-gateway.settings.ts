import type { SettingsSource } from './demo-listen.settings.js';
import { DemoSettingsError } from './demo-settings.error.js';
import type { DemoSettings } from './demo-settings.js';

/** The real (or another) gateway the environment names: `ALIEXPRESS_APP_KEY` is set. */
export type DemoLiveGatewaySettings = Pick<
  DemoSettings,
  'appKey' | 'appSecret' | 'redirectUri' | 'baseUrl' | 'ordersEnabled' | 'trackingId'
>;

const OR_MOCK = 'or unset ALIEXPRESS_APP_KEY to use the embedded mock gateway';

/** Settings that only mean something with an app key: set alone, they say a live setup is half done. */
const LIVE_ONLY = ['ALIEXPRESS_APP_SECRET', 'ALIEXPRESS_BASE_URL'] as const;

/** A setting as given, `undefined` when unset or blank (`.env.example` leaves them empty). */
function setting(config: SettingsSource, key: string): string | undefined {
  const value = config.get(key);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** What is wrong with an app key or secret: it is signed byte for byte, so spaces around it break every call. */
function credentialProblem(key: string, value: string): string | undefined {
  if (value.trim() === value) return undefined;
  const where = /^\s/.test(value) ? 'starts' : 'ends';
  return `${key} ${where} with whitespace: remove it (and any quotes around it), it would be signed`;
}

/** An absolute http(s) URL, or what is wrong with it. */
function urlProblem(value: string, allowQuery: boolean): string | undefined {
  if (!URL.canParse(value)) return 'must be an absolute http(s) URL';
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'must be an absolute http(s) URL';
  if (url.hash) return 'must not carry a fragment (#…)';
  if (!allowQuery && url.search) return 'must not carry a query string';
  return undefined;
}

/**
 * Reads the gateway settings: `undefined` when the demo runs on the embedded mock gateway (no
 * `ALIEXPRESS_APP_KEY`), else the live gateway's. Throws one {@link DemoSettingsError} naming
 * every missing or malformed setting, and refuses a secret or base URL without an app key (the
 * demo would otherwise ignore them and quietly run on the mock). Never quotes a value: these
 * messages end up in terminals and logs, and the secret is among them.
 */
export function readDemoGatewaySettings(
  config: SettingsSource,
): DemoLiveGatewaySettings | undefined {
  const appKey = setting(config, 'ALIEXPRESS_APP_KEY');
  const problems: string[] = [];
  if (appKey === undefined) {
    const orphans = LIVE_ONLY.filter((key) => setting(config, key) !== undefined);
    if (orphans.length > 0) {
      const them = orphans.length === 1 ? orphans[0] : 'them';
      problems.push(
        `ALIEXPRESS_APP_KEY is missing while ${orphans.join(' and ')} ${orphans.length === 1 ? 'is' : 'are'} set: ` +
          `set the app key in .env (see .env.example) to use that gateway, or unset ${them} to use the embedded mock gateway`,
      );
    }
    if (problems.length > 0) throw new DemoSettingsError(problems);
    return undefined;
  }

  const keyProblem = credentialProblem('ALIEXPRESS_APP_KEY', appKey);
  if (keyProblem) problems.push(keyProblem);

  const appSecret = setting(config, 'ALIEXPRESS_APP_SECRET');
  if (appSecret === undefined) {
    problems.push(`ALIEXPRESS_APP_SECRET is missing: set it in .env (see .env.example) ${OR_MOCK}`);
  } else {
    const secretProblem = credentialProblem('ALIEXPRESS_APP_SECRET', appSecret);
    if (secretProblem) problems.push(secretProblem);
  }

  const redirectUri = setting(config, 'ALIEXPRESS_REDIRECT_URI');
  if (redirectUri === undefined) {
    problems.push(
      'ALIEXPRESS_REDIRECT_URI is missing: set it in .env to the callback URL registered for your app ' +
        `(e.g. https://demo.example/aliexpress/callback), ${OR_MOCK}`,
    );
  } else {
    const problem = urlProblem(redirectUri, true);
    if (problem) {
      problems.push(
        `ALIEXPRESS_REDIRECT_URI ${problem}, exactly as registered for your app (e.g. https://demo.example/aliexpress/callback)`,
      );
    }
  }

  const baseUrl = setting(config, 'ALIEXPRESS_BASE_URL')?.trim();
  const baseUrlProblem = baseUrl === undefined ? undefined : urlProblem(baseUrl, false);
  if (baseUrlProblem) {
    problems.push(
      `ALIEXPRESS_BASE_URL ${baseUrlProblem}, e.g. https://api-sg.aliexpress.com (or leave it empty for that default)`,
    );
  }

  const allowOrders = (setting(config, 'DEMO_ALLOW_ORDERS') ?? 'false').trim();
  if (allowOrders !== 'true' && allowOrders !== 'false') {
    problems.push('DEMO_ALLOW_ORDERS must be true or false (false unless set)');
  }

  if (problems.length > 0) throw new DemoSettingsError(problems);
  return {
    appKey,
    appSecret: appSecret as string,
    redirectUri: redirectUri as string,
    baseUrl,
    ordersEnabled: allowOrders === 'true',
    trackingId: setting(config, 'ALIEXPRESS_TRACKING_ID')?.trim(),
  };
}
