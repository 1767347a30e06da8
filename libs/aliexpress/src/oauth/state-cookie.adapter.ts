import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import type { OAuthHttpAdapter, OAuthHttpRequest, OAuthHttpResponse } from './oauth-http.types';

/** The cookie settings of the resolved options (`options.state`). */
export interface StateCookieSettings {
  cookieName: string;
  ttlSeconds: number;
  secureCookie: boolean | 'auto';
}

/**
 * The OAuth `state` cookie on any Nest HTTP platform: read from the `Cookie` header, written as
 * `Set-Cookie` through Nest's HTTP adapter (Express `res.append`, Fastify `reply.header`), scoped
 * to the controller's own path and `Secure` when the request came over https.
 */
export class StateCookie {
  constructor(private readonly settings: StateCookieSettings) {}

  /** The cookie's value in this request, if the browser sent one. */
  read(req: OAuthHttpRequest): string | undefined {
    const header = req.headers.cookie;
    return typeof header === 'string' ? parseCookie(header)[this.settings.cookieName] : undefined;
  }

  /** Sets the cookie to `value` for the state's lifetime. */
  write(
    http: OAuthHttpAdapter,
    req: OAuthHttpRequest,
    res: OAuthHttpResponse,
    value: string,
  ): void {
    this.append(http, res, this.serialize(req, value, this.settings.ttlSeconds));
  }

  /** Tells the browser to forget the cookie (empty value, `Max-Age=0`). */
  clear(http: OAuthHttpAdapter, req: OAuthHttpRequest, res: OAuthHttpResponse): void {
    this.append(http, res, this.serialize(req, '', 0));
  }

  private serialize(req: OAuthHttpRequest, value: string, maxAge: number): string {
    return serializeCookie(this.settings.cookieName, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(req),
      path: cookiePath(req),
      maxAge,
    });
  }

  /** Adds the header so a cookie set earlier in the request (a guard, a middleware) survives. */
  private append(http: OAuthHttpAdapter, res: OAuthHttpResponse, cookie: string): void {
    if (typeof http.appendHeader === 'function') http.appendHeader(res, 'Set-Cookie', cookie);
    else http.setHeader(res, 'Set-Cookie', cookie);
  }

  private secure(req: OAuthHttpRequest): boolean {
    const setting = this.settings.secureCookie;
    return setting === 'auto' ? req.protocol === 'https' : setting;
  }
}

/** The controller's own path (global prefix included), so the cookie reaches only its routes. */
function cookiePath(req: OAuthHttpRequest): string {
  const path = (req.originalUrl ?? req.url).split('?')[0];
  return path.replace(/\/(authorize|callback)\/?$/, '') || '/';
}
