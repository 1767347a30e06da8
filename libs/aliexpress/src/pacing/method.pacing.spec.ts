import { Test } from '@nestjs/testing';
import { AliexpressModule } from '../aliexpress.module.js';
import { resolveOptions } from '../config/resolve-options.js';
import { AliexpressConfigurationError } from '../errors/aliexpress.errors.js';
import { GatewayClient } from '../gateway/gateway.client.js';
import type { GatewayTransport } from '../gateway/gateway.transport.js';
import { SignatureService } from '../signing/signature.service.js';
import { MemoryStorage } from '../storage/memory.storage.js';
import { DEFAULT_METHOD_QPS, methodQpsLimits } from './method-qps.limits.js';
import { METHOD_PACING, MethodPacing } from './method.pacing.js';
import type { RequestPacer } from './request.pacer.js';
import { UnlimitedPacer } from './unlimited.pacer.js';

describe('per-method QPS limits', () => {
  it('default to the documented table; overrides replace single entries; false turns them off', () => {
    expect(DEFAULT_METHOD_QPS).toMatchObject({
      'aliexpress.ds.feed.itemids.get': 3,
      'aliexpress.ds.address.get': 4,
      'aliexpress.ds.image.searchV2': 15,
      'aliexpress.ds.order.create': 150,
      'aliexpress.ds.order.tracking.get': 100,
      'aliexpress.ds.freight.query': 350,
      'aliexpress.ds.product.get': 500,
      'aliexpress.trade.ds.order.get': 1000,
    });
    const limits = methodQpsLimits({ 'aliexpress.ds.address.get': 10, 'my.new.api': 2 });
    expect(limits['aliexpress.ds.address.get']).toBe(10);
    expect(limits['aliexpress.ds.feed.itemids.get']).toBe(3);
    expect(limits['my.new.api']).toBe(2);
    expect(methodQpsLimits(false)).toEqual({});
    expect(resolveOptions({ appKey: 'k', appSecret: 's' }).qpsLimits).toEqual(DEFAULT_METHOD_QPS);
  });

  it.each([
    [{ qpsLimits: 5 }, 'must be false or an object'],
    [{ qpsLimits: { 'aliexpress.ds.address.get': 0 } }, 'must be a positive whole number'],
    [{ qpsLimits: { 'aliexpress.ds.address.get': 2.5 } }, 'must be a positive whole number'],
    [{ qpsLimits: { address: 2 } }, 'not an API name'],
  ])('refuses %j at startup, naming qpsLimits', (extra, problem) => {
    const error = (() => {
      try {
        return resolveOptions({ appKey: 'k', appSecret: 's', ...(extra as object) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AliexpressConfigurationError);
    expect((error as Error).message).toContain('qpsLimits');
    expect((error as Error).message).toContain(problem);
  });
});

describe('MethodPacing', () => {
  it('builds one pacer per limited method on first use, and lets other methods through', async () => {
    const built: Array<[string, number]> = [];
    const acquired: string[] = [];
    const pacing = new MethodPacing({ 'a.b.c': 3 }, (method, qps) => {
      built.push([method, qps]);
      return { acquire: () => (acquired.push(method), Promise.resolve()) };
    });
    await pacing.acquire('a.b.c');
    await pacing.acquire('a.b.c');
    await pacing.acquire('x.y.z');
    expect(built).toEqual([['a.b.c', 3]]);
    expect(acquired).toEqual(['a.b.c', 'a.b.c']);
    expect(pacing.limitOf('x.y.z')).toBeUndefined();
  });

  it('the module builds each method pacer through the storage, keyed by app key and method', async () => {
    const storage = new MemoryStorage();
    const pacerFor = vi.spyOn(storage, 'pacer');
    const ref = await Test.createTestingModule({
      imports: [
        AliexpressModule.forRoot({
          appKey: '500102',
          appSecret: 's',
          controller: false,
          tokenStore: storage,
          qpsLimits: { 'aliexpress.ds.address.get': 9 },
        }),
      ],
    }).compile();
    const pacing = ref.get<MethodPacing>(METHOD_PACING);
    await pacing.acquire('aliexpress.ds.feed.itemids.get');
    await pacing.acquire('aliexpress.ds.address.get');
    expect(pacerFor).toHaveBeenCalledWith('500102/aliexpress.ds.feed.itemids.get', 3);
    expect(pacerFor).toHaveBeenCalledWith('500102/aliexpress.ds.address.get', 9);
    await ref.close();
  });

  it('GatewayClient takes the method slot, then the app slot, before anything leaves', async () => {
    const events: string[] = [];
    const options = resolveOptions({ appKey: '500102', appSecret: 's', baseUrl: 'https://gw' });
    const transport: GatewayTransport = {
      post: () => {
        events.push('sent');
        return Promise.resolve({ status: 200, body: '{"code":"0"}' });
      },
    };
    const app: RequestPacer = {
      acquire: () => (events.push('app'), Promise.resolve()),
    };
    const pacing = new MethodPacing({ '/auth/token/create': 1 }, (method) => ({
      acquire: () => (events.push(`method ${method}`), Promise.resolve()),
    }));
    const client = new GatewayClient(
      transport,
      new SignatureService(options),
      options,
      app,
      pacing,
    );
    await client.callSystem('/auth/token/create', { code: 'c' });
    expect(events).toEqual(['method /auth/token/create', 'app', 'sent']);
    // without a MethodPacing (a hand-built client), only the app pacer runs
    await new GatewayClient(
      transport,
      new SignatureService(options),
      options,
      new UnlimitedPacer(),
    ).callSystem('/auth/token/create', { code: 'c' });
  });
});
