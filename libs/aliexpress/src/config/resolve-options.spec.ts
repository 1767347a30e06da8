import { AliexpressConfigurationError } from '../errors/aliexpress.errors';
import { resolveOptions } from './resolve-options';

const valid = { appKey: '500102', appSecret: 's3cr3t-value' };

function configError(options: unknown): AliexpressConfigurationError {
  try {
    resolveOptions(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(AliexpressConfigurationError);
    return error as AliexpressConfigurationError;
  }
  throw new Error('expected a configuration error');
}

describe('resolveOptions', () => {
  it('applies defaults', () => {
    const resolved = resolveOptions(valid);
    expect(resolved).toMatchObject({
      ...valid,
      baseUrl: 'https://api-sg.aliexpress.com',
      timeoutMs: 15_000,
    });
    expect(Math.abs(resolved.clock.now() - Date.now())).toBeLessThan(1_000);
  });

  it.each([
    ['missing', { appKey: '500102' }, 'appSecret', /is missing/],
    ['empty', { ...valid, appKey: '' }, 'appKey', /is empty/],
    ['not a string', { ...valid, appKey: 500102 }, 'appKey', /must be a string/],
    [
      'trailing newline',
      { ...valid, appSecret: 's3cr3t-value\n' },
      'appSecret',
      /ends with a newline/,
    ],
    [
      'leading space',
      { ...valid, appSecret: ' s3cr3t-value' },
      'appSecret',
      /starts with whitespace/,
    ],
    ['inner tab', { ...valid, appSecret: 's3cr3t\tvalue' }, 'appSecret', /a tab/],
    [
      'zero-width space',
      { ...valid, appSecret: 's3cr3t\u200bvalue' },
      'appSecret',
      /invisible Unicode/,
    ],
    ['BOM', { ...valid, appKey: '\ufeff500102' }, 'appKey', /starts with an invisible Unicode/],
    [
      'trailing space',
      { ...valid, appSecret: 's3cr3t-value ' },
      'appSecret',
      /ends with whitespace/,
    ],
    [
      'non-breaking space',
      { ...valid, appSecret: 's3cr3t\u00a0value' },
      'appSecret',
      /non-breaking/,
    ],
    [
      'control character',
      { ...valid, appSecret: 's3cr3t\u0007value' },
      'appSecret',
      /control character/,
    ],
  ])(
    'refuses a credential that is %s, naming the option but never the value',
    (_case, options, option, problem) => {
      const error = configError(options);
      expect(error.option).toBe(option);
      expect(error.message).toMatch(problem);
      expect(error.message).not.toContain('s3cr3t');
    },
  );

  it.each([
    [{ baseUrl: 'api-sg.aliexpress.com' }, 'baseUrl'],
    [{ baseUrl: 'ftp://example.com' }, 'baseUrl'],
    [{ baseUrl: 'https://example.com/?x=1' }, 'baseUrl'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ clock: {} }, 'clock'],
  ])('refuses %j', (extra, option) => {
    expect(configError({ ...valid, ...extra }).option).toBe(option);
  });

  it('strips a trailing slash from baseUrl', () => {
    expect(resolveOptions({ ...valid, baseUrl: 'http://127.0.0.1:8765/' }).baseUrl).toBe(
      'http://127.0.0.1:8765',
    );
  });

  it('refuses no options at all', () => {
    expect(configError(undefined).option).toBe('options');
  });
});
