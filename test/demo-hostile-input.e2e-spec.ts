import request from 'supertest';
import { startDemo } from './support/demo-harness.js';

/*
 * Over HTTP: hostile order bodies get the demo's one 400 error shape with the
 * fields at fault, and no order request reaches the (embedded mock) gateway.
 */

const ADDRESS = {
  fullName: 'Ada Lovelace',
  address: '12 Analytical Engine St',
  city: 'London',
  province: 'Greater London',
  country: 'GB',
  zip: 'N1 9GU',
  mobileNo: '7700900123',
  phoneCountry: '+44',
};
const ITEM = { productId: '1005006154258794', quantity: 1, skuAttr: '' };

/** `{"x":{"x":…}}` nested `levels` deep, as JSON text (built without recursion). */
function deepJson(levels: number): string {
  return `${'{"x":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

describe('demo: hostile order bodies', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  const http = () => request(demo.app.getHttpServer());
  const orderRequests = () =>
    demo.demo.mockGateway?.requests().filter((r) => r.api === 'aliexpress.ds.order.create') ?? [];

  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => demo.close());

  it.each<[string, string, string[]]>([
    ['an order without address', JSON.stringify({ account: '1', items: [ITEM] }), ['address']],
    [
      'order items nested in an array',
      JSON.stringify({ account: '1', address: ADDRESS, items: [[ITEM]] }),
      ['items'],
    ],
    [
      'a body nested 5,000 levels deep',
      `{"account":"1","address":${JSON.stringify(ADDRESS)},"items":[${JSON.stringify(ITEM)}],"deep":${deepJson(5000)}}`,
      ['deep.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x'],
    ],
  ])('%s: 400 invalid_input naming the field, nothing sent', async (_case, body, fields) => {
    const res = await http()
      .post('/orders')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      reason: 'invalid_input',
      message: expect.any(String),
      fields,
    });
    expect(res.body.message).not.toMatch(/call stack|TypeError|Cannot read/i);
    expect(orderRequests()).toEqual([]);
  });
});
