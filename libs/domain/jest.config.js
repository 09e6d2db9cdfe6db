module.exports = require('../../tools/jest.preset.js').jestProject(__dirname);
