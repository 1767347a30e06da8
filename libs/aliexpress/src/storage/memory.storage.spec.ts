import { IntervalPacer } from '../pacing/interval.pacer.js';
import { isAliexpressStorage } from './aliexpress.storage.js';
import { MemoryStorage } from './memory.storage.js';

describe('MemoryStorage', () => {
  it('declares itself a storage bundle; a bare token store does not', () => {
    const storage = new MemoryStorage();
    expect(isAliexpressStorage(storage)).toBe(true);
    expect(isAliexpressStorage(storage.tokens)).toBe(false);
  });

  it('redeemed OAuth nonces expire on the clock it was given', async () => {
    let now = 0;
    const storage = new MemoryStorage(() => now);
    expect(await storage.oauthStates.redeem('n', 100)).toBe(true);
    expect(await storage.oauthStates.redeem('n', 100)).toBe(false);
    now = 100;
    expect(await storage.oauthStates.redeem('n', 100)).toBe(true);
  });

  it('one pacer per app key and qps, so registrations sharing the storage pace together', () => {
    const storage = new MemoryStorage();
    const pacer = storage.pacer('app', 5);
    expect(pacer).toBeInstanceOf(IntervalPacer);
    expect(storage.pacer('app', 5)).toBe(pacer);
    expect(storage.pacer('other', 5)).not.toBe(pacer);
    expect(storage.pacer('app', 10)).not.toBe(pacer);
  });
});
