import type { TestingModule } from '@nestjs/testing';
import { AliexpressBusinessError, DropshippingService, TokenService } from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TEST_APP, requestChecks, useConnectedSuite } from './support/gateway-harness.js';
import { ACCOUNT, KEYBOARD, PHONE_CASE } from './support/mock-catalogue.js';

/**
 * The buyer-side dropshipping reads (address tree, buyer freight calculation, member benefits) over
 * real HTTP against the mock gateway.
 */

describe('DropshippingService: address tree, freight calculation, member benefits', () => {
  let gateway: MockAliexpressGateway;
  let moduleRef: TestingModule;
  let ds: DropshippingService;

  const suite = useConnectedSuite({
    retry: { maxRetries: 0 },
  });
  const { calls, rejectsInput } = requestChecks(suite);
  beforeAll(() => {
    ({ gateway, moduleRef, ds } = suite);
  });

  describe('getAddressTree (aliexpress.ds.address.get)', () => {
    it('parses the tree the platform sends as JSON text', async () => {
      const tree = await ds.getAddressTree(ACCOUNT, { countryCode: 'US', isMultiLanguage: true });
      expect(tree).toEqual({
        countryCode: 'US',
        type: 'country',
        children: [
          {
            name: 'California',
            type: 'province',
            children: [
              { name: 'Los Angeles', type: 'city', children: [] },
              { name: 'San Francisco', type: 'city', children: [] },
            ],
          },
          {
            name: 'New York',
            type: 'province',
            children: [{ name: 'New York', type: 'city', children: [] }],
          },
        ],
      });
      expect(calls('aliexpress.ds.address.get')[0].params).toMatchObject({
        countryCode: 'US',
        isMultiLanguage: 'true',
      });
    });

    it('a country without a known tree is an empty one; a bad code never leaves', async () => {
      await expect(ds.getAddressTree(ACCOUNT, { countryCode: 'DE' })).resolves.toMatchObject({
        countryCode: 'DE',
        children: [],
      });
      gateway.clearRequests();
      await rejectsInput(() => ds.getAddressTree(ACCOUNT, { countryCode: 'usa' }), ['countryCode']);
    });
  });

  describe('calculateFreight (aliexpress.logistics.buyer.freight.calculate)', () => {
    it('answers a fee per service in currency units, from freight.amount', async () => {
      const options = await ds.calculateFreight(ACCOUNT, {
        countryCode: 'US',
        productId: PHONE_CASE,
        productNum: 2,
        sendGoodsCountryCode: 'CN',
        skuId: '12000036032948733',
      });
      expect(options).toEqual([
        {
          serviceName: 'CAINIAO_STANDARD',
          fee: { amount: '1.98', currency: 'USD' },
          estimatedDeliveryTime: '7-15day',
          trackingAvailable: true,
          available: true,
        },
        {
          serviceName: 'CAINIAO_PREMIUM',
          fee: { amount: '5.94', currency: 'USD' },
          estimatedDeliveryTime: '4-8day',
          trackingAvailable: true,
          available: true,
        },
      ]);
      const sent = JSON.parse(
        calls('aliexpress.logistics.buyer.freight.calculate')[0].params
          .param_aeop_freight_calculate_for_buyer_d_t_o,
      );
      expect(sent).toEqual({
        country_code: 'US',
        product_id: PHONE_CASE,
        product_num: 2,
        send_goods_country_code: 'CN',
        sku_id: '12000036032948733',
      });
    });

    it('an option refused with an error_code is marked unavailable', async () => {
      const options = await ds.calculateFreight(ACCOUNT, {
        countryCode: 'FR',
        productId: KEYBOARD,
        productNum: 3,
        sendGoodsCountryCode: 'CN',
      });
      expect(options[1]).toMatchObject({
        serviceName: 'CAINIAO_PREMIUM',
        available: false,
        errorCode: '2',
      });
      expect(options[1].fee).toBeUndefined();
    });

    it('success "false" is a business failure', async () => {
      await expect(
        ds.calculateFreight(ACCOUNT, {
          countryCode: 'US',
          productId: '1234',
          productNum: 1,
          sendGoodsCountryCode: 'CN',
        }),
      ).rejects.toBeInstanceOf(AliexpressBusinessError);
    });

    it('refuses a zero quantity or a price that is not a decimal before any request', async () => {
      const base = { countryCode: 'US', productId: PHONE_CASE, sendGoodsCountryCode: 'CN' };
      await rejectsInput(
        () => ds.calculateFreight(ACCOUNT, { ...base, productNum: 0 }),
        ['productNum'],
      );
      await rejectsInput(
        () => ds.calculateFreight(ACCOUNT, { ...base, productNum: 1, price: '12,99' }),
        ['price'],
      );
    });
  });

  describe('getMemberBenefits (aliexpress.ds.member.benefit.get)', () => {
    it('reads "true"/"false" strings as booleans', async () => {
      await expect(ds.getMemberBenefits(ACCOUNT)).resolves.toEqual([
        { code: 'auto-pay', title: 'auto-pay', canApply: true, canBenefit: true },
      ]);
    });

    it('another buyer may apply for auto-pay but does not have it', async () => {
      const other = '2208051234567';
      await moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey, other));
      await expect(ds.getMemberBenefits(other)).resolves.toEqual([
        { code: 'auto-pay', title: 'auto-pay', canApply: true, canBenefit: false },
      ]);
    });
  });
});
