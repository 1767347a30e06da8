import {
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  Query,
  Redirect,
  Req,
  Res,
  type HttpRedirectResponse,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import {
  AliexpressApiError,
  AliexpressError,
  AliexpressGrantError,
  AliexpressSignatureError,
  AliexpressTransportError,
  OAuthFlowException,
  OAuthStateError,
  TokenStoreError,
} from '../errors/aliexpress.errors.js';
import { toAccount, type AliexpressAccount } from '../tokens/aliexpress-token.interface.js';
import { TokenService } from '../tokens/token.service.js';
import { CallbackQueryDto } from './callback-query.dto.js';
import type {
  OAuthHttpAdapter,
  OAuthHttpRequest as Request,
  OAuthHttpResponse as Response,
} from './oauth-http.types.js';
import {
  OAuthStateService,
  isSafeReturnTo,
  type CompletedAuthorization,
} from './oauth-state.service.js';
import { StateCookie, stateCookiePath } from './state-cookie.adapter.js';

/** The JSON a successful callback answers when no redirect is configured: never a token. */
export interface AuthorizedAccountResponse {
  accountId: string;
  userNick?: string;
  accountPlatform?: string;
  expiresAt: number;
  refreshExpiresAt: number;
}

/**
 * The JSON a reload of a completed callback answers (the code is spent; nothing was exchanged
 * again): the connected account, never a token.
 */
export interface AlreadyConnectedResponse extends AuthorizedAccountResponse {
  result: 'already_connected';
  /** One sentence saying the account is already connected. */
  message: string;
}

const accountResponse = (account: AliexpressAccount): AuthorizedAccountResponse => ({
  accountId: account.accountId,
  userNick: account.userNick,
  accountPlatform: account.accountPlatform,
  expiresAt: account.expiresAt,
  refreshExpiresAt: account.refreshExpiresAt,
});

/**
 * `GET <callbackPath>/authorize` starts the AliExpress authorization; `GET <callbackPath>/callback`
 * finishes it: checks `state`, exchanges the code, stores the tokens. The path is set per module
 * registration (default `aliexpress`). Runs on `@nestjs/platform-express` and
 * `@nestjs/platform-fastify` alike: responses go through Nest's HTTP adapter, never the platform's
 * own response methods.
 */
@Controller('aliexpress')
export class OAuthController {
  private readonly logger = new Logger('AliexpressOAuth');
  private readonly cookie: StateCookie;

  constructor(
    private readonly tokens: TokenService,
    private readonly states: OAuthStateService,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.cookie = new StateCookie({
      ...options.state,
      path: stateCookiePath(options.redirectUri as string),
    });
  }

  /** Redirects the browser to the AliExpress consent page with a fresh, cookie-bound `state`. */
  @Get('authorize')
  @Redirect()
  authorize(
    @Query('returnTo') returnTo: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): HttpRedirectResponse {
    if (returnTo !== undefined && (typeof returnTo !== 'string' || !isSafeReturnTo(returnTo))) {
      throw new OAuthFlowException({
        reason: 'return_to_invalid',
        message: 'returnTo must be a path on this site, such as /dashboard',
      });
    }
    // stores nothing: the signed state carries its nonce, expiry and returnTo
    const state = this.states.issue(returnTo);
    const url = new URL(`${this.options.baseUrl}/oauth/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      force_auth: 'true',
      redirect_uri: this.options.redirectUri as string,
      client_id: this.options.appKey,
      state,
    }).toString();
    this.cookie.write(this.http, req, res, state);
    return { url: url.toString(), statusCode: HttpStatus.FOUND };
  }

  /**
   * Finishes the authorization: every check before the code reaches the gateway. Answers a
   * redirect or JSON, decided at run time, so it writes the response itself through the adapter.
   */
  @Get('callback')
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // the state once redeemed: its cookie is cleared on failure, replaced by a marker on success
    let spent: string | undefined;
    try {
      const dto = await this.validQuery(query);
      const cookie = this.cookie.read(req, dto.state);
      const completed = this.states.completed(dto.state, cookie);
      if (completed) return await this.alreadyConnected(completed, res);
      const record = await this.redeem(dto.state, cookie);
      const state = dto.state ?? ''; // present: redeem refuses a missing state
      spent = state;
      if (dto.error === 'access_denied') {
        throw new OAuthFlowException({
          reason: 'access_denied',
          message: 'the AliExpress user denied access to the app',
          status: HttpStatus.FORBIDDEN,
        });
      }
      if (dto.error)
        throw new OAuthFlowException({
          reason: 'authorization_error',
          message: `AliExpress answered the authorization with error "${dto.error}"`,
        });
      if (!dto.code)
        throw new OAuthFlowException({
          reason: 'code_missing',
          message: 'the callback has no authorization code',
        });

      const token = await this.exchange(dto.code);
      // the pair is issued (and stored, or kept until the store is back): a store that fails this
      // read must not turn the connection into an error
      const stored = await this.tokens.getAccount(token.accountId).catch(() => undefined);
      const account = stored ?? toAccount({ ...token, version: 1, reauthorizationRequired: false });
      if (this.options.afterAuthorization) {
        try {
          await this.options.afterAuthorization(account, {
            returnTo: record.returnTo,
            request: req,
          });
        } catch (error) {
          if (error instanceof HttpException) throw error;
          this.logger.error(
            `afterAuthorization hook failed for account ${account.accountId}: ${(error as Error)?.message}`,
          );
          throw new OAuthFlowException({
            reason: 'hook_failed',
            message: 'the account was connected, but the after-authorization step failed',
            status: 500,
          });
        }
      }
      const marker = this.states.completion(state, account.accountId);
      this.cookie.complete(this.http, req, res, state, marker);
      spent = undefined;
      const target = record.returnTo ?? this.options.successRedirect;
      if (target) {
        this.http.redirect(res, HttpStatus.FOUND, target);
        return;
      }
      this.http.reply(res, accountResponse(account), HttpStatus.OK);
    } catch (error) {
      if (spent) this.cookie.clear(this.http, req, res, spent);
      if (error instanceof OAuthFlowException) {
        this.logger.warn(`callback refused: ${error.reason}${error.hint ? `: ${error.hint}` : ''}`);
        if (this.options.failureRedirect) return this.redirectFailure(res, error);
      }
      throw error;
    }
  }

  /**
   * A reload of the callback page in the browser that completed it (its cookie holds the
   * completion marker): the code is spent, so nothing is exchanged; the answer is the success's
   * again (redirect, or the account as JSON with `result: 'already_connected'`) while the account
   * is connected, a 409 `state_replayed` once it no longer is.
   */
  private async alreadyConnected(completed: CompletedAuthorization, res: Response): Promise<void> {
    const { accountId } = completed;
    const account = await this.tokens.getAccount(accountId).catch((error: unknown) => {
      throw this.storeFailure(error);
    });
    if (!account || account.reauthorizationRequired) {
      throw new OAuthFlowException({
        reason: 'state_replayed',
        message: `this authorization was already completed, but account ${accountId} is no longer connected: start the authorization again`,
        status: HttpStatus.CONFLICT,
      });
    }
    this.logger.log(`callback reloaded: account ${accountId} is already connected`);
    const target = completed.returnTo ?? this.options.successRedirect;
    if (target) {
      this.http.redirect(res, HttpStatus.FOUND, target);
      return;
    }
    const body: AlreadyConnectedResponse = {
      result: 'already_connected',
      message: `this authorization was already completed: account ${accountId} is connected`,
      ...accountResponse(account),
    };
    this.http.reply(res, body, HttpStatus.OK);
  }

  private async validQuery(query: Record<string, unknown>): Promise<CallbackQueryDto> {
    const dto = plainToInstance(CallbackQueryDto, query);
    const errors = await validate(dto, { forbidUnknownValues: false });
    if (errors.length) {
      const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
      throw new OAuthFlowException({
        reason: 'query_invalid',
        message: `invalid callback query: ${messages.join('; ')}`,
      });
    }
    return dto;
  }

  private async redeem(state: string | undefined, cookie: string | undefined) {
    try {
      return await this.states.redeem(state, cookie);
    } catch (error) {
      if (error instanceof OAuthStateError)
        throw new OAuthFlowException({ reason: error.reason, message: error.message });
      throw this.storeFailure(error);
    }
  }

  private async exchange(code: string) {
    try {
      return await this.tokens.exchangeCode(code);
    } catch (error) {
      if (error instanceof AliexpressGrantError) {
        throw new OAuthFlowException({
          reason: 'code_refused',
          message: `the gateway refused the authorization code (${error.code})`,
          status: 400,
          gatewayCode: error.code,
        });
      }
      if (error instanceof AliexpressApiError) {
        throw new OAuthFlowException({
          reason: 'gateway_error',
          message: `the gateway refused the token exchange (${error.code})`,
          status: HttpStatus.BAD_GATEWAY,
          gatewayCode: error.code,
          hint: error instanceof AliexpressSignatureError ? this.signatureHint() : undefined,
        });
      }
      if (error instanceof AliexpressTransportError) {
        throw new OAuthFlowException({
          reason: 'gateway_unreachable',
          message: `the gateway did not answer the token exchange (${error.kind})`,
          status: HttpStatus.BAD_GATEWAY,
        });
      }
      throw this.storeFailure(error);
    }
  }

  /** What to do when the gateway computed another sign: nearly always the app secret. */
  private signatureHint(): string {
    const app = `app key ${this.options.appKey}`;
    return (
      `its signature does not match the secret the gateway holds for ${app}. Check appSecret ` +
      `(the app secret configured for ${app}: the one the app console shows for this app key, ` +
      `without a stray space or newline), then run "aliexpress-doctor check" with the same ` +
      `ALIEXPRESS_APP_KEY and ALIEXPRESS_APP_SECRET`
    );
  }

  private storeFailure(error: unknown): unknown {
    if (error instanceof TokenStoreError) {
      this.logger.error(error.message);
      return new OAuthFlowException({
        reason: 'store_unavailable',
        message: 'the token store is unavailable; nothing was stored, try again',
        status: HttpStatus.SERVICE_UNAVAILABLE,
      });
    }
    if (error instanceof AliexpressError)
      return new OAuthFlowException({
        reason: 'invalid_response',
        message: error.message,
        status: HttpStatus.BAD_GATEWAY,
      });
    return error;
  }

  private redirectFailure(res: Response, error: OAuthFlowException): void {
    const target = this.options.failureRedirect as string;
    const separator = target.includes('?') ? '&' : '?';
    const query = new URLSearchParams({ error: error.reason, error_description: error.message });
    this.http.redirect(res, HttpStatus.FOUND, `${target}${separator}${query.toString()}`);
  }

  /** Nest's adapter of the running platform (Express or Fastify); set once the app is created. */
  private get http(): OAuthHttpAdapter {
    return this.adapterHost.httpAdapter;
  }
}
