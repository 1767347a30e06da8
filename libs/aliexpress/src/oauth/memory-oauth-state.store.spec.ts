import { MemoryOAuthStateStore } from './memory-oauth-state.store.js';

describe('MemoryOAuthStateStore (redeemed nonces)', () => {
  it('redeems a nonce once while it lives, on its clock', async () => {
    let now = 1_000;
    const store = new MemoryOAuthStateStore(() => now);
    expect(await store.redeem('n1', 1_000)).toBe(true);
    expect(await store.redeem('n1', 1_000)).toBe(false);
    expect(await store.redeem('n2', 1_000)).toBe(true);
    now = 1_999;
    expect(await store.redeem('n1', 1_000)).toBe(false);
    now = 2_000;
    // past its ttl the nonce is forgotten (its state has expired by then and is refused before)
    expect(await store.redeem('n1', 1_000)).toBe(true);
  });

  it('keeps each nonce for its own ttl, whatever the order they were redeemed in', async () => {
    let now = 0;
    const store = new MemoryOAuthStateStore(() => now);
    await store.redeem('long', 500);
    await store.redeem('short', 100);
    await store.redeem('middle', 300);
    now = 100;
    expect(await store.redeem('short', 100)).toBe(true);
    expect(await store.redeem('middle', 300)).toBe(false);
    expect(await store.redeem('long', 500)).toBe(false);
    now = 300;
    expect(await store.redeem('middle', 300)).toBe(true);
    expect(await store.redeem('long', 500)).toBe(false);
  });

  it('purges expired nonces as time passes, so its size follows the live ones only', async () => {
    let now = 0;
    const store = new MemoryOAuthStateStore(() => now);
    for (let i = 0; i < 1_000; i++) await store.redeem(`old${i}`, i % 2 ? 20 : 10);
    expect(store.size).toBe(1_000);
    now = 12;
    await store.redeem('fresh', 100);
    expect(store.size).toBe(501);
    now = 20;
    expect(await store.redeem('fresh', 100)).toBe(false);
    expect(store.size).toBe(1);
  });
});
