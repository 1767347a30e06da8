import { describeRefreshLockContract } from '../../../../test/support/refresh-lock.contract.js';
import { MemoryRefreshLock } from './memory-refresh.lock.js';

describeRefreshLockContract('MemoryRefreshLock (refresh-lock contract)', () => {
  let now = 0;
  const lock = new MemoryRefreshLock(() => now);
  return {
    instance: () => lock,
    elapse: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
});

describe('MemoryRefreshLock', () => {
  it('is free again exactly when its ttl has passed on the clock it was given', async () => {
    let now = 0;
    const lock = new MemoryRefreshLock(() => now);
    expect(await lock.acquire('a', 100)).toBeDefined();
    now = 99;
    expect(await lock.acquire('a', 100)).toBeUndefined();
    now = 100;
    expect(await lock.acquire('a', 100)).toBeDefined();
  });
});
