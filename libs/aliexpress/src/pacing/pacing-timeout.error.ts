import { AliexpressError } from '../errors/aliexpress.error.js';

/** What {@link PacingTimeoutError} is built from. */
export interface PacingTimeoutErrorParams {
  /** The longest the caller would wait for a slot. */
  maxWaitMs: number;
}

/**
 * A pacer could not give the caller a slot within the wait it allowed (the call's deadline):
 * nothing was sent, and no slot was taken. `GatewayClient` turns it into an
 * `AliexpressTransportError` of kind `timeout` that says the request never left; a pacer of your
 * own may throw it too.
 */
export class PacingTimeoutError extends AliexpressError {
  readonly maxWaitMs: number;

  constructor(params: PacingTimeoutErrorParams) {
    super({
      message: `no pacing slot within ${Math.max(0, Math.round(params.maxWaitMs))} ms (the call was not sent)`,
    });
    this.maxWaitMs = params.maxWaitMs;
  }
}
