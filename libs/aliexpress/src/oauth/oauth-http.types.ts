/**
 * The parts of the platform's request the OAuth controller reads. Express's `Request` and
 * Fastify's `FastifyRequest` both fit it; declared here so the library's types require neither
 * `@types/express` nor `fastify`.
 */
export interface OAuthHttpRequest {
  headers: { cookie?: string };
  /** `https` or `http`; both platforms honour their proxy trust setting (`trust proxy`, `trustProxy`). */
  protocol: string;
  /** The URL as received, global prefix included (Express; Fastify since v4). */
  originalUrl?: string;
  url: string;
}

/**
 * The platform's response object (Express `Response`, Fastify `FastifyReply`). The controller never
 * calls it directly: it goes through Nest's HTTP adapter, which knows the platform.
 */
export type OAuthHttpResponse = object;

/** The operations of Nest's `AbstractHttpAdapter` the OAuth routes use, common to Express and Fastify. */
export interface OAuthHttpAdapter {
  setHeader(response: OAuthHttpResponse, name: string, value: string): unknown;
  /** Absent on Nest before 10.3; where present it adds a header instead of replacing it. */
  appendHeader?(response: OAuthHttpResponse, name: string, value: string): unknown;
  redirect(response: OAuthHttpResponse, statusCode: number, url: string): unknown;
  reply(response: OAuthHttpResponse, body: unknown, statusCode?: number): unknown;
}
