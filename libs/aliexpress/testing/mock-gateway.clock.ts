import { MockGatewayConfigError } from './mock-gateway.errors.js';

/**
 * The mock's clock (epoch ms): real time, shifted to `startTime` when one is given, plus whatever
 * tests advanced it by. Tokens, codes and timestamps are judged against it.
 */
export class MockClock {
  private offset = 0;

  constructor(private readonly startTime: number | undefined) {
    this.reset();
  }

  /** The mock time now. */
  now(): number {
    return Date.now() + this.offset;
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new MockGatewayConfigError('advanceClock takes a non-negative number of ms');
    this.offset += ms;
  }

  /** Back to the start time (or real time when none was given). */
  reset(): void {
    this.offset = this.startTime === undefined ? 0 : this.startTime - Date.now();
  }
}
