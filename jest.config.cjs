// Tests are TypeScript compiled by swc to CommonJS. A few runtime dependencies ship only
// ES modules, so they are transformed too instead of being left to jest's experimental ESM mode.
const esmOnly = ['jose', 'open', 'p-limit', 'yocto-queue', 'yargs', 'yargs-parser', 'cliui', 'y18n', 'escalade',
  'get-caller-file', 'string-width', 'strip-ansi', 'ansi-regex', 'wrap-ansi', 'ansi-styles', 'emoji-regex',
  'get-east-asian-width', 'is-docker', 'is-inside-container', 'is-wsl', 'default-browser', 'default-browser-id',
  'bundle-name', 'run-applescript', 'define-lazy-prop', 'powershell-utils', 'wsl-utils', '@azure/msal-node',
  'p-retry', 'is-network-error'];
const { notHere } = require('./test/helpers/platform.cjs');

// Suites that cannot apply on this platform, by name (test/helpers/platform.cjs says why).
for (const [suite, why] of Object.entries(notHere)) console.warn(`jest: leaving out ${suite} on ${process.platform}: it ${why}.`);

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...Object.keys(notHere).map((suite) => `<rootDir>/${suite}`)],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.map((m) => m.replace('/', '\\/')).join('|')})/)`],
  // Sources import siblings as './x.js' (NodeNext style); map those to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/helpers/scan-setup.cjs',
  globalTeardown: '<rootDir>/test/helpers/scan-teardown.cjs',
};
