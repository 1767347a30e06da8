import { ConfigService } from '@nestjs/config';
import { isLoopbackHost, readDemoListenSettings } from './demo-listen.settings.js';

const read = (env: Record<string, string>) => readDemoListenSettings(new ConfigService(env));
const TOKEN = 'a-long-enough-token-123';

describe('readDemoListenSettings', () => {
  it('defaults to 127.0.0.1:3000 without a token', () => {
    expect(read({})).toEqual({ host: '127.0.0.1', port: 3000, token: undefined });
  });

  it.each(['abc', '0', '65536', '3000abc', '-1', '1e3', ''])('rejects PORT=%p', (port) => {
    expect(() => read({ PORT: port })).toThrow(
      `PORT must be a port number (1-65535), got "${port}"`,
    );
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])(
    'accepts loopback HOST=%s without a token',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
      expect(read({ HOST: host }).host).toBe(host);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.10', 'demo.example', '127.0.0.1.evil'])(
    'requires DEMO_TOKEN for HOST=%s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
      expect(() => read({ HOST: host })).toThrow(/set DEMO_TOKEN/);
      expect(read({ HOST: host, DEMO_TOKEN: TOKEN })).toEqual({ host, port: 3000, token: TOKEN });
    },
  );

  it('rejects a short DEMO_TOKEN without echoing it', () => {
    expect(() => read({ DEMO_TOKEN: 'short-secret' })).toThrow(/at least 16 characters/);
    expect(() => read({ DEMO_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
