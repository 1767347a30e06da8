/**
 * Thrown by an inbox processor for a message that no retry can help (a push for an account that is
 * not connected, or an order the gateway does not know): the inbox parks the message (kept for
 * inspection, counted) instead of retrying it.
 */
export class UnprocessableMessageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnprocessableMessageError';
  }
}
