// A CommonJS app on NestJS 10 or 11 with Jest as it has always been set up: specs compiled to
// CommonJS by ts-jest, the library loaded through require().
module.exports = {
  testEnvironment: 'node',
  testRegex: '\\.consumer-spec\\.ts$',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
};
