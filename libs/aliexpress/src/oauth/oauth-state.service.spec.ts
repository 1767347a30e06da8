import { resolveOptions } from '../config/resolve-options';
import { OAuthStateError } from '../errors/aliexpress.errors';
import { MemoryOAuthStateStore } from './memory-oauth-state.store';
import { OAuthStateService, isSafeReturnTo } from './oauth-state.service';

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
  const service = new OAuthStateService(options, new MemoryOAuthStateStore(() => now));

  const reason = async (state: string | undefined, cookie: string | undefined) => {
    try {
      await service.redeem(state, cookie);
    } catch (error) {
      return (error as OAuthStateError).reason;
    }
    return 'accepted';
  };

  it('issues 256-bit, signed, expiring states that redeem once', async () => {
    const state = await service.issue('/back');
    expect(Buffer.from(state.split('.')[0], 'base64url')).toHaveLength(32);
    await expect(service.redeem(state, state)).resolves.toEqual({
      expiresAt: now + 600_000,
      returnTo: '/back',
    });
    expect(await reason(state, state)).toBe('state_replayed');
  });

  it('checks in order: present, signed, unexpired, cookie present and equal', async () => {
    const state = await service.issue();
    expect(await reason(undefined, state)).toBe('state_missing');
    expect(await reason(`${state}x`, `${state}x`)).toBe('state_invalid');
    expect(await reason('a.b', 'a.b')).toBe('state_invalid');
    expect(await reason(`${state}.extra`, state)).toBe('state_invalid');
    expect(await reason(state, undefined)).toBe('cookie_missing');
    expect(await reason(state, await service.issue())).toBe('cookie_mismatch');
    now += 600_001;
    expect(await reason(state, state)).toBe('state_expired');
  });

  it('a state signed with another key is not ours', async () => {
    const other = new OAuthStateService(
      resolveOptions({ appKey: '1', appSecret: 'other', clock: { now: () => now } }),
      new MemoryOAuthStateStore(),
    );
    const foreign = await other.issue();
    expect(await reason(foreign, foreign)).toBe('state_invalid');
  });
});
