import { MemoryRefreshLock } from './memory-refresh.lock';

describe('MemoryRefreshLock', () => {
  it('is exclusive per account until released', async () => {
    const lock = new MemoryRefreshLock();
    const held = await lock.acquire('a', 1_000);
    expect(held).toBeDefined();
    expect(await lock.acquire('a', 1_000)).toBeUndefined();
    expect(await lock.acquire('b', 1_000)).toBeDefined(); // another account is independent
    await held?.release();
    expect(await lock.acquire('a', 1_000)).toBeDefined();
  });

  it('expires after its ttl; an expired holder cannot release the next holder', async () => {
    let now = 0;
    const lock = new MemoryRefreshLock(() => now);
    const first = await lock.acquire('a', 100);
    now = 99;
    expect(await lock.acquire('a', 100)).toBeUndefined();
    now = 100;
    const second = await lock.acquire('a', 100);
    expect(second).toBeDefined();
    await first?.release();
    expect(await lock.acquire('a', 100)).toBeUndefined();
    await second?.release();
    expect(await lock.acquire('a', 100)).toBeDefined();
  });
});
