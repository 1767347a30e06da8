import type { RequestPacer } from './request.pacer.js';

/** Builds the pacer of one method under `qps` (the module passes the storage's pacer factory). */
export type MethodPacerFactory = (method: string, qps: number) => RequestPacer;

/**
 * Per-method pacing: each API with a limit (see `DEFAULT_METHOD_QPS` and the `qpsLimits` option)
 * gets its own {@link RequestPacer}, built on first use through the storage, so with Redis every
 * instance of the app shares each method's slots too. Methods without a limit pass at once. The
 * app-wide `qpsLimit` pacer is separate; `GatewayClient` takes this one first, then that one.
 */
export class MethodPacing {
  private readonly pacers = new Map<string, RequestPacer>();

  constructor(
    private readonly limits: Readonly<Record<string, number>>,
    private readonly pacerFor: MethodPacerFactory,
  ) {}

  /**
   * Resolves when a call of `method` may leave under that method's own limit; with `maxWaitMs`,
   * refuses (`PacingTimeoutError`) a slot that would come later (see `RequestPacer.acquire`).
   */
  acquire(method: string, maxWaitMs?: number): Promise<void> {
    const qps = this.limits[method];
    if (qps === undefined) return Promise.resolve();
    let pacer = this.pacers.get(method);
    if (!pacer) {
      pacer = this.pacerFor(method, qps);
      this.pacers.set(method, pacer);
    }
    return pacer.acquire(maxWaitMs);
  }

  /** The QPS limit that paces `method`, if any. */
  limitOf(method: string): number | undefined {
    return this.limits[method];
  }
}

/** Injection token of the module's {@link MethodPacing}. */
export const METHOD_PACING = Symbol('MethodPacing');

/**
 * The key a method's pacer is stored under: the app key and the method, so each (app, method)
 * pair has slots of its own, apart from the app-wide ones (`<appKey>`).
 */
export const methodPacingKey = (appKey: string, method: string) => `${appKey}/${method}`;
