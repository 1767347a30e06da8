import {
  CONFORMANCE_ACCOUNT,
  startConformanceHarness,
  type ConformanceHarness,
} from '../support/conformance-harness.js';

/** The replay mechanism itself: a documented sample reaches the library byte for byte. */
describe('conformance harness', () => {
  let harness: ConformanceHarness;
  beforeAll(async () => {
    harness = await startConformanceHarness();
  });
  afterAll(() => harness.close());

  it('answers the next call of the API with the documented text, after the usual checks', async () => {
    const fixture = harness.replay('aliexpress.trade.ds.order.get', 'success');
    const raw = await harness.dropshipping.call(
      CONFORMANCE_ACCOUNT,
      'aliexpress.trade.ds.order.get',
      {
        single_order_query: { order_id: '8198352049851315' },
      },
    );
    // call() hands back what is inside the method's `_response` wrapper
    expect(raw).toEqual((fixture.body as Record<string, unknown>)[fixture.entry.wrapperKey!]);
    const [request] = harness.gateway.requests().slice(-1);
    expect(request.verdict).toBe('fault:json-body');
  });
});
