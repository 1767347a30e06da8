import { Test, type TestingModule } from '@nestjs/testing';
import {
  AffiliateService,
  AliexpressModule,
  type AliexpressModuleOptions,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TEST_APP } from './gateway-harness.js';

/** The tracking id the affiliate suites configure (one the mock's affiliate account knows). */
export const TRACKING_ID = 'e2e_tracking';

/**
 * An app as an affiliate-only user configures it: the app key and secret (plus the mock's URL and
 * clock), no redirect URI, no OAuth controller, no token store; `options` adds to it.
 */
export async function affiliateApp(
  gateway: MockAliexpressGateway,
  options: Partial<AliexpressModuleOptions> = {},
): Promise<{ moduleRef: TestingModule; affiliate: AffiliateService }> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AliexpressModule.forRoot({
        appKey: TEST_APP.appKey,
        appSecret: TEST_APP.appSecret,
        baseUrl: gateway.url,
        clock: gateway,
        controller: false,
        ...options,
      }),
    ],
  }).compile();
  await moduleRef.init();
  return { moduleRef, affiliate: moduleRef.get(AffiliateService) };
}
