// `npm run build` of an app: one CommonJS file in the app's dist/, with our workspace libraries inside it and
// every npm dependency left to node_modules (native modules and Nest's optional imports cannot be bundled).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node tools/build-app.mjs <entry.ts>  (run in the app folder)');
  process.exit(2);
}

await build({
  // The SDK loads the failure converter by path (see libs/temporal/src/data-converter.ts): it ships beside main.js.
  entryPoints: {
    main: path.resolve(entry),
    'failure-converter': path.join(root, 'libs/temporal/src/failure-converter.ts'),
  },
  outdir: path.resolve('dist'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  tsconfig: path.join(root, 'tsconfig.json'),
  external: [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    // Loaded at run time from its package, so that it finds its static files beside itself.
    '@saksflyt/admin-ui',
  ],
  logLevel: 'warning',
});
console.log(`built ${path.relative(root, path.resolve('dist/main.js'))}`);
