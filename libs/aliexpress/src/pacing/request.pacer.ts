/**
 * Spaces calls so that a per-app QPS limit is never exceeded in any one-second window. A pacer is
 * bound to one app key and one QPS at construction (see `AliexpressStorage.pacer`); the module
 * builds the one its options call for and `GatewayClient` injects it: `@Inject(RequestPacer)`.
 */
export interface RequestPacer {
  /** Resolves when the caller may send its request. */
  acquire(): Promise<void>;
}

/** Injection token of the module's {@link RequestPacer} (an interface and its token, as in `@nestjs/throttler`). */
export const RequestPacer = Symbol('RequestPacer');
