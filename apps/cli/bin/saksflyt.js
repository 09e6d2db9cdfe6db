#!/usr/bin/env node
// The `saksflyt` command runs from the TypeScript sources; tsx compiles them on load.
require('tsx/cjs/api').register();
require('../src/main.ts').run();
