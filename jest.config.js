/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '\\.ts$': '<rootDir>/test/support/esbuild-transform.js',
    '\\.sql$': '<rootDir>/test/support/text-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'sql', 'cjs'],
  setupFiles: ['<rootDir>/test/support/setup-env.js'],
  testTimeout: 60000,
  // PGlite and the local servers are heavy; two cores on CI.
  maxWorkers: 2,
};
