// Shared jest settings: every project transpiles TypeScript with swc (types are checked by `npm run typecheck`).
const path = require('node:path');

/** @param {string} projectDir @param {import('jest').Config} [overrides] */
function jestProject(projectDir, overrides = {}) {
  return {
    displayName: path.relative(__dirname, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    // Integration suites start real servers; their steps take seconds, not milliseconds.
    testTimeout: 60_000,
    testMatch: ['<rootDir>/src/**/*.test.ts'],
    // `*.fuzz.test.ts` run with `npm run test:fuzz` (jest.fuzz.config.js), after `npm test` in CI.
    testPathIgnorePatterns: ['/node_modules/', '\\.fuzz\\.test\\.ts$'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          swcrc: false,
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    ...overrides,
  };
}

module.exports = { jestProject };
