import { useTwoRedisInstances } from '../../../../test/support/redis-fixtures.js';
import { describeWithRedis } from '../../../../test/support/redis-server.js';
import { PacingTimeoutError } from './pacing-timeout.error.js';
import { RedisRequestPacer } from './redis-request.pacer.js';

describeWithRedis()('RedisRequestPacer (real redis-server)', () => {
  const instances = useTwoRedisInstances('p');

  it('two instances of one app share the slots: no second holds more than qps', async () => {
    const qps = 10;
    const pacers = [instances.a, instances.b].map((c) => new RedisRequestPacer(c, 'app', qps));
    const started = performance.now();
    const times = await Promise.all(
      Array.from({ length: 21 }, (_, i) =>
        pacers[i % 2].acquire().then(() => performance.now() - started),
      ),
    );
    times.sort((x, y) => x - y);
    // the slots are 102 ms apart on Redis's clock; what this process observes also carries its own
    // wake-up jitter (a timer firing a few ms late on a loaded machine), hence the 20 ms allowance
    for (const start of times)
      expect(times.filter((t) => t >= start && t < start + 980).length).toBeLessThanOrEqual(qps);
    // 21 slots 102 ms apart: the last is about 2 s after the first (the first one observed late by
    // the same jitter shortens the span, hence the same 20 ms allowance)
    expect(times[20] - times[0]).toBeGreaterThanOrEqual(20 * 102 - 20);
  });

  it('another app key has slots of its own', async () => {
    const busy = new RedisRequestPacer(instances.a, 'busy', 1);
    await busy.acquire(); // takes the only slot of this second
    const started = performance.now();
    await new RedisRequestPacer(instances.b, 'quiet', 1).acquire();
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('a caller that wakes late sends late: a busy event loop does not starve the queue', async () => {
    const qps = 20;
    const pacers = [instances.a, instances.b].map(
      (c) => new RedisRequestPacer(c, 'busy-loop', qps),
    );
    // the event loop is busy 17 ms out of every 20 (85 %): every sleeping caller wakes late
    const busy = setInterval(() => {
      const until = performance.now() + 17;
      while (performance.now() < until);
    }, 20);
    try {
      let released = 0;
      const started = performance.now();
      const all = Array.from({ length: 20 }, (_, i) =>
        pacers[i % 2].acquire().then(() => released++),
      );
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      // 20 slots 51 ms apart take about 1 s; late wake-ups delay each by a few ms, never re-queue it
      expect(released).toBe(20);
      await Promise.all(all);
      expect(performance.now() - started).toBeGreaterThanOrEqual(19 * 51 - 30);
    } finally {
      clearInterval(busy);
    }
  });

  it('refuses at once a slot past the caller’s deadline, and leaves that slot to the next caller', async () => {
    const pacer = new RedisRequestPacer(instances.a, 'deadline', 2); // one slot every 510 ms
    const started = performance.now();
    await pacer.acquire();
    const refused = await pacer.acquire(100).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PacingTimeoutError);
    expect(performance.now() - started).toBeLessThan(100);
    // the refused caller took nothing: the next one gets the second slot, not a third
    await new RedisRequestPacer(instances.b, 'deadline', 2).acquire(1_000);
    const second = performance.now() - started;
    expect(second).toBeGreaterThanOrEqual(510 - 20);
    expect(second).toBeLessThan(900);
  });
});
