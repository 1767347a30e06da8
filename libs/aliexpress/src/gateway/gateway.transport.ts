/**
 * The largest answer a transport reads when not told otherwise: 4 MiB. The biggest documented
 * gateway answers (a product with hundreds of SKUs, a full category tree) stay well under 1 MiB;
 * anything near the cap is a proxy error page or an attack, not worth downloading in full.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Per-call settings of {@link GatewayTransport.post}. */
export interface GatewayPostOptions {
  /** Total time allowed for the answer, in ms; past it the call fails with code `ETIMEDOUT`. */
  timeoutMs: number;
  /**
   * The largest body read, in bytes (default {@link DEFAULT_MAX_RESPONSE_BYTES}); past it the
   * transport closes the connection and fails with code `ERR_RESPONSE_TOO_LARGE`.
   */
  maxResponseBytes?: number;
}

/** The gateway's answer as it arrived: any status, the body as text (parsed losslessly later). */
export interface GatewayHttpResponse {
  status: number;
  /** The `Content-Type` header, when the gateway sent one. */
  contentType?: string;
  body: string;
}

/**
 * How a transport reports a request that got no usable HTTP answer. `code` is `ETIMEDOUT` when no
 * answer came within the timeout, `ERR_RESPONSE_TOO_LARGE` when the body passed
 * `maxResponseBytes`, a Node socket code (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`…) otherwise. It never holds the request (the body carries `session` and `sign`).
 */
export class GatewayTransportFailure extends Error {
  constructor(readonly code: string) {
    super(`gateway transport failure (${code})`);
    this.name = 'GatewayTransportFailure';
  }
}

/**
 * The port `GatewayClient` sends through: one form-urlencoded POST, every HTTP status answered
 * (the client reads error envelopes itself), failures without an answer rejected with a
 * {@link GatewayTransportFailure}. The default is `AxiosGatewayTransport` over an axios instance of
 * its own; tests or special networks provide their own with
 * `overrideProvider(GatewayTransport)`.
 */
export interface GatewayTransport {
  /** POSTs `form` (an `application/x-www-form-urlencoded` UTF-8 body) to the absolute `url`. */
  post(url: string, form: string, options: GatewayPostOptions): Promise<GatewayHttpResponse>;
}

/** Injection token of the {@link GatewayTransport} port (the interface has the same name). */
export const GatewayTransport = Symbol('GatewayTransport');
