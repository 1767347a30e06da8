import { UnlimitedPacer } from './unlimited.pacer';

describe('UnlimitedPacer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('releases every caller at once, without a timer', async () => {
    const pacer = new UnlimitedPacer();
    let released = 0;
    await Promise.all(Array.from({ length: 50 }, () => pacer.acquire().then(() => released++)));
    expect(released).toBe(50);
    expect(jest.getTimerCount()).toBe(0);
  });
});
