import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import { AliexpressBusinessError, GatewayClient } from 'nestjs-aliexpress';
import {
  MOCK_TRACKING_IDS,
  MockAliexpressGateway,
  type MockAliexpressGateway as Gateway,
} from 'nestjs-aliexpress/testing';
import { affiliateApp } from './support/affiliate-app.js';
import { TEST_APP, startGateway } from './support/gateway-harness.js';

const ROOT = join(__dirname, '..');

/** The tracking ids the README and the affiliate guide configure in their examples. */
function documentedTrackingIds(): string[] {
  const ids = ['README.md', 'docs/affiliate.md'].flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/trackingId: '([^']*)'/g)].map(
      (match) => match[1],
    ),
  );
  return [...new Set(ids)];
}

describe('tracking ids against the mock gateway', () => {
  let gateway: Gateway;
  const modules: TestingModule[] = [];

  beforeAll(async () => {
    ({ gateway } = await startGateway());
  });
  afterAll(async () => {
    await Promise.all(modules.map((m) => m.close()));
    await gateway?.stop();
  });

  it("the examples' tracking id (the README's my_site) searches and links as written", async () => {
    const ids = documentedTrackingIds();
    expect(ids).toContain('my_site');
    for (const trackingId of ids) {
      const { moduleRef, affiliate } = await affiliateApp(gateway, { affiliate: { trackingId } });
      modules.push(moduleRef);
      // the README's Deals.firstLink, step by step
      const { products } = await affiliate.queryProducts({
        keywords: 'bottle',
        shipToCountry: 'US',
      });
      expect(products[0].promotionLink).toContain(`tracking_id=${trackingId}`);
      const { links } = await affiliate.generateLinks({ sourceValues: [products[0].detailUrl!] });
      expect(links[0].promotionLink).toMatch(new RegExp(`tracking_id=${trackingId}$`));
    }
  });

  it('any well-formed tracking id is accepted by default; an empty one is MissingParameter on link.generate', async () => {
    const client = (await affiliateApp(gateway)).moduleRef;
    modules.push(client);
    const gatewayClient = client.get(GatewayClient);
    for (const trackingId of ['a', 'shop-2.eu_1', 'x'.repeat(64)]) {
      const answer = await gatewayClient.callApp('aliexpress.affiliate.link.generate', {
        tracking_id: trackingId,
        source_values: 'https://www.aliexpress.com/item/1.html',
        promotion_link_type: 0,
      });
      expect(JSON.stringify(answer)).toContain(`tracking_id=${trackingId}`);
    }
    const empty = await gatewayClient
      .callApp('aliexpress.affiliate.link.generate', {
        tracking_id: '',
        source_values: 'https://www.aliexpress.com/item/1.html',
        promotion_link_type: 0,
      })
      .catch((e: unknown) => e);
    expect(empty).toMatchObject({ code: 'MissingParameter' });
  });

  it('a malformed tracking id is refused: 402 Invalid tracking id on every call that takes one', async () => {
    const { moduleRef } = await affiliateApp(gateway);
    modules.push(moduleRef);
    const client = moduleRef.get(GatewayClient);
    for (const trackingId of ['my site', 'x'.repeat(65), 'shop/1', 'caf\u00e9', ' my_site']) {
      for (const method of [
        'aliexpress.affiliate.link.generate',
        'aliexpress.affiliate.product.query',
      ]) {
        const error = await client
          .callApp(method, {
            tracking_id: trackingId,
            source_values: 'https://www.aliexpress.com/item/1.html',
            promotion_link_type: 0,
          })
          .catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'INVALID_TRACKING_ID', platformCode: '402' });
      }
    }
  });

  it('with trackingIds given, the mock knows only those: another well-formed one is refused', async () => {
    const strict = new MockAliexpressGateway({ apps: [TEST_APP], trackingIds: MOCK_TRACKING_IDS });
    await strict.start();
    try {
      const { moduleRef, affiliate } = await affiliateApp(strict);
      modules.push(moduleRef);
      const known = await affiliate.generateLinks({
        sourceValues: ['https://www.aliexpress.com/item/1.html'],
        trackingId: MOCK_TRACKING_IDS[0],
      });
      expect(known.links[0].promotionLink).toContain(`tracking_id=${MOCK_TRACKING_IDS[0]}`);
      const unknown = await affiliate
        .queryProducts({ trackingId: 'my_site' })
        .catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(AliexpressBusinessError);
      expect(unknown).toMatchObject({ code: 'INVALID_TRACKING_ID', platformCode: '402' });
    } finally {
      await strict.stop();
    }
  });
});
