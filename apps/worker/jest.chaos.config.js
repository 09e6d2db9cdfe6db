// `npm run test:chaos`: only the crash-safety test, which `npm test` leaves out.
module.exports = require('../../jest.preset.js').jestProject(__dirname, {
  displayName: 'apps/worker (chaos)',
  testMatch: ['<rootDir>/src/**/*.chaos.test.ts'],
});
