import { maskParams } from '../src/signing/secret-params.js';
import type { MockAppRegistry } from './mock-app.registry.js';
import { MockAuthStore } from './mock-auth.store.js';
import { authorizeErrorPage, consentPage } from './mock-consent.page.js';
import { MockGatewayError, missingParameter } from './mock-envelopes.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { MOCK_BUYERS, type MockBuyer } from './mock-fixtures.js';
import type { MockApp } from './mock-gateway.options.js';
import type { Outcome } from './mock-http.reply.js';
import type { MockRequestLog } from './mock-request.log.js';

/** The token APIs: `/auth/token/create` (from a code) and `/auth/token/refresh`. */
export const SYSTEM_APIS: ReadonlySet<string> = new Set([
  '/auth/token/create',
  '/auth/token/refresh',
]);

/** What the OAuth side of the mock works with. */
export interface MockOAuthDeps {
  apps: MockAppRegistry;
  log: MockRequestLog;
  now: () => number;
  /** Approve consent at once with the first test buyer (the `autoApprove` option). */
  autoApprove?: boolean;
}

/**
 * The mock's OAuth side: the consent page and its decision, the codes it issues, the token APIs
 * that exchange and rotate them, and the access token every buyer call must carry.
 */
export class MockOAuthFlow {
  private readonly auth = new MockAuthStore();

  constructor(private readonly deps: MockOAuthDeps) {}

  /** `/oauth/authorize` (GET) and its decision (POST): the consent page, or the redirect back. */
  authorize(query: URLSearchParams, httpMethod: string): Outcome {
    const params = Object.fromEntries(query);
    const entry = this.deps.log.record({
      httpMethod,
      path: '/oauth/authorize',
      endpoint: 'oauth',
      appKey: params.client_id,
      params: maskParams(params),
      verdict: 'pending',
    });
    const fail = (message: string): Outcome => {
      entry.verdict = 'refused';
      return {
        status: 400,
        contentType: 'text/html;charset=UTF-8',
        body: authorizeErrorPage(message),
      };
    };
    const app = params.client_id ? this.deps.apps.get(params.client_id) : undefined;
    if (!params.client_id) return fail('client_id is missing');
    if (!app) return fail(`client_id ${params.client_id} is not a registered app`);
    if (httpMethod === 'GET' && params.response_type !== 'code')
      return fail('response_type must be "code"');
    if (!params.redirect_uri) return fail('redirect_uri is missing');
    if (!app.redirectUris.includes(params.redirect_uri)) {
      return fail(
        `redirect_uri ${params.redirect_uri} is not the callback URL registered for app ${app.appKey}`,
      );
    }
    const decision =
      params.decision ?? params.mock_decision ?? (this.deps.autoApprove ? 'approve' : undefined);
    if (decision === undefined) {
      entry.verdict = 'consent-page';
      return {
        status: 200,
        contentType: 'text/html;charset=UTF-8',
        body: consentPage({
          clientId: app.appKey,
          redirectUri: params.redirect_uri,
          state: params.state,
        }),
      };
    }
    if (decision !== 'approve' && decision !== 'deny')
      return fail('decision must be approve or deny');
    const target = new URL(params.redirect_uri);
    if (decision === 'approve') {
      const userId = params.account ?? params.mock_account ?? MOCK_BUYERS[0].userId;
      if (!MOCK_BUYERS.some((b) => b.userId === userId))
        return fail(`unknown test account ${userId}`);
      target.searchParams.set('code', this.auth.issueCode(app.appKey, userId, this.deps.now()));
      entry.verdict = 'approved';
    } else {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user denied the authorization request');
      entry.verdict = 'denied';
    }
    if (params.state !== undefined) target.searchParams.set('state', params.state);
    return {
      status: 302,
      contentType: 'text/plain',
      body: `Redirecting to ${target.origin}${target.pathname}`,
      headers: { Location: target.toString() },
    };
  }

  /** A token API call (one of {@link SYSTEM_APIS}) of a verified app: a new token pair. */
  tokenCall(
    api: string,
    app: MockApp,
    params: Record<string, string>,
    now: number,
  ): Record<string, unknown> {
    const grant = api === '/auth/token/create' ? 'code' : 'refresh_token';
    if (!params[grant]) throw missingParameter(grant);
    return grant === 'code'
      ? this.auth.create(app, params.code, now, params.uuid)
      : this.auth.rotate(app, params.refresh_token, now);
  }

  /** The buyer whose access token a call carries (`session` or `access_token`, sent once). */
  authenticate(appKey: string, params: Record<string, string>, now: number): MockBuyer {
    const session = params.session;
    const accessToken = params.access_token;
    if (session && accessToken && session !== accessToken) {
      throw new MockGatewayError({
        code: 'InvalidParameter',
        message:
          'Send the access token once: \u201csession\u201d and \u201caccess_token\u201d differ',
      });
    }
    const token = session || accessToken;
    if (!token) throw missingParameter('session');
    return this.auth.authenticate(appKey, token, now);
  }

  /** A code as if the buyer had approved. */
  issueCode(appKey: string, userId: string): string {
    this.deps.apps.require(appKey);
    if (!MOCK_BUYERS.some((b) => b.userId === userId))
      throw new MockGatewayConfigError(`unknown test buyer ${userId}`);
    return this.auth.issueCode(appKey, userId, this.deps.now());
  }

  /** Invalidates a buyer's current access tokens; refresh tokens stay valid. */
  invalidateAccessTokens(appKey: string, userId: string): void {
    this.auth.invalidateAccess(appKey, userId);
  }

  /** How many token pairs the token APIs issued. */
  tokenStats(): { created: number; refreshed: number } {
    return { created: this.auth.issued.create, refreshed: this.auth.issued.refresh };
  }

  /** Forgets every code and token. */
  clear(): void {
    this.auth.clear();
  }
}
