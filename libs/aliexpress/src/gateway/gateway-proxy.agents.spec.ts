import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { GatewayProxyAgents } from './gateway-proxy.agents';
import { GatewayTransportFailure } from './gateway.transport';

const VARIABLES = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'all_proxy',
  'no_proxy',
];

describe('GatewayProxyAgents', () => {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  let agents: GatewayProxyAgents;
  beforeEach(() => {
    for (const name of VARIABLES) delete process.env[name];
    agents = new GatewayProxyAgents();
  });
  afterEach(() => agents.destroy());
  afterAll(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('without proxy variables: direct keep-alive agents, one per scheme', () => {
    const https = agents.agentFor('https://api-sg.aliexpress.com/sync');
    const http = agents.agentFor('http://127.0.0.1:8080/sync');
    expect(https).not.toBeInstanceOf(HttpsProxyAgent);
    expect(http).not.toBeInstanceOf(HttpProxyAgent);
    expect(https).not.toBe(http);
    expect((https as unknown as { keepAlive: boolean }).keepAlive).toBe(true);
  });

  it('HTTPS_PROXY (or https_proxy) tunnels https targets; HTTP_PROXY http ones', () => {
    process.env.https_proxy = 'http://proxy.internal:3128';
    process.env.HTTP_PROXY = 'http://other-proxy.internal:8080';
    const https = agents.agentFor('https://api-sg.aliexpress.com/sync');
    expect(https).toBeInstanceOf(HttpsProxyAgent);
    expect((https as unknown as { proxy: URL }).proxy.host).toBe('proxy.internal:3128');
    const http = agents.agentFor('http://gateway.internal/sync');
    expect(http).toBeInstanceOf(HttpProxyAgent);
    expect((http as unknown as { proxy: URL }).proxy.host).toBe('other-proxy.internal:8080');
  });

  it('NO_PROXY bypasses the proxy for matching hosts only', () => {
    process.env.HTTPS_PROXY = 'http://proxy.internal:3128';
    process.env.NO_PROXY = '.aliexpress.com,localhost';
    expect(agents.agentFor('https://api-sg.aliexpress.com/sync')).not.toBeInstanceOf(
      HttpsProxyAgent,
    );
    expect(agents.agentFor('https://gateway.example/sync')).toBeInstanceOf(HttpsProxyAgent);
  });

  it('a proxy variable that is not a URL fails the call with a typed failure', () => {
    process.env.HTTPS_PROXY = 'http://bad host:3128';
    expect(() => agents.agentFor('https://api-sg.aliexpress.com/sync')).toThrow(
      GatewayTransportFailure,
    );
  });
});
