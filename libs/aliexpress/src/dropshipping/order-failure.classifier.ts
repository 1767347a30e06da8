import type { Logger } from '@nestjs/common';
import {
  AliexpressBusinessError,
  AliexpressTransportError,
  AmbiguousOrderStateError,
  OrderAlreadyPlacedError,
  type OrderFailurePhase,
} from '../errors/aliexpress.errors.js';
import { certainlyNotProcessed, isTransientFailure } from '../gateway/transient-failure.js';

/** An answer came but could not be read: of an unexpected shape, or past the size cap. */
function unreadAnswer(error: unknown): boolean {
  return (
    error instanceof AliexpressTransportError &&
    (error.kind === 'unexpected-shape' || error.kind === 'response-too-large')
  );
}

/**
 * After a failed order request: true when the order may have been placed all the same. That is a
 * transient failure that may have reached the platform (timeout, reset, 5xx), or an answer that
 * could not be read (`unexpected-shape`, e.g. a success without order ids; `response-too-large`).
 */
function outcomeUnknown(error: unknown): boolean {
  if (certainlyNotProcessed(error)) return false;
  return isTransientFailure(error) || unreadAnswer(error);
}

/**
 * The phase rule: a failure whose answer came but could not be read is in the `answer` phase;
 * any other is in the phase it happened in (`send` while the request was under way).
 */
export function failurePhase(error: unknown, during: OrderFailurePhase): OrderFailurePhase {
  return unreadAnswer(error) ? 'answer' : during;
}

/** The order a {@link OrderFailureClassifier} classifies the failures of. */
export interface OrderInFlight {
  accountId: string;
  outOrderId: string;
}

/**
 * Classifies the failures of one `aliexpress.ds.order.create`, by phase:
 *
 * - token phase (no token: a refresh that failed, the store down, the account to re-authorize):
 *   raised as is, the order never left;
 * - send phase: `REPEATED_ORDER_ERROR` becomes {@link OrderAlreadyPlacedError}; a failure that may
 *   have reached the platform, or an answer that cannot be read, becomes
 *   {@link AmbiguousOrderStateError} (logged); any other refusal is raised as is (the order was
 *   certainly not placed). Once an attempt may have reached the platform, whatever a retry raises
 *   afterwards (even a token error) is ambiguous too;
 * - answer phase (the platform answered, but the answer cannot be used): the same as the send
 *   phase, the phase being `answer`.
 *
 * Pass {@link recordSendFailure} as the call's failure hook, then {@link afterSend} or
 * {@link afterAnswer} what was caught.
 */
export class OrderFailureClassifier {
  /** The errors the order request itself raised; anything else came from the token phase. */
  private readonly sendFailures = new WeakSet<object>();
  /** The first failure of a request that may have reached the platform. */
  private mayHaveReached: unknown;

  constructor(
    private readonly order: OrderInFlight,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Notes a failure the order request itself raised (each attempt's, retries included). */
  readonly recordSendFailure = (error: unknown): void => {
    if (typeof error === 'object' && error !== null) this.sendFailures.add(error);
    if (outcomeUnknown(error)) this.mayHaveReached ??= error;
  };

  /** What to raise when sending the order failed with `error`. */
  afterSend(error: unknown): unknown {
    if (typeof error === 'object' && error !== null && this.sendFailures.has(error)) {
      return this.classify(error, 'send');
    }
    if (this.mayHaveReached !== undefined) return this.ambiguous(this.mayHaveReached, 'send');
    return error;
  }

  /** What to raise when the platform's answer to the order could not be used. */
  afterAnswer(error: unknown): unknown {
    return this.classify(error, 'answer');
  }

  private classify(error: unknown, during: OrderFailurePhase): unknown {
    if (error instanceof AliexpressBusinessError && error.code === 'REPEATED_ORDER_ERROR') {
      const { accountId, outOrderId } = this.order;
      return new OrderAlreadyPlacedError({ accountId, outOrderId, requestId: error.requestId });
    }
    if (!outcomeUnknown(error)) return error;
    return this.ambiguous(error, during);
  }

  /** The {@link AmbiguousOrderStateError} for a failure after the order request left, logged. */
  private ambiguous(error: unknown, during: OrderFailurePhase): Error {
    const { accountId, outOrderId } = this.order;
    const phase = failurePhase(error, during);
    const failure = error instanceof AliexpressTransportError ? error.kind : (error as Error).name;
    this.logger.warn(
      `order ${outOrderId} of account ${accountId}: outcome unknown (${failure}, ${phase} phase); not re-sent`,
    );
    return new AmbiguousOrderStateError({ accountId, outOrderId, failure, phase });
  }
}
