/**
 * Spaces calls so that a QPS limit is never exceeded in any one-second window. A pacer is bound to
 * one key and one QPS at construction (see `AliexpressStorage.pacer`): the app key for the
 * app-wide `qpsLimit`, which the module builds and `GatewayClient` injects
 * (`@Inject(RequestPacer)`), or `<appKey>/<method>` for a method's own limit (`qpsLimits`).
 */
export interface RequestPacer {
  /**
   * Resolves when the caller may send its request. With `maxWaitMs` (what is left of the call's
   * deadline), a slot that would come later is refused at once, or when the wait runs out, with a
   * `PacingTimeoutError`, and the slot is left to the next caller. Without it, waits as long as
   * it takes. A caller that is woken late (a busy event loop) sends late: it keeps its slot.
   */
  acquire(maxWaitMs?: number): Promise<void>;
}

/** Injection token of the module's {@link RequestPacer} (an interface and its token, as in `@nestjs/throttler`). */
export const RequestPacer = Symbol('RequestPacer');
