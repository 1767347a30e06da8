import { useTwoRedisInstances } from '../../../../test/support/redis-fixtures.js';
import { describeWithRedis } from '../../../../test/support/redis-server.js';
import { describeRefreshLockContract } from '../../../../test/support/refresh-lock.contract.js';
import { RedisRefreshLock } from './redis-refresh.lock.js';

describeRefreshLockContract(
  'RedisRefreshLock (real redis-server, refresh-lock contract)',
  () => {
    const instances = useTwoRedisInstances('l');
    return {
      instance: (i) => new RedisRefreshLock(i % 2 === 0 ? instances.a : instances.b),
      elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
  },
  describeWithRedis(),
);
