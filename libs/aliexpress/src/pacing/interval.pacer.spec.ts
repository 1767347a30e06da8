import { IntervalPacer } from './interval.pacer.js';
import { PacingTimeoutError } from './pacing-timeout.error.js';

describe('IntervalPacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

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
      await vi.advanceTimersByTimeAsync(1);
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
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('after a late release, the next waits a full interval from it: a stall never bunches calls', async () => {
    let now = 0;
    const pacer = new IntervalPacer(5, () => now);
    const released: number[] = [];
    for (let i = 0; i < 3; i++) void pacer.acquire().then(() => released.push(now));
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toEqual([0]);
    now = 500; // the event loop stalled: the second caller's timer fires late
    await vi.advanceTimersByTimeAsync(204);
    expect(released).toEqual([0, 500]);
    await vi.advanceTimersByTimeAsync(150); // the third must wait 204 ms from 500
    expect(released).toEqual([0, 500]);
    now = 704;
    await vi.advanceTimersByTimeAsync(60);
    expect(released).toEqual([0, 500, 704]);
  });

  it('refuses at once a caller whose turn would come after its deadline, without taking a slot', async () => {
    let now = 0;
    const pacer = new IntervalPacer(5, () => now); // 204 ms apart
    await pacer.acquire();
    void pacer.acquire(); // 204
    // its turn is at least 408 ms away: refused now, not after waiting
    let refused: unknown;
    void pacer.acquire(300).catch((error: unknown) => (refused = error));
    await vi.advanceTimersByTimeAsync(0);
    expect(refused).toBeInstanceOf(PacingTimeoutError);
    expect((refused as PacingTimeoutError).maxWaitMs).toBe(300);
    // the refused caller took no slot: the next one is released at 408, right after the second
    const released: number[] = [];
    void pacer.acquire(1_000).then(() => released.push(now));
    for (let t = 1; t <= 500; t += 1) {
      now = t;
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(released).toEqual([408]);
  });

  it('a waiter whose deadline passes while it queues (a stall ahead) leaves the queue', async () => {
    let now = 0;
    const pacer = new IntervalPacer(5, () => now);
    await pacer.acquire();
    const outcomes: string[] = [];
    void pacer.acquire().then(() => outcomes.push(`first at ${now}`));
    void pacer.acquire(450).then(
      () => outcomes.push(`second at ${now}`),
      (error: unknown) => outcomes.push((error as Error).name),
    );
    void pacer.acquire().then(() => outcomes.push(`third at ${now}`));
    // the event loop stalls: the first waiter's timer fires only at 460, past the second's deadline
    now = 460;
    await vi.advanceTimersByTimeAsync(460);
    expect(outcomes).toEqual(['first at 460', 'PacingTimeoutError']);
    now = 664;
    await vi.advanceTimersByTimeAsync(204);
    expect(outcomes).toEqual(['first at 460', 'PacingTimeoutError', 'third at 664']);
  });
});
