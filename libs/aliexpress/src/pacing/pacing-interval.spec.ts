import { pacingIntervalMs } from './pacing-interval.js';

describe('pacingIntervalMs', () => {
  it('is 1000 / qps with 2 % headroom', () => {
    expect(pacingIntervalMs(5)).toBeCloseTo(204, 9);
    expect(pacingIntervalMs(1)).toBeCloseTo(1020, 9);
    expect(pacingIntervalMs(20)).toBeCloseTo(51, 9);
  });

  it('never lets qps calls fit in one second', () => {
    for (const qps of [1, 3, 7, 10, 40, 100])
      expect(qps * pacingIntervalMs(qps)).toBeGreaterThan(1000);
  });
});
