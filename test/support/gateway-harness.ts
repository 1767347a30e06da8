import { expectValidationError } from './validation-error.expect.js';
import type { LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AliexpressModule,
  DropshippingService,
  GatewayClient,
  MemoryTokenStore,
  TokenService,
  type AliexpressModuleOptions,
} from 'nestjs-aliexpress';
import {
  MockAliexpressGateway,
  type MockApp,
  type MockGatewayOptions,
} from 'nestjs-aliexpress/testing';

/** The app the e2e tests register with the mock gateway. */
export const TEST_APP: MockApp = {
  appKey: '500102',
  appSecret: 'e2e-secret-5f1c9a7d',
  redirectUris: ['http://localhost:3000/aliexpress/callback'],
};

/** A second app, for "a code of another app" cases. */
export const OTHER_APP: MockApp = {
  appKey: '600203',
  appSecret: 'other-secret-0b7e33',
  redirectUris: ['http://localhost:4000/aliexpress/callback'],
};

/** Starts a mock gateway with both test apps. */
export async function startGateway(
  options: Partial<MockGatewayOptions> = {},
): Promise<{ gateway: MockAliexpressGateway; url: string }> {
  const gateway = new MockAliexpressGateway({ apps: [TEST_APP, OTHER_APP], ...options });
  const { url } = await gateway.start();
  return { gateway, url };
}

/** The library's options for {@link TEST_APP}, pointed at the mock gateway and sharing its clock. */
export function mockGatewayOptions(gateway: MockAliexpressGateway): AliexpressModuleOptions {
  return {
    appKey: TEST_APP.appKey,
    appSecret: TEST_APP.appSecret,
    baseUrl: gateway.url,
    clock: gateway,
  };
}

/** A Nest module with the library pointed at the mock and sharing its clock. */
export async function clientFor(
  gateway: MockAliexpressGateway,
  options: Partial<AliexpressModuleOptions> = {},
  logger?: LoggerService,
): Promise<{ moduleRef: TestingModule; client: GatewayClient }> {
  const builder = Test.createTestingModule({
    imports: [
      AliexpressModule.forRoot({ ...mockGatewayOptions(gateway), ...options, controller: false }),
    ],
  });
  if (logger) builder.setLogger(logger);
  const moduleRef = await builder.compile();
  await moduleRef.init();
  return { moduleRef, client: moduleRef.get(GatewayClient) };
}

/** What {@link useConnectedSuite} gives a describe: the mock, the library's module and its service. */
export interface ConnectedSuite {
  gateway: MockAliexpressGateway;
  moduleRef: TestingModule;
  ds: DropshippingService;
}

/**
 * For the enclosing `describe`: one mock gateway and one library module (memory token store, plus
 * `options`) for all its tests; before each test the mock is reset, {@link TEST_APP}'s first buyer
 * connected anew and the request log cleared, so every test starts from the same state. The
 * returned object is filled in by `beforeAll`, so read it inside hooks and tests only.
 */
export function useConnectedSuite(options: Partial<AliexpressModuleOptions> = {}): ConnectedSuite {
  const suite = {} as ConnectedSuite;
  beforeAll(async () => {
    ({ gateway: suite.gateway } = await startGateway());
    ({ moduleRef: suite.moduleRef } = await clientFor(suite.gateway, {
      tokenStore: new MemoryTokenStore(),
      ...options,
    }));
    suite.ds = suite.moduleRef.get(DropshippingService);
  });
  beforeEach(async () => {
    suite.gateway.reset();
    await suite.moduleRef.get(TokenService).exchangeCode(suite.gateway.issueCode(TEST_APP.appKey));
    suite.gateway.clearRequests();
  });
  afterAll(async () => {
    await suite.moduleRef?.close();
    await suite.gateway?.stop();
  });
  return suite;
}

/**
 * Checks on what reached a connected suite's mock gateway: the requests of one API, and an input
 * refused with a validation error naming `fields` before any request at all.
 */
export function requestChecks(suite: ConnectedSuite) {
  return {
    calls: (api: string) => suite.gateway.requests().filter((r) => r.api === api),
    async rejectsInput(act: () => unknown, fields: string[]): Promise<void> {
      await expectValidationError(() => Promise.resolve().then(act), fields);
      expect(suite.gateway.requests()).toHaveLength(0);
    },
  };
}
