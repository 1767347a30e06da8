import type { RedisConnection } from '../storage/redis.connection.js';
import { pacingIntervalMs } from './pacing-interval.js';
import { PacingTimeoutError } from './pacing-timeout.error.js';
import type { RequestPacer } from './request.pacer.js';

// one slot every ARGV[1] ms, on the Redis clock shared by all instances; answers how long to wait,
// or, when the slot is further away than ARGV[2] ms (the caller's deadline; -1: none), a negative
// number without taking the slot
const PACE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local maxWait = tonumber(ARGV[2])
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextSlot)
local wait = math.ceil(slot - now)
if maxWait >= 0 and wait > maxWait then return -1 - wait end
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.ceil(slot + interval - now) + 1000)
return wait`;

/**
 * {@link RequestPacer} in Redis for one app key: every instance of the app takes its slot from the
 * same key (`<prefix>pace:{<appKey>}`), one slot per interval on Redis's own clock (GCRA), so
 * together they stay under the app's QPS. A caller takes its slot once and sleeps until it; woken
 * late (a busy event loop), it sends late rather than queueing again, so a loaded process still
 * gets its calls out. A slot past the caller's deadline is refused without being taken.
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

  async acquire(maxWaitMs?: number): Promise<void> {
    const limit = maxWaitMs === undefined ? -1 : Math.max(0, Math.floor(maxWaitMs));
    const wait = await this.redis.run('pace', async (client) =>
      Number(await client.call('EVAL', PACE, 1, this.key, this.interval, limit)),
    );
    if (wait < 0) throw new PacingTimeoutError({ maxWaitMs: maxWaitMs ?? 0 });
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
