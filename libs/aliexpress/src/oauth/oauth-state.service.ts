import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { OAuthStateError } from '../errors/aliexpress.errors.js';
import { OAuthStateStore, type OAuthStateRecord } from './oauth-state.store.js';

const RETURN_TO = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/** True for a same-origin relative path that is safe to redirect to (no `//host`, no scheme). */
export function isSafeReturnTo(value: string): boolean {
  return value.length <= 512 && RETURN_TO.test(value) && !/\/\.\.?(\/|$)/.test(value.split('?')[0]);
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** What a browser's completion marker says about the authorization it completed. */
export interface CompletedAuthorization {
  /** The account the authorization connected. */
  accountId: string;
  /** The `returnTo` path the flow was started with, if any. */
  returnTo?: string;
}

/**
 * Issues and checks OAuth `state`: `<nonce>.<expiry>[.<returnTo>].<hmac>` (256 random bits, an
 * expiry, the base64url `returnTo`, an HMAC over them with the state secret), bound to the browser
 * by a cookie holding the same value. Issuing stores nothing; a state that passes every check is
 * redeemed once through the {@link OAuthStateStore}, which keeps its nonce until it expires.
 */
@Injectable()
export class OAuthStateService {
  constructor(
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
    @Inject(OAuthStateStore) private readonly states: OAuthStateStore,
  ) {}

  /** Starts an authorization: returns the `state` to send and to put in the cookie. */
  issue(returnTo?: string): string {
    const nonce = randomBytes(32).toString('base64url');
    const expiresAt = this.options.clock.now() + this.options.state.ttlSeconds * 1000;
    const parts = [nonce, expiresAt.toString(36)];
    if (returnTo) parts.push(Buffer.from(returnTo, 'utf8').toString('base64url'));
    const payload = parts.join('.');
    return `${payload}.${this.mac(payload)}`;
  }

  /**
   * Checks a callback's `state` against the cookie, in order: present, ours, unexpired, equal to
   * the cookie's, unused. Redeems it on success (a store failure is thrown as it is).
   */
  async redeem(state: string | undefined, cookie: string | undefined): Promise<OAuthStateRecord> {
    if (!state)
      throw new OAuthStateError({
        reason: 'state_missing',
        message: 'the callback has no state parameter',
      });
    const record = this.verify(state);
    if (!record) {
      throw new OAuthStateError({
        reason: 'state_invalid',
        message: 'the state was not issued by this app',
      });
    }
    const left = record.expiresAt - this.options.clock.now();
    if (left <= 0) {
      throw new OAuthStateError({
        reason: 'state_expired',
        message: 'the authorization took too long and its state expired; start again',
      });
    }
    if (!cookie) {
      throw new OAuthStateError({
        reason: 'cookie_missing',
        message:
          'no state cookie: the authorization was started in another browser, or cookies are blocked',
      });
    }
    if (!timingSafeEqual(digest(cookie), digest(state))) {
      throw new OAuthStateError({
        reason: 'cookie_mismatch',
        message: "the state does not belong to this browser's authorization",
      });
    }
    if (!(await this.states.redeem(state.split('.')[0], left)))
      throw new OAuthStateError({
        reason: 'state_replayed',
        message: 'this authorization was already completed (state used twice)',
      });
    return record;
  }

  /**
   * The completion marker of a redeemed `state`, which replaces its cookie in the browser that
   * completed it: `<nonce>.<expiry>.<accountId>.<hmac>` (the account id base64url, the HMAC
   * domain-separated from the state's, so neither passes for the other). It lives as long as a
   * state, so a reload of the callback page in that browser reads as "already connected".
   */
  completion(state: string, accountId: string): string {
    const expiresAt = this.options.clock.now() + this.options.state.ttlSeconds * 1000;
    const payload = [
      state.split('.')[0],
      expiresAt.toString(36),
      Buffer.from(accountId, 'utf8').toString('base64url'),
    ].join('.');
    return `${payload}.${this.mac(`completed.${payload}`)}`;
  }

  /**
   * The authorization `state` completed in this browser, when `cookie` is its unexpired
   * {@link completion} marker; undefined otherwise (the callback is then checked as usual).
   */
  completed(
    state: string | undefined,
    cookie: string | undefined,
  ): CompletedAuthorization | undefined {
    if (!state || !cookie) return undefined;
    const parts = cookie.split('.');
    if (parts.length !== 4) return undefined;
    const [nonce, expiry, account, mac] = parts;
    const expected = this.mac(`completed.${parts.slice(0, 3).join('.')}`);
    if (!timingSafeEqual(digest(mac), digest(expected))) return undefined;
    if (nonce !== state.split('.')[0]) return undefined;
    if (!(parseInt(expiry, 36) > this.options.clock.now())) return undefined;
    const record = this.verify(state);
    if (!record) return undefined;
    return {
      accountId: Buffer.from(account, 'base64url').toString('utf8'),
      returnTo: record.returnTo,
    };
  }

  /** What a state says, when its HMAC is ours; undefined for anything else. */
  private verify(state: string): OAuthStateRecord | undefined {
    const parts = state.split('.');
    if (parts.length !== 3 && parts.length !== 4) return undefined;
    const mac = parts.pop() as string;
    const [nonce, expiry, returnTo] = parts;
    const expected = nonce && expiry ? this.mac(parts.join('.')) : '';
    if (!mac || !timingSafeEqual(digest(mac), digest(expected))) return undefined;
    const expiresAt = parseInt(expiry, 36);
    if (!Number.isSafeInteger(expiresAt)) return undefined;
    if (returnTo === undefined) return { expiresAt };
    const path = Buffer.from(returnTo, 'base64url').toString('utf8');
    // signed by us, so safe when issued; checked again in case the state secret is shared
    return isSafeReturnTo(path) ? { expiresAt, returnTo: path } : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.options.state.secret)
      .update(payload, 'utf8')
      .digest('base64url');
  }
}
