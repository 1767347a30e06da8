/**
 * The parts of the platform's request and response the OAuth controller uses. Express's objects
 * fit them; declared here so the library's types do not require `@types/express`.
 */
export interface OAuthHttpRequest {
  headers: { cookie?: string };
  /** True over https (Express honours `trust proxy`). */
  secure: boolean;
  originalUrl?: string;
  url: string;
}

/** The response operations the OAuth controller uses. */
export interface OAuthHttpResponse {
  setHeader(name: string, value: string | string[]): unknown;
  redirect(status: number, url: string): void;
  status(code: number): { json(body: unknown): unknown };
}
