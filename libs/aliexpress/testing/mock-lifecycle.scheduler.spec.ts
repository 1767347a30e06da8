import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { MockLifecycleScheduler } from './mock-lifecycle.scheduler.js';

describe('MockLifecycleScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const scheduler = () => {
    const advanced: string[] = [];
    return { advanced, lifecycle: new MockLifecycleScheduler((id) => advanced.push(id)) };
  };

  it('advances each movable order one step after its last change, and never while stopped', () => {
    const { advanced, lifecycle } = scheduler();
    lifecycle.changed('1', true); // not running: nothing scheduled
    lifecycle.start({ stepMs: 100 }, ['2']);
    vi.advanceTimersByTime(60);
    lifecycle.changed('3', true);
    vi.advanceTimersByTime(40);
    expect(advanced).toEqual(['2']);
    vi.advanceTimersByTime(60);
    expect(advanced).toEqual(['2', '3']);
    lifecycle.changed('4', true);
    lifecycle.stop();
    vi.advanceTimersByTime(500);
    expect(advanced).toEqual(['2', '3']);
    expect(lifecycle.step).toBeUndefined();
  });

  it('a change restarts the countdown, a final order is dropped, keepPending keeps the time', () => {
    const { advanced, lifecycle } = scheduler();
    lifecycle.start({ stepMs: 100 }, ['1', '2', '3']);
    vi.advanceTimersByTime(50);
    lifecycle.changed('1', true);
    lifecycle.changed('2', false);
    lifecycle.changed('3', true, true);
    vi.advanceTimersByTime(50);
    expect(advanced).toEqual(['3']);
    vi.advanceTimersByTime(50);
    expect(advanced).toEqual(['3', '1']);
  });

  it('refuses a step that is not a positive number of ms', () => {
    const { lifecycle } = scheduler();
    for (const stepMs of [0, -5, Number.NaN, Infinity, '100'])
      expect(() => lifecycle.start({ stepMs: stepMs as number }, [])).toThrow(
        MockGatewayConfigError,
      );
  });
});
