import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { readDemoGatewaySettings } from './demo-gateway.settings.js';
import { demoWebhookUrl, readDemoLifecycleStepMs } from './demo-lifecycle.settings.js';
import { readDemoListenSettings } from './demo-listen.settings.js';

/** The app key the embedded mock gateway registers for the demo. */
export const DEMO_MOCK_APP_KEY = '500102';

/** Where the demo talks to: the embedded mock gateway, or the gateway the environment names. */
export interface DemoSettings {
  mode: 'mock' | 'live';
  appKey: string;
  appSecret: string;
  redirectUri: string;
  baseUrl?: string;
  ordersEnabled: boolean;
  /** The affiliate tracking id promotion links carry (`ALIEXPRESS_TRACKING_ID`; the mock's own). */
  trackingId?: string;
  /**
   * On the embedded mock: where it pushes order-status messages (the demo's own webhook route) and
   * how often its orders move on (`DEMO_LIFECYCLE_STEP_MS`; undefined when the timed lifecycle is off).
   */
  pushes?: { webhookUrl: string; lifecycleStepMs?: number };
}

/** The tracking id of the embedded mock's affiliate account the demo uses. */
export const DEMO_MOCK_TRACKING_ID = 'demo_site';

/**
 * Decides, from the environment, whether the demo runs against the embedded mock gateway (no
 * `ALIEXPRESS_APP_KEY`) or a real one, and owns the mock's lifetime.
 */
@Injectable()
export class DemoGateway implements OnModuleDestroy {
  private readonly logger = new Logger('Demo');
  private mock?: MockAliexpressGateway;
  private settings?: DemoSettings;

  constructor(private readonly config: ConfigService) {}

  /** Resolves the settings, starting the mock gateway the first time when no app key is set. */
  async resolve(): Promise<DemoSettings> {
    if (this.settings) return this.settings;
    // PORT, HOST and DEMO_TOKEN first: a bad PORT is reported as such, not as a redirect URI error
    const { host, port } = readDemoListenSettings(this.config);
    const live = readDemoGatewaySettings(this.config);
    if (live) {
      this.settings = { mode: 'live', ...live };
      return this.settings;
    }
    const lifecycleStepMs = readDemoLifecycleStepMs(this.config);
    const appSecret = randomBytes(24).toString('base64url');
    const redirectUri = `http://localhost:${port}/aliexpress/callback`;
    // the mock pushes each order-status change to the demo's own webhook, signed like the platform
    const webhookUrl = demoWebhookUrl(host, port);
    this.mock = new MockAliexpressGateway({
      apps: [{ appKey: DEMO_MOCK_APP_KEY, appSecret, redirectUris: [redirectUri], webhookUrl }],
      ...(lifecycleStepMs === undefined ? {} : { lifecycle: { stepMs: lifecycleStepMs } }),
    });
    const { url } = await this.mock.start();
    this.logger.log(`embedded mock gateway on ${url}`);
    this.settings = {
      mode: 'mock',
      appKey: DEMO_MOCK_APP_KEY,
      appSecret,
      redirectUri,
      baseUrl: url,
      ordersEnabled: true,
      trackingId: DEMO_MOCK_TRACKING_ID,
      pushes: { webhookUrl, lifecycleStepMs },
    };
    return this.settings;
  }

  /** The embedded mock gateway, when the demo runs on it. */
  get mockGateway(): MockAliexpressGateway | undefined {
    return this.mock;
  }

  async onModuleDestroy(): Promise<void> {
    await this.mock?.stop();
  }
}
