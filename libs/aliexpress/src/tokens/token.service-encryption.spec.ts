import { resolveOptions } from '../config/resolve-options.js';
import { TokenEncryptionError } from '../errors/aliexpress.errors.js';
import type { GatewayClient } from '../gateway/gateway.client.js';
import type { GatewayObject } from '../gateway/gateway-json.parser.js';
import type { StoredToken } from './aliexpress-token.interface.js';
import { EncryptedTokenStore } from './encrypted-token.store.js';
import { MemoryRefreshLock } from './memory-refresh.lock.js';
import { MemoryTokenStore } from './memory-token.store.js';
import type { AliexpressTokenEvent } from './token-events.js';
import { tokenKeyId } from './token-key.ring.js';
import { TokenService } from './token.service.js';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);
const OLD_KEY = Buffer.alloc(32, 1);
const KEY = Buffer.alloc(32, 2);

const token = (accountId: string): StoredToken => ({
  accountId,
  userNick: `nick-${accountId}`,
  accessToken: `access-of-${accountId}`,
  refreshToken: `refresh-of-${accountId}`,
  accessExpiresAt: NOW + DAY_MS,
  refreshExpiresAt: NOW + 30 * DAY_MS,
  issuedAt: NOW,
  version: 3,
  reauthorizationRequired: false,
});

/** The code exchange as the platform answers it, counting the codes spent. */
class FakeCodeGateway {
  spent = 0;

  callSystem(_path: string, params: Record<string, string>): Promise<GatewayObject> {
    this.spent++;
    return Promise.resolve({
      user_id: params.code.replace('code-of-', ''),
      access_token: `fresh-access-${this.spent}`,
      refresh_token: `fresh-refresh-${this.spent}`,
      expire_time: NOW + DAY_MS,
      refresh_token_valid_time: NOW + 30 * DAY_MS,
    });
  }
}

/**
 * A TokenService over an encrypted memory store holding `good` (under the current key) and `lost`
 * (under a key no longer configured).
 */
async function setup() {
  const inner = new MemoryTokenStore();
  await new EncryptedTokenStore(inner, OLD_KEY, '500102').set(token('lost'));
  const events: AliexpressTokenEvent[] = [];
  const options = resolveOptions({
    appKey: '500102',
    appSecret: 'unit-secret',
    tokenEncryptionKey: KEY.toString('hex'),
    clock: { now: () => NOW },
    onTokenEvent: (event) => events.push(event),
  });
  const store = new EncryptedTokenStore(inner, KEY, '500102');
  await store.set(token('good'));
  const gateway = new FakeCodeGateway();
  const tokens = new TokenService(
    gateway as unknown as GatewayClient,
    store,
    new MemoryRefreshLock(),
    options,
  );
  return { tokens, inner, gateway, events };
}

describe('TokenService with records no configured key can read', () => {
  it('listAccounts() flags the unreadable account instead of throwing, and lists the others', async () => {
    const { tokens } = await setup();
    expect(await tokens.listAccounts()).toEqual([
      expect.objectContaining({ accountId: 'good', reauthorizationRequired: false }),
      expect.objectContaining({
        accountId: 'lost',
        userNick: 'nick-lost',
        reauthorizationRequired: true,
        unreadable: { reason: 'unknown-key', keyId: tokenKeyId(OLD_KEY) },
      }),
    ]);
    expect((await tokens.listAccounts())[0]).not.toHaveProperty('unreadable');
    await expect(tokens.getAccessToken('lost')).rejects.toBeInstanceOf(TokenEncryptionError);
  });

  it('disconnect() deletes an unreadable record without decrypting it', async () => {
    const { tokens, inner, events } = await setup();
    expect(await tokens.disconnect('lost')).toBe(true);
    expect(await inner.get('lost')).toBeUndefined();
    expect(events).toEqual([
      {
        type: 'disconnected',
        accountId: 'lost',
        account: expect.objectContaining({ unreadable: expect.anything() }),
      },
    ]);
    expect((await tokens.listAccounts()).map((a) => a.accountId)).toEqual(['good']);
    expect(await tokens.disconnect('lost')).toBe(false);
  });

  it('authorizing again replaces an unreadable record: one code spent, the new pair used', async () => {
    const { tokens, gateway } = await setup();
    const issued = await tokens.exchangeCode('code-of-lost');
    expect(issued.accountId).toBe('lost');
    expect(gateway.spent).toBe(1);
    expect(await tokens.getAccessToken('lost')).toBe('fresh-access-1');
    expect(await tokens.listAccounts()).toEqual([
      expect.objectContaining({ accountId: 'good' }),
      expect.not.objectContaining({ unreadable: expect.anything() }),
    ]);
  });
});
