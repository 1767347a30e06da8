import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { isolateProxyEnvironment } from '../../../../test/support/proxy-environment.js';
import { GatewayProxyAgents } from './gateway-proxy.agents.js';
import { GatewayTransportFailure } from './gateway.transport.js';

describe('GatewayProxyAgents', () => {
  isolateProxyEnvironment();
  let agents: GatewayProxyAgents;
  beforeEach(() => {
    agents = new GatewayProxyAgents();
  });
  afterEach(() => agents.destroy());

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
