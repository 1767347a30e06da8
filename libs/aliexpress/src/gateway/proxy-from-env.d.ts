/** Types of `proxy-from-env` (the package ships none): the proxy URL for a URL, or ''. */
declare module 'proxy-from-env' {
  /** The proxy for `url` from HTTP(S)_PROXY / ALL_PROXY, '' when none applies or NO_PROXY matches. */
  export function getProxyForUrl(url: string | URL): string;
}
