/** A source of the current time in epoch milliseconds; tests share one with the mock gateway. */
export interface Clock {
  now(): number;
}

/** Options of `AliexpressModule.forRoot` / `forRootAsync`. */
export interface AliexpressModuleOptions {
  /** The app key of your AliExpress Open Platform app. */
  appKey: string;
  /** The app secret. Checked at startup for whitespace and invisible characters, never trimmed. */
  appSecret: string;
  /** Gateway base URL; default `https://api-sg.aliexpress.com`. */
  baseUrl?: string;
  /** Per-request timeout in milliseconds; default 15000. */
  timeoutMs?: number;
  /** The clock used for `timestamp` and token expiry; default `Date.now`. */
  clock?: Clock;
}

/** The options after validation, with every default applied. */
export interface ResolvedAliexpressOptions {
  appKey: string;
  appSecret: string;
  baseUrl: string;
  timeoutMs: number;
  clock: Clock;
}
