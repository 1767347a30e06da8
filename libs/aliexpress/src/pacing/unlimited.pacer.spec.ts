import { UnlimitedPacer } from './unlimited.pacer.js';

describe('UnlimitedPacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('releases every caller at once, without a timer', async () => {
    const pacer = new UnlimitedPacer();
    let released = 0;
    await Promise.all(Array.from({ length: 50 }, () => pacer.acquire().then(() => released++)));
    expect(released).toBe(50);
    expect(vi.getTimerCount()).toBe(0);
  });
});
