import { MOCK_GATEWAY_USAGE, runMockGatewayCommand } from './mock-gateway.command.js';
import { MOCK_GATEWAY_SETTINGS, MOCK_DEMO_APP_SECRET } from './mock-gateway.settings.js';

function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      env,
      stdout: (text: string) => void out.push(text),
      stderr: (text: string) => void err.push(text),
      version: '9.9.9',
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('runMockGatewayCommand', () => {
  it('--help lists every flag with the variable it overrides, exit 0', async () => {
    const { io, out } = fakeIo();
    expect(await runMockGatewayCommand(['--help'], io)).toEqual({ exitCode: 0 });
    expect(out()).toBe(MOCK_GATEWAY_USAGE);
    for (const { flag, env } of Object.values(MOCK_GATEWAY_SETTINGS)) {
      expect(out()).toMatch(new RegExp(`${flag} .*${env}`));
    }
  });

  it('--version prints the version, exit 0', async () => {
    const { io, out } = fakeIo();
    expect(await runMockGatewayCommand(['--version'], io)).toEqual({ exitCode: 0 });
    expect(out()).toBe('9.9.9\n');
  });

  it('a bad flag: one line on stderr, exit 2, nothing started', async () => {
    const { io, out, err } = fakeIo();
    expect(await runMockGatewayCommand(['--port', 'eighty'], io)).toEqual({ exitCode: 2 });
    expect(err()).toBe(
      'aliexpress-mock-gateway: --port must be a port number from 0 to 65535 (0 picks a free one), got "eighty" (see --help)\n',
    );
    expect(out()).toBe('');
  });

  it('starts on the port asked, prints base URL, app key and consent page, never the secret', async () => {
    const { io, out } = fakeIo({ ALIEXPRESS_APP_SECRET: 'env-secret-value' });
    const result = await runMockGatewayCommand(['--port', '0', '--app-key', '4242'], io);
    if (!('gateway' in result)) throw new Error(`did not start: ${JSON.stringify(result)}`);
    try {
      expect(out()).toContain(`listening on ${result.url}`);
      expect(out()).toContain('app key:        4242');
      expect(out()).toContain(
        `${result.url}/oauth/authorize?response_type=code&client_id=4242&redirect_uri=`,
      );
      expect(out()).toContain('from ALIEXPRESS_APP_SECRET (not printed)');
      expect(out()).not.toContain('env-secret-value');
    } finally {
      await result.gateway.stop();
    }
  });

  it('the demo secret is not printed either', async () => {
    const { io, out } = fakeIo();
    const result = await runMockGatewayCommand(['--port', '0'], io);
    if (!('gateway' in result)) throw new Error('did not start');
    await result.gateway.stop();
    expect(out()).not.toContain(MOCK_DEMO_APP_SECRET);
  });

  it('a port in use: one line, exit 1', async () => {
    const first = await runMockGatewayCommand(['--port', '0'], fakeIo().io);
    if (!('gateway' in first)) throw new Error('did not start');
    try {
      const port = new URL(first.url).port;
      const { io, err } = fakeIo();
      expect(await runMockGatewayCommand(['--port', port], io)).toEqual({ exitCode: 1 });
      expect(err()).toBe(
        `aliexpress-mock-gateway: could not start: port ${port} on 127.0.0.1 is in use (--port 0 picks a free one)\n`,
      );
    } finally {
      await first.gateway.stop();
    }
  });
});
