import { runConsumerFlow } from './consumer.flow.js';

describe('nestjs-aliexpress, installed from its tarball', () => {
  it('connects an account, reads a product, places an order and hears its status', async () => {
    // Jest resolves require() without Node's module-sync condition: whether require() and import
    // meet on one copy is Node's question, asked in main
    const summary = await runConsumerFlow({ oneCopy: false });
    expect(summary).toContain('@OnOrderStatus OrderCreated');
  }, 60_000);
});
