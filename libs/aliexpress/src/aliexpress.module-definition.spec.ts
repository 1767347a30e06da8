import { Test } from '@nestjs/testing';
import { AliexpressModule } from './aliexpress.module.js';
import { AliexpressConfigurationError } from './errors/aliexpress.errors.js';

const SECRET = 'zz-very-secret-value';

async function bootError(module: ReturnType<typeof AliexpressModule.forRoot>) {
  const error = await Test.createTestingModule({ imports: [module] })
    .compile()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(AliexpressConfigurationError);
  return error as AliexpressConfigurationError;
}

describe('AliexpressModule registration', () => {
  const bad = { appKey: '500102', appSecret: `${SECRET} `, timeoutMs: 0 };

  it.each([
    ['forRoot', () => AliexpressModule.forRoot(bad)],
    ['forRootAsync', () => AliexpressModule.forRootAsync({ useFactory: () => bad })],
  ])(
    '%s: every bad option in one error, redirectUri required by the controller',
    async (_style, register) => {
      const error = await bootError(register());
      expect(error.problems.map((p) => p.option)).toEqual([
        'appSecret',
        'redirectUri',
        'timeoutMs',
      ]);
      expect(error.message).not.toContain(SECRET);
    },
  );

  it('without the controller, redirectUri is not required', async () => {
    const error = await bootError(AliexpressModule.forRoot({ ...bad, controller: false }));
    expect(error.problems.map((p) => p.option)).toEqual(['appSecret', 'timeoutMs']);
  });

  it('bad registration extras are refused at once when registering', () => {
    expect(() =>
      AliexpressModule.forRoot({
        appKey: '500102',
        appSecret: SECRET,
        controller: 'no' as never,
        controllerDecorators: ['guard' as never],
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          { option: 'controller', problem: 'must be true or false' },
          { option: 'controllerDecorators', problem: 'must be class decorators' },
        ],
      }),
    );
  });
});
