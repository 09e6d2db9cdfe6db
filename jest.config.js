// `npm test`: one jest run across every project of the workspace.
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/temporal',
    '<rootDir>/libs/testing',
    '<rootDir>/libs/accounts',
    '<rootDir>/libs/audit',
    '<rootDir>/workflows',
    '<rootDir>/activities',
    '<rootDir>/apps/api',
    '<rootDir>/apps/worker',
    '<rootDir>/apps/cli',
    '<rootDir>/apps/admin-ui',
    '<rootDir>/tools',
    '<rootDir>/bench',
  ],
  // Integration suites start servers; two cores do not gain from more workers.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
  // Integration suites start real servers; their steps take seconds, not milliseconds.
  testTimeout: 60_000,
};
