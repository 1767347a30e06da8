import type { RefreshLock } from '../../libs/aliexpress/src/tokens/refresh.lock.js';

/** What the refresh-lock contract needs of an adapter under test. */
export interface RefreshLockSubject {
  /**
   * The `i`-th holder's view of the one shared lock: the same object in memory, instances on
   * alternating connections with Redis.
   */
  instance(i: number): RefreshLock;
  /** Lets `ms` of the lock's time pass (a fake clock, or real waiting). */
  elapse(ms: number): Promise<void>;
}

/**
 * The behaviour every {@link RefreshLock} adapter promises, as one suite: `subject` runs inside the
 * `describe` (it may register hooks) and gives the adapter. Each adapter's spec calls this once, so
 * memory and Redis are held to the same rules.
 */
export function describeRefreshLockContract(
  title: string,
  subject: () => RefreshLockSubject,
  describeFn: typeof describe.skip = describe,
): void {
  describeFn(title, () => {
    const adapter = subject();

    it('exactly one of many holders racing for an account gets it; accounts are independent', async () => {
      const locks = Array.from({ length: 6 }, (_, i) => adapter.instance(i));
      const got = await Promise.all(locks.map((l) => l.acquire('acct', 5_000)));
      expect(got.filter(Boolean)).toHaveLength(1);
      expect(await locks[1].acquire('other', 5_000)).toBeDefined(); // per account
      await got.find(Boolean)?.release();
      expect(await locks[0].acquire('acct', 5_000)).toBeDefined();
    });

    it('expires after its ttl, and an expired holder cannot release the next holder', async () => {
      const first = adapter.instance(0);
      const second = adapter.instance(1);
      const stale = await first.acquire('x', 100);
      expect(stale).toBeDefined();
      expect(await second.acquire('x', 100)).toBeUndefined();
      await adapter.elapse(150);
      const fresh = await second.acquire('x', 5_000);
      expect(fresh).toBeDefined();
      await stale?.release();
      expect(await first.acquire('x', 5_000)).toBeUndefined();
      await fresh?.release();
      expect(await first.acquire('x', 5_000)).toBeDefined();
    });

    it('its holder extends the lease while it owns it; once it lapsed and another took it, not', async () => {
      const first = adapter.instance(0);
      const second = adapter.instance(1);
      const held = await first.acquire('e', 100);
      await adapter.elapse(60);
      expect(await held?.extend?.(200)).toBe(true); // now until 260
      await adapter.elapse(100); // 160: past the first lease, within the extended one
      expect(await second.acquire('e', 100)).toBeUndefined();
      await adapter.elapse(150); // 310: lapsed
      const next = await second.acquire('e', 5_000);
      expect(next).toBeDefined();
      expect(await held?.extend?.(5_000)).toBe(false); // it cannot take the lock back
      expect(await first.acquire('e', 100)).toBeUndefined();
      await next?.release();
    });

    it('tells the next holder whether the previous lease lapsed rather than being released', async () => {
      const first = adapter.instance(0);
      const second = adapter.instance(1);
      const released = await first.acquire('p', 100);
      expect(released?.takenOverLapsedLease).toBe(false); // nobody held it before
      await released?.release();
      const clean = await second.acquire('p', 100);
      expect(clean?.takenOverLapsedLease).toBe(false); // released: its refresh is over
      await adapter.elapse(150); // ... but this one never releases
      const takeover = await first.acquire('p', 5_000);
      expect(takeover?.takenOverLapsedLease).toBe(true); // its refresh may still land
      await takeover?.release();
      expect((await second.acquire('p', 100))?.takenOverLapsedLease).toBe(false);
    });
  });
}
