import type { TestingModule } from '@nestjs/testing';
import { DropshippingService, MemoryTokenStore, TokenService } from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TEST_APP, clientFor, startGateway } from './gateway-harness.js';
import { ACCOUNT } from './mock-catalogue.js';
import { loadPlatformFixture, type PlatformFixture } from './platform-fixtures.js';

/** The mock buyer every conformance test acts for (the first of the mock's buyers). */
export const CONFORMANCE_ACCOUNT = ACCOUNT;

/**
 * A connected library on a strict mock gateway, for replaying the platform's documented samples:
 * `replay(file)` makes the mock answer the next call of that fixture's API with the fixture's text
 * verbatim (after the request passed every check: signature, token, parameters), so the assertion
 * is about how the library reads what the platform documents.
 */
export interface ConformanceHarness {
  gateway: MockAliexpressGateway;
  moduleRef: TestingModule;
  dropshipping: DropshippingService;
  /**
   * Arms the mock with the documented sample of `api` for `fixtureCase` (see index.json) and
   * returns it; the next call of that API gets the sample's text as its answer.
   */
  replay(api: string, fixtureCase: string): PlatformFixture;
  close(): Promise<void>;
}

/** Starts the mock, connects {@link CONFORMANCE_ACCOUNT} and returns the harness. */
export async function startConformanceHarness(): Promise<ConformanceHarness> {
  const { gateway } = await startGateway();
  const { moduleRef } = await clientFor(gateway, {
    tokenStore: new MemoryTokenStore(),
    retry: { maxRetries: 0 },
  });
  await moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
  return {
    gateway,
    moduleRef,
    dropshipping: moduleRef.get(DropshippingService),
    replay(api, fixtureCase) {
      const fixture = loadPlatformFixture(api, fixtureCase);
      gateway.injectFault({ kind: 'json-body', api, text: fixture.text });
      return fixture;
    },
    async close() {
      await moduleRef.close();
      await gateway.stop();
    },
  };
}
