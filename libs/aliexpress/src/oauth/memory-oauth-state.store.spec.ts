import { MemoryOAuthStateStore } from './memory-oauth-state.store';

describe('MemoryOAuthStateStore', () => {
  it('is single use and expires on its clock', async () => {
    let now = 1_000;
    const store = new MemoryOAuthStateStore(() => now);
    await store.save('n1', { expiresAt: 2_000, returnTo: '/x' }, 1_000);
    await store.save('n2', { expiresAt: 2_000 }, 1_000);
    expect(await store.take('n1')).toEqual({ expiresAt: 2_000, returnTo: '/x' });
    expect(await store.take('n1')).toBeUndefined();
    now = 1_999;
    expect(await store.take('n2')).toEqual({ expiresAt: 2_000 });
    await store.save('n3', { expiresAt: 2_000 }, 1_000);
    now = 2_999;
    expect(await store.take('n3')).toBeUndefined();
    expect(await store.take('never-saved')).toBeUndefined();
  });

  it('keeps a copy: changing the saved record afterwards changes nothing', async () => {
    const store = new MemoryOAuthStateStore(() => 0);
    const record = { expiresAt: 10, returnTo: '/a' };
    await store.save('n', record, 100);
    record.returnTo = '/evil';
    expect(await store.take('n')).toEqual({ expiresAt: 10, returnTo: '/a' });
  });

  it('drops expired states when saving, so abandoned authorizations do not pile up', async () => {
    let now = 0;
    const store = new MemoryOAuthStateStore(() => now);
    for (let i = 0; i < 100; i++) await store.save(`old${i}`, { expiresAt: 10 }, 10);
    now = 20;
    await store.save('fresh', { expiresAt: 30 }, 10);
    const size = (store as unknown as { states: Map<string, unknown> }).states.size;
    expect(size).toBe(1);
  });
});
