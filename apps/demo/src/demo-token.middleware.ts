import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { demoErrorBody } from './demo-error.body.js';
import { DEMO_WEBHOOK_PATH } from './demo-lifecycle.settings.js';

/** The cookie that carries `DEMO_TOKEN` for the page once it has been opened with `?demo_token=`. */
export const DEMO_TOKEN_COOKIE = 'demo_token';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Guards every demo request with `DEMO_TOKEN`: `Authorization: Bearer <token>`, or the
 * `demo_token` cookie. Opening any page with `?demo_token=<token>` once sets that cookie (HttpOnly,
 * SameSite=Lax so the OAuth callback's redirect still carries it) and redirects to the same URL
 * without the token. Tokens are compared in constant time (SHA-256 digests, `timingSafeEqual`).
 * The one exception is `POST /aliexpress/webhook`: the gateway cannot carry the token, and the
 * library's route refuses any push not signed with the app secret.
 */
export function demoTokenGuard(token: string) {
  const expected = digest(token);
  const matches = (candidate: string | undefined): boolean =>
    candidate !== undefined && timingSafeEqual(digest(candidate), expected);

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST' && req.path === DEMO_WEBHOOK_PATH) {
      next();
      return;
    }
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    if (matches(bearer) || matches(cookieValue(req.headers.cookie, DEMO_TOKEN_COOKIE))) {
      next();
      return;
    }
    const url = new URL(req.originalUrl, 'http://demo.invalid');
    const fromQuery = url.searchParams.get('demo_token') ?? undefined;
    if ((req.method === 'GET' || req.method === 'HEAD') && matches(fromQuery)) {
      url.searchParams.delete('demo_token');
      res.append(
        'Set-Cookie',
        `${DEMO_TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax`,
      );
      res.redirect(303, `${url.pathname}${url.search}`);
      return;
    }
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="demo"')
      .json(
        demoErrorBody(
          401,
          'unauthorized',
          'this demo requires DEMO_TOKEN: send Authorization: Bearer <token>, or open /?demo_token=<token> once',
        ),
      );
  };
}
