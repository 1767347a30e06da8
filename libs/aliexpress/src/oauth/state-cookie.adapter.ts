import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import type { OAuthHttpAdapter, OAuthHttpRequest, OAuthHttpResponse } from './oauth-http.types.js';

/** The cookie settings: those of the resolved options (`options.state`) and the cookie's path. */
export interface StateCookieSettings {
  cookieName: string;
  ttlSeconds: number;
  secureCookie: boolean | 'auto';
  /** The path the browser sends the cookie to: see {@link stateCookiePath}. */
  path: string;
}

/** How many characters of the state's nonce name its cookie (96 bits: two flows never meet). */
const NAME_NONCE_CHARS = 16;

/**
 * How many authorizations' state cookies a browser keeps at most: enough for a few tabs at once,
 * few enough that repeated clicks on "connect" never grow the `Cookie` header to a 431.
 */
export const MAX_STATE_COOKIES = 4;

/**
 * The path of the state cookie: where `redirectUri` brings the browser back, minus its last
 * `/callback` segment (`https://shop.example/shop/aliexpress/callback` → `/shop/aliexpress`). It
 * is the URL the browser sees, so a proxy that strips a prefix before the app does not lose the
 * cookie, as a path taken from the request the app received would.
 */
export function stateCookiePath(redirectUri: string): string {
  const path = new URL(redirectUri).pathname.replace(/\/+$/, '');
  return path.replace(/\/callback$/, '') || '/';
}

/**
 * The OAuth `state` cookies on any Nest HTTP platform. Each authorization has its own cookie,
 * `<cookieName>.<first 16 characters of its nonce>`, so two tabs authorizing at once do not
 * overwrite each other; read from the `Cookie` header, written as `Set-Cookie` through Nest's HTTP
 * adapter (appended, never replacing a cookie set earlier), scoped to {@link stateCookiePath} and
 * `Secure` when the request came over https.
 */
export class StateCookie {
  constructor(private readonly settings: StateCookieSettings) {}

  /** The name of the cookie that holds `state`. */
  nameFor(state: string): string {
    return `${this.settings.cookieName}.${state.split('.')[0].slice(0, NAME_NONCE_CHARS)}`;
  }

  /**
   * The cookie of `state`'s authorization in this request. Otherwise the value of another state
   * cookie the browser holds (another authorization's, so the check reports a mismatch rather
   * than a missing cookie; or the single `<cookieName>` cookie of earlier versions, so a flow
   * started before an upgrade completes); undefined when it holds none.
   */
  read(req: OAuthHttpRequest, state: string | undefined): string | undefined {
    const header = req.headers.cookie;
    if (typeof header !== 'string' || !state) return undefined;
    const cookies = parseCookie(header);
    const own = cookies[this.nameFor(state)];
    if (own !== undefined) return own;
    const { cookieName } = this.settings;
    if (cookies[cookieName] !== undefined) return cookies[cookieName];
    return Object.entries(cookies).find(([name]) => name.startsWith(`${cookieName}.`))?.[1];
  }

  /**
   * Sets the cookie of `state` for the state's lifetime. When the browser already holds
   * {@link MAX_STATE_COOKIES} authorizations' cookies, first clears the oldest (earliest expiry,
   * then earliest sent) so that, with this one, it holds at most that many.
   */
  write(
    http: OAuthHttpAdapter,
    req: OAuthHttpRequest,
    res: OAuthHttpResponse,
    state: string,
  ): void {
    for (const name of this.oldestFlows(req, MAX_STATE_COOKIES - 1))
      this.append(http, res, this.serialize(req, name, '', 0));
    this.append(
      http,
      res,
      this.serialize(req, this.nameFor(state), state, this.settings.ttlSeconds),
    );
  }

  /**
   * Replaces the cookie of a completed `state` by its completion `marker`, for a state's lifetime,
   * so that reloading the callback page says the account is connected (it counts among the
   * {@link MAX_STATE_COOKIES}, and is cleared first, as the oldest, when the browser starts more).
   */
  complete(
    http: OAuthHttpAdapter,
    req: OAuthHttpRequest,
    res: OAuthHttpResponse,
    state: string,
    marker: string,
  ): void {
    this.append(
      http,
      res,
      this.serialize(req, this.nameFor(state), marker, this.settings.ttlSeconds),
    );
  }

  /** Tells the browser to forget the cookie of `state` (and no other): empty value, `Max-Age=0`. */
  clear(
    http: OAuthHttpAdapter,
    req: OAuthHttpRequest,
    res: OAuthHttpResponse,
    state: string,
  ): void {
    this.append(http, res, this.serialize(req, this.nameFor(state), '', 0));
  }

  /** The names of this app's per-flow cookies in the request beyond the newest `keep`. */
  private oldestFlows(req: OAuthHttpRequest, keep: number): string[] {
    const header = req.headers.cookie;
    if (typeof header !== 'string') return [];
    const prefix = `${this.settings.cookieName}.`;
    const flows = Object.entries(parseCookie(header))
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value], sent) => ({ name, sent, expiresAt: expiryOf(value) }));
    if (flows.length <= keep) return [];
    flows.sort((a, b) => a.expiresAt - b.expiresAt || a.sent - b.sent);
    return flows.slice(0, flows.length - keep).map((flow) => flow.name);
  }

  private serialize(req: OAuthHttpRequest, name: string, value: string, maxAge: number): string {
    return serializeCookie(name, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(req),
      path: this.settings.path,
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

/**
 * The expiry a state cookie's value carries (`<nonce>.<expiry, base 36>…`), unchecked: it only
 * orders cookies for clearing. A value that has none (tampered, foreign) sorts first.
 */
function expiryOf(value: string | undefined): number {
  const expiresAt = parseInt(value?.split('.')[1] ?? '', 36);
  return Number.isSafeInteger(expiresAt) ? expiresAt : -Infinity;
}
