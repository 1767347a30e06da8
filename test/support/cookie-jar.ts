/** One cookie as a browser keeps it: value and the path it is sent to. */
interface JarCookie {
  value: string;
  path: string;
}

/**
 * A browser's cookie jar, as far as the OAuth tests need it (RFC 6265 §5.1.4 path matching, the
 * name-and-path identity, `Max-Age=0` deleting): two tabs of one browser share it, and a cookie
 * reaches only the paths it was scoped to.
 */
export class CookieJar {
  private readonly cookies = new Map<string, JarCookie>();

  /** Applies a response's `Set-Cookie` headers. */
  apply(setCookie: string | string[] | undefined): void {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key.toLowerCase()}=`))?.split('=')[1];
      const path = attribute('Path') ?? '/';
      const id = `${name}\u0000${path}`;
      if (attribute('Max-Age') === '0') this.cookies.delete(id);
      else this.cookies.set(id, { value: pair.slice(at + 1), path });
    }
  }

  /** The `Cookie` header the browser sends to `path`, or undefined when no cookie matches. */
  header(path: string): string | undefined {
    const sent = [...this.cookies]
      .filter(([, cookie]) => pathMatches(path, cookie.path))
      .map(([id, cookie]) => `${id.split('\u0000')[0]}=${cookie.value}`);
    return sent.length ? sent.join('; ') : undefined;
  }

  /** The names of the cookies the jar holds. */
  names(): string[] {
    return [...this.cookies.keys()].map((id) => id.split('\u0000')[0]);
  }
}

/** RFC 6265 §5.1.4: does a request to `requestPath` carry a cookie scoped to `cookiePath`? */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
