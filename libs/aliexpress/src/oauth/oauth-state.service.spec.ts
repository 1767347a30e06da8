import { resolveOptions } from '../config/resolve-options.js';
import { OAuthStateError } from '../errors/aliexpress.errors.js';
import { MemoryOAuthStateStore } from './memory-oauth-state.store.js';
import { OAuthStateService, isSafeReturnTo } from './oauth-state.service.js';

describe('isSafeReturnTo', () => {
  it.each(['/', '/dashboard', '/a/b?x=1&y=%20', '/orders/123#'.slice(0, -1)])(
    'accepts %s',
    (path) => {
      expect(isSafeReturnTo(path)).toBe(true);
    },
  );
  it.each([
    '',
    'dashboard',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    '/a/../b',
    '/a\nb',
    `/${'x'.repeat(600)}`,
  ])('refuses %j', (path) => {
    expect(isSafeReturnTo(path)).toBe(false);
  });
});

describe('OAuthStateService', () => {
  let now = 1_000_000;
  const options = resolveOptions({ appKey: '1', appSecret: 's', clock: { now: () => now } });
  const store = new MemoryOAuthStateStore(() => now);
  const service = new OAuthStateService(options, store);

  const reason = async (state: string | undefined, cookie: string | undefined) => {
    try {
      await service.redeem(state, cookie);
    } catch (error) {
      return (error as OAuthStateError).reason;
    }
    return 'accepted';
  };

  it('a completion marker names the account for its own state only, until it expires; it is no state', async () => {
    const state = service.issue('/back');
    const marker = service.completion(state, '2208051234567');
    expect(service.completed(state, marker)).toEqual({
      accountId: '2208051234567',
      returnTo: '/back',
    });
    expect(service.completed(service.issue(), marker)).toBeUndefined();
    const [nonce, expiry, , mac] = marker.split('.');
    const forged = [nonce, expiry, Buffer.from('other').toString('base64url'), mac].join('.');
    expect(service.completed(state, forged)).toBeUndefined();
    expect(service.completed(state, state)).toBeUndefined();
    expect(await reason(marker, marker)).toBe('state_invalid');
    now += options.state.ttlSeconds * 1000;
    expect(service.completed(state, marker)).toBeUndefined();
  });

  it('issues 256-bit, signed, expiring states that redeem once', async () => {
    const state = service.issue('/back');
    expect(Buffer.from(state.split('.')[0], 'base64url')).toHaveLength(32);
    await expect(service.redeem(state, state)).resolves.toEqual({
      expiresAt: now + 600_000,
      returnTo: '/back',
    });
    expect(await reason(state, state)).toBe('state_replayed');
  });

  it('issuing stores nothing: the state carries its nonce, expiry and returnTo', async () => {
    const counting = new MemoryOAuthStateStore(() => now);
    const redeem = vi.spyOn(counting, 'redeem');
    const issuer = new OAuthStateService(options, counting);
    const states = Array.from({ length: 1_000 }, (_, i) =>
      issuer.issue(i % 2 ? `/p${i}` : undefined),
    );
    expect(new Set(states).size).toBe(1_000);
    expect(redeem).not.toHaveBeenCalled();
    expect(counting.size).toBe(0);
    // another instance, sharing only the secret, finishes the authorization with its returnTo
    const other = new OAuthStateService(options, new MemoryOAuthStateStore(() => now));
    await expect(other.redeem(states[7], states[7])).resolves.toEqual({
      expiresAt: now + 600_000,
      returnTo: '/p7',
    });
    await expect(other.redeem(states[8], states[8])).resolves.toEqual({
      expiresAt: now + 600_000,
    });
  });

  it('keeps a redeemed nonce only for what is left of its state lifetime', async () => {
    const redeem = vi.spyOn(store, 'redeem');
    const state = service.issue();
    now += 200_000;
    await service.redeem(state, state);
    expect(redeem).toHaveBeenCalledWith(state.split('.')[0], 400_000);
    redeem.mockRestore();
  });

  it('a changed returnTo is not ours', async () => {
    const state = service.issue('/safe');
    const parts = state.split('.');
    parts[2] = Buffer.from('/evil', 'utf8').toString('base64url');
    const forged = parts.join('.');
    expect(await reason(forged, forged)).toBe('state_invalid');
    const dropped = [parts[0], parts[1], parts[3]].join('.');
    expect(await reason(dropped, dropped)).toBe('state_invalid');
  });

  it('checks in order: present, signed, unexpired, cookie present and equal', async () => {
    const state = service.issue();
    expect(await reason(undefined, state)).toBe('state_missing');
    expect(await reason(`${state}x`, `${state}x`)).toBe('state_invalid');
    expect(await reason('a.b', 'a.b')).toBe('state_invalid');
    expect(await reason(`${state}.extra`, state)).toBe('state_invalid');
    expect(await reason(state, undefined)).toBe('cookie_missing');
    expect(await reason(state, service.issue())).toBe('cookie_mismatch');
    now += 600_001;
    expect(await reason(state, state)).toBe('state_expired');
  });

  it('a store failing at redemption is thrown as it is, after every check', async () => {
    const failing = new MemoryOAuthStateStore(() => now);
    vi.spyOn(failing, 'redeem').mockRejectedValue(new Error('store down'));
    const guarded = new OAuthStateService(options, failing);
    const state = guarded.issue();
    await expect(guarded.redeem(state, state)).rejects.toThrow('store down');
    await expect(guarded.redeem(state, undefined)).rejects.toMatchObject({
      reason: 'cookie_missing',
    });
  });

  it('a state signed with another key is not ours', async () => {
    const other = new OAuthStateService(
      resolveOptions({ appKey: '1', appSecret: 'other', clock: { now: () => now } }),
      new MemoryOAuthStateStore(),
    );
    const foreign = other.issue();
    expect(await reason(foreign, foreign)).toBe('state_invalid');
  });
});
