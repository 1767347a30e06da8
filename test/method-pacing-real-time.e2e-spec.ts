import { resolveOptions } from '../libs/aliexpress/src/config/resolve-options.js';
import { AliexpressTransportError } from '../libs/aliexpress/src/errors/aliexpress.errors.js';
import { GatewayClient } from '../libs/aliexpress/src/gateway/gateway.client.js';
import type { GatewayTransport } from '../libs/aliexpress/src/gateway/gateway.transport.js';
import { IntervalPacer } from '../libs/aliexpress/src/pacing/interval.pacer.js';
import { methodQpsLimits } from '../libs/aliexpress/src/pacing/method-qps.limits.js';
import { MethodPacing } from '../libs/aliexpress/src/pacing/method.pacing.js';
import { UnlimitedPacer } from '../libs/aliexpress/src/pacing/unlimited.pacer.js';
import { SignatureService } from '../libs/aliexpress/src/signing/signature.service.js';
import { MemoryStorage } from '../libs/aliexpress/src/storage/memory.storage.js';

/*
 * Method pacing on the real clock: the waits are measured in elapsed time, so these run in the
 * e2e project rather than among the unit specs.
 */
describe('MethodPacing in real time', () => {
  it('paces a method at its documented rate: 4 feed.itemids.get calls span 3 intervals of 340 ms', async () => {
    const storage = new MemoryStorage();
    const pacing = new MethodPacing(methodQpsLimits(undefined), (m, qps) => storage.pacer(m, qps));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, () => pacing.acquire('aliexpress.ds.feed.itemids.get')),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 340 - 5);
    // another method is not held behind it
    const other = performance.now();
    await pacing.acquire('aliexpress.trade.ds.order.get');
    expect(performance.now() - other).toBeLessThan(50);
  });

  it('a slot past the call’s pacing budget is a timeout that says nothing was sent', async () => {
    const options = resolveOptions({
      appKey: '500102',
      appSecret: 's',
      baseUrl: 'https://gw',
      timeoutMs: 200,
      retry: { maxElapsedMs: 300 }, // a call's time budget: at most 300 ms in the pacer
    });
    let sent = 0;
    const transport: GatewayTransport = {
      post: () => (sent++, Promise.resolve({ status: 200, body: '{"code":"0"}' })),
    };
    const client = new GatewayClient(
      transport,
      new SignatureService(options),
      options,
      new IntervalPacer(1), // one call per 1020 ms
      new MethodPacing({}, () => new UnlimitedPacer()),
    );
    await client.callSystem('/auth/token/create', { code: 'c' });
    const started = performance.now();
    const error = await client.callSystem('/auth/token/create', { code: 'c' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AliexpressTransportError);
    expect(error).toMatchObject({
      kind: 'timeout',
      apiName: '/auth/token/create',
      mayHaveReachedGateway: false,
    });
    expect(performance.now() - started).toBeLessThan(250); // refused at once, not after waiting
    expect(sent).toBe(1);
    // a system call may bring its own budget (the token refresh does): 1.5 s is enough
    await expect(
      client.callSystem('/auth/token/create', { code: 'c' }, { maxPacingWaitMs: 1_500 }),
    ).resolves.toBeDefined();
    expect(sent).toBe(2);
  });
});
