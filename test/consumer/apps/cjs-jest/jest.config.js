// NestJS 12 is ES modules only, and Jest on Node 20 cannot require() one: specs run as ES modules
// (node --experimental-vm-modules, ts-jest with useESM), the app itself stays CommonJS.
module.exports = {
  testEnvironment: 'node',
  testRegex: '\\.consumer-spec\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.spec.json' }] },
};
