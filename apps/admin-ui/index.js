// Plain JavaScript, so that the bundled API loads this file from the package at run time and finds the
// static files beside it (a bundler would move __dirname).
const path = require('node:path');
const { buildAdminUi } = require('./build.js');

/** The folder of static files the API serves at `/`. */
exports.ADMIN_UI_DIR = path.join(__dirname, 'public');
/** Bundles the single-page app (src/main.tsx) into public/build/app.js. */
exports.buildAdminUi = buildAdminUi;
