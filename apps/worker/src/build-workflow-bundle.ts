import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from '@saksflyt/temporal';

/** `npm run build`: the workflow bundle the production worker loads instead of bundling at start. */
async function build(): Promise<void> {
  const { code } = await bundleWorkflows(require.resolve('@saksflyt/workflows'));
  const target = path.join(__dirname, '..', 'dist', 'workflow-bundle.js');
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, code);
  console.log(`workflow bundle: ${target} (${(code.length / 1024).toFixed(0)} KiB)`);
}

void build();
