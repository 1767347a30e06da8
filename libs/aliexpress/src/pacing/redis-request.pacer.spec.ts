import { useTwoRedisInstances } from '../../../../test/support/redis-fixtures';
import { describeWithRedis } from '../../../../test/support/redis-server';
import { RedisRequestPacer } from './redis-request.pacer';

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
});
