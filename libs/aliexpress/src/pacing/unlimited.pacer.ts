import type { RequestPacer } from './request.pacer.js';

/**
 * The {@link RequestPacer} of an app without `qpsLimit`: releases every caller at once, so that
 * `GatewayClient` always has a pacer and never has to ask whether it has one.
 */
export class UnlimitedPacer implements RequestPacer {
  acquire(): Promise<void> {
    return Promise.resolve();
  }
}
