// The chaos test takes minutes and kills processes: `npm run test:chaos` runs it (jest.chaos.config.js), not `npm test`.
module.exports = require('../../jest.preset.js').jestProject(__dirname, {
  testPathIgnorePatterns: ['/node_modules/', '\\.chaos\\.test\\.ts$'],
});
