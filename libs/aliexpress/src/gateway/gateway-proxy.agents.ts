import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { getProxyForUrl } from 'proxy-from-env';
import { GatewayTransportFailure } from './gateway.transport.js';

/**
 * The keep-alive connection agents of the gateway transport, chosen per target from the proxy
 * environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, lower case too, read by
 * `proxy-from-env`): a direct agent, or an `hpagent` agent that tunnels through the proxy with
 * `CONNECT` (TLS stays end to end with the gateway). The environment is read once per origin, at
 * its first request; agents live until {@link destroy}. A proxy variable that is not a URL fails
 * the call with a {@link GatewayTransportFailure} coded `EPROXYURL`.
 */
export class GatewayProxyAgents {
  private readonly byOrigin = new Map<string, HttpAgent>();
  private readonly byProxy = new Map<string, HttpAgent>();
  private direct?: { http: HttpAgent; https: HttpsAgent };

  /** The agent for a request to `url` (an absolute http or https URL). */
  agentFor(url: string): HttpAgent {
    const target = new URL(url);
    let agent = this.byOrigin.get(target.origin);
    if (!agent) {
      agent = this.pick(target);
      this.byOrigin.set(target.origin, agent);
    }
    return agent;
  }

  /** Closes every pooled connection. */
  destroy(): void {
    this.direct?.http.destroy();
    this.direct?.https.destroy();
    for (const agent of this.byProxy.values()) agent.destroy();
    this.byOrigin.clear();
    this.byProxy.clear();
    this.direct = undefined;
  }

  private pick(target: URL): HttpAgent {
    const secure = target.protocol === 'https:';
    const proxy = getProxyForUrl(target);
    // a malformed proxy variable fails the call clearly rather than throwing from the agent
    if (proxy && !URL.canParse(proxy)) throw new GatewayTransportFailure('EPROXYURL');
    if (!proxy) {
      this.direct ??= {
        http: new HttpAgent({ keepAlive: true }),
        https: new HttpsAgent({ keepAlive: true }),
      };
      return secure ? this.direct.https : this.direct.http;
    }
    const key = `${secure ? 'https' : 'http'} ${proxy}`;
    let agent = this.byProxy.get(key);
    if (!agent) {
      agent = secure
        ? new HttpsProxyAgent({ keepAlive: true, proxy })
        : new HttpProxyAgent({ keepAlive: true, proxy });
      this.byProxy.set(key, agent);
    }
    return agent;
  }
}
