import { ConfigService } from '@nestjs/config';
import {
  DEFAULT_DEMO_LIFECYCLE_STEP_MS,
  demoWebhookUrl,
  readDemoLifecycleStepMs,
} from './demo-lifecycle.settings.js';

const read = (env: Record<string, string>) => readDemoLifecycleStepMs(new ConfigService(env));

describe('readDemoLifecycleStepMs', () => {
  it('defaults to 2000 ms', () => {
    expect(read({})).toBe(DEFAULT_DEMO_LIFECYCLE_STEP_MS);
    expect(read({ DEMO_LIFECYCLE_STEP_MS: ' ' })).toBe(2000);
  });

  it.each(['100', '1500', '3000', '600000'])('accepts %s', (value) => {
    expect(read({ DEMO_LIFECYCLE_STEP_MS: value })).toBe(Number(value));
  });

  it.each(['0', 'off', 'OFF'])('turns the timed lifecycle off with %s', (value) => {
    expect(read({ DEMO_LIFECYCLE_STEP_MS: value })).toBeUndefined();
  });

  it.each(['99', '600001', 'abc', '1e3', '-5', '2.5', '2000ms'])('rejects %p', (value) => {
    expect(() => read({ DEMO_LIFECYCLE_STEP_MS: value })).toThrow(
      `DEMO_LIFECYCLE_STEP_MS must be a number of milliseconds (100-600000), or 0/off, got "${value}"`,
    );
  });
});

describe('demoWebhookUrl', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:3000/aliexpress/webhook'],
    ['localhost', 'http://localhost:3000/aliexpress/webhook'],
    ['0.0.0.0', 'http://127.0.0.1:3000/aliexpress/webhook'],
    ['::', 'http://[::1]:3000/aliexpress/webhook'],
    ['[::1]', 'http://[::1]:3000/aliexpress/webhook'],
    ['192.168.1.10', 'http://192.168.1.10:3000/aliexpress/webhook'],
  ])('HOST=%s pushes to %s', (host, url) => {
    expect(demoWebhookUrl(host, 3000)).toBe(url);
  });
});
