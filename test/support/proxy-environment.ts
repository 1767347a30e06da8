/** The variables a proxy is configured by, in both cases (proxy-from-env reads either). */
export const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'all_proxy',
  'no_proxy',
];

/**
 * For the enclosing `describe`: every test starts with no proxy variable set (whatever the machine
 * running the tests has), and the process gets its own values back after all of them.
 */
export function isolateProxyEnvironment(): void {
  const saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
  beforeEach(() => {
    for (const name of PROXY_VARIABLES) delete process.env[name];
  });
  afterAll(() => {
    for (const name of PROXY_VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
}
