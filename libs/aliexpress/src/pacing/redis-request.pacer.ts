import type { RedisConnection } from '../storage/redis.connection';
import { pacingIntervalMs } from './pacing-interval';
import type { RequestPacer } from './request.pacer';

// one slot every ARGV[1] ms, on the Redis clock shared by all instances; answers how long to wait
const PACE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextSlot)
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.ceil(slot + interval - now) + 1000)
return math.ceil(slot - now)`;

/** A pacing sleep that overruns by more than this gives its slot up. */
const LATE_WAKE_MS = 5;

/**
 * {@link RequestPacer} in Redis for one app key: every instance of the app takes its slot from the
 * same key (`<prefix>pace:{<appKey>}`), one slot per interval on Redis's own clock (GCRA), so
 * together they stay under the app's QPS.
 */
export class RedisRequestPacer implements RequestPacer {
  private readonly key: string;
  private readonly interval: string;

  constructor(
    private readonly redis: RedisConnection,
    appKey: string,
    qps: number,
  ) {
    this.key = redis.key(`pace:{${appKey}}`);
    // microsecond precision is plenty, and keeps the number short on the wire
    this.interval = String(Math.ceil(pacingIntervalMs(qps) * 1000) / 1000);
  }

  async acquire(): Promise<void> {
    for (;;) {
      const wait = await this.redis.run('pace', async (client) =>
        Number(await client.call('EVAL', PACE, 1, this.key, this.interval)),
      );
      if (wait <= 0) return;
      const slept = performance.now();
      await new Promise((resolve) => setTimeout(resolve, wait));
      // woken late (a stalled event loop): the slot has passed and sending now could bunch
      // with the next holder's; take a fresh slot instead
      if (performance.now() - slept - wait < LATE_WAKE_MS) return;
    }
  }
}
