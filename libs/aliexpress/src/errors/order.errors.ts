import { AliexpressError } from './aliexpress.error.js';
import { AliexpressBusinessError } from './gateway.errors.js';

/**
 * Where an order attempt failed once its request had left: `send` (no usable answer: timeout,
 * reset, 5xx) or `answer` (an answer came but could not be read). A failure before the request
 * left (the token phase: a refresh that failed, a store that is down) is never ambiguous: it is
 * raised as the token error it is.
 */
export type OrderFailurePhase = 'send' | 'answer';

/** What {@link AmbiguousOrderStateError} is built from. */
export interface AmbiguousOrderStateErrorParams {
  accountId: string;
  /** The order's `out_order_id`. */
  outOrderId: string;
  /** How the attempt failed: a transport kind (`timeout`) or an error name. */
  failure: string;
  /** Where it failed; default `send`. */
  phase?: OrderFailurePhase;
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
  /** Where it failed: `send` (no usable answer) or `answer` (an answer that could not be read). */
  readonly phase: OrderFailurePhase;

  constructor(params: AmbiguousOrderStateErrorParams) {
    super({
      message:
        `order ${params.outOrderId} of account ${params.accountId} may or may not have been placed (${params.failure}); it was not re-sent. ` +
        "Check the account's orders before placing it again, and re-use the same outOrderId if you do",
    });
    this.accountId = params.accountId;
    this.outOrderId = params.outOrderId;
    this.failure = params.failure;
    this.phase = params.phase ?? 'send';
  }
}

/** What {@link OrderAlreadyPlacedError} is built from. */
export interface OrderAlreadyPlacedErrorParams {
  accountId: string;
  /** The `out_order_id` the platform already has an order for. */
  outOrderId: string;
  /** The platform's message, when it gives one. */
  detail?: string;
  requestId?: string;
}

/**
 * `REPEATED_ORDER_ERROR`: the platform already placed an order with this `outOrderId` within the
 * last 24 h (its idempotency window), so it placed no second one. After an ambiguous first attempt
 * this is the answer you want: the order exists; look it up instead of ordering again. Still an
 * {@link AliexpressBusinessError} with `code` `REPEATED_ORDER_ERROR`.
 */
export class OrderAlreadyPlacedError extends AliexpressBusinessError {
  readonly accountId: string;
  /** The order's `out_order_id`. */
  readonly outOrderId: string;

  constructor(params: OrderAlreadyPlacedErrorParams) {
    super({
      apiName: 'aliexpress.ds.order.create',
      code: 'REPEATED_ORDER_ERROR',
      detail:
        `an order with outOrderId ${params.outOrderId} was already placed for account ${params.accountId} ` +
        `within the last 24 h${params.detail ? ` (${params.detail})` : ''}; no second order was placed`,
      requestId: params.requestId,
    });
    this.accountId = params.accountId;
    this.outOrderId = params.outOrderId;
  }
}
