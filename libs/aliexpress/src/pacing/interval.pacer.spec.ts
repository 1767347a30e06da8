import { IntervalPacer } from './interval.pacer';

describe('IntervalPacer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('releases one caller per 1000/qps ms (+2 %), in order, so no second holds more than qps', async () => {
    let now = 0;
    const pacer = new IntervalPacer(5, () => now);
    const released: number[] = [];
    const times: number[] = [];
    const waits = Array.from({ length: 11 }, (_, i) =>
      pacer.acquire().then(() => {
        released.push(i);
        times.push(now);
      }),
    );
    for (let t = 0; t <= 2100; t += 1) {
      now = t;
      await jest.advanceTimersByTimeAsync(1);
    }
    await Promise.all(waits);
    expect(released).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // measured release times: any window of 1000 ms holds at most 5, and the rate stays near 5/s
    for (const start of times)
      expect(times.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
    expect(times.at(-1)).toBeLessThanOrEqual(10 * 204 + 2);
  });

  it('does not delay a caller when the rate is respected', async () => {
    let now = 0;
    const pacer = new IntervalPacer(10, () => now);
    await pacer.acquire();
    now = 500;
    let done = false;
    void pacer.acquire().then(() => (done = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('after a late release, the next waits a full interval from it: a stall never bunches calls', async () => {
    let now = 0;
    const pacer = new IntervalPacer(5, () => now);
    const released: number[] = [];
    for (let i = 0; i < 3; i++) void pacer.acquire().then(() => released.push(now));
    await jest.advanceTimersByTimeAsync(0);
    expect(released).toEqual([0]);
    now = 500; // the event loop stalled: the second caller's timer fires late
    await jest.advanceTimersByTimeAsync(204);
    expect(released).toEqual([0, 500]);
    await jest.advanceTimersByTimeAsync(150); // the third must wait 204 ms from 500
    expect(released).toEqual([0, 500]);
    now = 704;
    await jest.advanceTimersByTimeAsync(60);
    expect(released).toEqual([0, 500, 704]);
  });
});
