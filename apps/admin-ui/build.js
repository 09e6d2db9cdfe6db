// Bundles the admin UI (src/main.tsx: Preact, Chart.js and the domain's zod schemas) for the browser into
// public/build/app.js with a source map. `node build.js` builds minified; `node build.js --no-minify` does not.
// esbuild is required inside the function: index.js re-exports this file and is loaded by the API at run time,
// where dev dependencies may be absent.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;
/** The zod locales the UI switches between (Norwegian, English); the other ~45 would double the bundle. */
const ZOD_LOCALES = ['en', 'no'];
const OUTFILE = path.join(ROOT, 'public', 'build', 'app.js');

/** @param {{ minify?: boolean }} [options] @returns {Promise<{ outfile: string, bytes: number }>} */
async function buildAdminUi({ minify } = {}) {
  const { build } = require('esbuild');
  await build({
    entryPoints: [path.join(ROOT, 'src', 'main.tsx')],
    outfile: OUTFILE,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: minify !== false,
    sourcemap: 'linked',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': JSON.stringify(minify === false ? 'development' : 'production') },
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [onlyZodLocales(ZOD_LOCALES)],
  });
  return { outfile: OUTFILE, bytes: fs.statSync(OUTFILE).size };
}

/**
 * zod re-exports every locale as the namespace `z.locales`, which esbuild cannot tree-shake. The UI needs two, so
 * the index of locales is replaced by one that exports only those (nothing else reads `z.locales`).
 * @param {string[]} locales
 */
function onlyZodLocales(locales) {
  return {
    name: 'only-zod-locales',
    /** @param {import('esbuild').PluginBuild} plugin */
    setup(plugin) {
      plugin.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
        contents: locales
          .map((locale) => `export { default as ${locale} } from './${locale}.js';`)
          .join('\n'),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }));
    },
  };
}

module.exports = { buildAdminUi };

if (require.main === module) {
  buildAdminUi({ minify: !process.argv.includes('--no-minify') }).then(
    ({ outfile, bytes }) => {
      console.log(`built ${path.relative(process.cwd(), outfile)} (${(bytes / 1024).toFixed(1)} kB)`);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
