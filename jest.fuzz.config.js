// `npm run test:fuzz`: the fuzz suites (`*.fuzz.test.ts`), which `npm test` leaves out. SAKSFLYT_FUZZ_RUNS sets how
// many inputs each fast-check property tries (200 by default).
const os = require('node:os');
const path = require('node:path');
const { jestProject } = require('./jest.preset.js');

// The suites add their summary lines here (the workers inherit it); the fuzz reporter prints them at the end.
process.env.SAKSFLYT_FUZZ_FIGURES ??= path.join(os.tmpdir(), `saksflyt-fuzz-figures-${process.pid}.txt`);

const fuzzProject = (dir) =>
  jestProject(path.join(__dirname, dir), {
    testMatch: ['<rootDir>/src/**/*.fuzz.test.ts'],
    testPathIgnorePatterns: ['/node_modules/'],
    setupFiles: [path.join(__dirname, 'tools/fuzz-seed.js')],
  });

/** @type {import('jest').Config} */
module.exports = {
  projects: [fuzzProject('apps/api'), fuzzProject('workflows')],
  maxWorkers: 2,
  // A property tries hundreds of inputs against real servers (a project's own testTimeout is not read).
  testTimeout: 900_000,
  reporters: ['default', '<rootDir>/tools/jest-fuzz-reporter.js', '<rootDir>/tools/jest-summary-reporter.js'],
};
