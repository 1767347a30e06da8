import { validateCredential } from '../src/config/credentials.validator.js';
import { TRACKING_ID } from '../src/config/aliexpress-options.schema.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import type { MockApp, MockGatewayOptions } from './mock-gateway.options.js';

function validateApp(app: MockApp, index: number): MockApp {
  const where = `apps[${index}]`;
  try {
    validateCredential('appKey', app?.appKey);
    validateCredential('appSecret', app?.appSecret);
  } catch (error) {
    throw new MockGatewayConfigError(`${where}: ${(error as Error).message}`);
  }
  if (!Array.isArray(app.redirectUris))
    throw new MockGatewayConfigError(`${where}.redirectUris must be an array of URLs`);
  for (const uri of app.redirectUris) {
    if (!URL.canParse(uri))
      throw new MockGatewayConfigError(`${where}.redirectUris: "${uri}" is not an absolute URL`);
  }
  if (app.status !== undefined && app.status !== 'test' && app.status !== 'launched')
    throw new MockGatewayConfigError(`${where}.status must be "test" or "launched"`);
  for (const ttl of ['accessTokenTtlSeconds', 'refreshTokenTtlSeconds'] as const) {
    const value = app[ttl];
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
      throw new MockGatewayConfigError(
        `${where}.${ttl} must be a positive whole number of seconds`,
      );
    }
  }
  return { ...app, redirectUris: [...app.redirectUris] };
}

/**
 * The apps registered on the mock (the Open Platform console): checked once at construction, with
 * the affiliate tracking ids; later only their redirect URIs grow.
 */
export class MockAppRegistry {
  private readonly apps = new Map<string, MockApp>();

  /** Checks the options' apps and tracking ids; a bad one is a {@link MockGatewayConfigError}. */
  constructor(options: MockGatewayOptions) {
    if (!options || !Array.isArray(options.apps) || options.apps.length === 0) {
      throw new MockGatewayConfigError(
        'MockAliexpressGateway needs at least one app: { apps: [{ appKey, appSecret, redirectUris }] }',
      );
    }
    options.apps.forEach((app, i) => {
      const valid = validateApp(app, i);
      if (this.apps.has(valid.appKey))
        throw new MockGatewayConfigError(`apps[${i}]: app key ${valid.appKey} is registered twice`);
      this.apps.set(valid.appKey, valid);
    });
    for (const id of options.trackingIds ?? []) {
      if (typeof id !== 'string' || !TRACKING_ID.test(id))
        throw new MockGatewayConfigError(
          `trackingIds: "${String(id)}" is not a tracking id (1 to 64 letters, digits, "_", "-", ".")`,
        );
    }
  }

  /** The app with this key, if registered. */
  get(appKey: string): MockApp | undefined {
    return this.apps.get(appKey);
  }

  /** The app with this key; an unknown key is a {@link MockGatewayConfigError}. */
  require(appKey: string): MockApp {
    const app = this.apps.get(appKey);
    if (!app) throw new MockGatewayConfigError(`unknown app key ${appKey}`);
    return app;
  }

  /** Every registered app, in the order of the options. */
  all(): MockApp[] {
    return [...this.apps.values()];
  }

  /** Registers one more callback URL for an app. */
  addRedirectUri(appKey: string, uri: string): void {
    const app = this.require(appKey);
    if (!URL.canParse(uri)) throw new MockGatewayConfigError(`"${uri}" is not an absolute URL`);
    if (!app.redirectUris.includes(uri)) app.redirectUris.push(uri);
  }
}
