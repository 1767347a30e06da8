import { AliexpressError } from './aliexpress.error';

/** What {@link AmbiguousOrderStateError} is built from. */
export interface AmbiguousOrderStateErrorParams {
  accountId: string;
  /** The order's `out_order_id`. */
  outOrderId: string;
  /** How the attempt failed: a transport kind (`timeout`) or an error name. */
  failure: string;
}

/**
 * An order request may or may not have reached the platform (timeout, reset, 5xx after sending,
 * an answer that could not be read) and the library could not find out which. It was not re-sent;
 * decide with `outOrderId`.
 */
export class AmbiguousOrderStateError extends AliexpressError {
  readonly accountId: string;
  /** The order's `out_order_id`: the platform refuses a second order with it (`REPEATED_ORDER_ERROR`). */
  readonly outOrderId: string;
  /** How the attempt failed. */
  readonly failure: string;

  constructor(params: AmbiguousOrderStateErrorParams) {
    super({
      message:
        `order ${params.outOrderId} of account ${params.accountId} may or may not have been placed (${params.failure}); it was not re-sent. ` +
        "Check the account's orders before placing it again, and re-use the same outOrderId if you do",
    });
    this.accountId = params.accountId;
    this.outOrderId = params.outOrderId;
    this.failure = params.failure;
  }
}
