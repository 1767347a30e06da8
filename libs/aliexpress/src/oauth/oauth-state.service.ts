import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface';
import { OAuthStateError } from '../errors/aliexpress.errors';
import { OAuthStateStore, type OAuthStateRecord } from './oauth-state.store';

const RETURN_TO = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/** True for a same-origin relative path that is safe to redirect to (no `//host`, no scheme). */
export function isSafeReturnTo(value: string): boolean {
  return value.length <= 512 && RETURN_TO.test(value) && !/\/\.\.?(\/|$)/.test(value.split('?')[0]);
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Issues and checks OAuth `state`: 256 random bits, an expiry and an HMAC, bound to the browser by
 * a cookie holding the same value, and single use through the {@link OAuthStateStore}.
 */
@Injectable()
export class OAuthStateService {
  constructor(
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
    @Inject(OAuthStateStore) private readonly states: OAuthStateStore,
  ) {}

  /** Starts an authorization: returns the `state` to send and to put in the cookie. */
  async issue(returnTo?: string): Promise<string> {
    const nonce = randomBytes(32).toString('base64url');
    const ttlMs = this.options.state.ttlSeconds * 1000;
    const expiresAt = this.options.clock.now() + ttlMs;
    const payload = `${nonce}.${expiresAt.toString(36)}`;
    const record: OAuthStateRecord = { expiresAt, ...(returnTo ? { returnTo } : {}) };
    await this.states.save(nonce, record, ttlMs);
    return `${payload}.${this.mac(payload)}`;
  }

  /**
   * Checks a callback's `state` against the cookie, in order: present, ours, unexpired, equal to
   * the cookie's, unused. Consumes it on success.
   */
  async redeem(state: string | undefined, cookie: string | undefined): Promise<OAuthStateRecord> {
    if (!state)
      throw new OAuthStateError({
        reason: 'state_missing',
        message: 'the callback has no state parameter',
      });
    const [nonce, expiry, mac, extra] = state.split('.');
    const expected = nonce && expiry ? this.mac(`${nonce}.${expiry}`) : '';
    if (extra !== undefined || !mac || !timingSafeEqual(digest(mac), digest(expected))) {
      throw new OAuthStateError({
        reason: 'state_invalid',
        message: 'the state was not issued by this app',
      });
    }
    if (parseInt(expiry, 36) <= this.options.clock.now()) {
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
    const record = await this.states.take(nonce);
    if (!record)
      throw new OAuthStateError({
        reason: 'state_replayed',
        message: 'this authorization was already completed (state used twice)',
      });
    return record;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.options.state.secret)
      .update(payload, 'utf8')
      .digest('base64url');
  }
}
