import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows, repoRoot } from '@saksflyt/temporal';

/** Everything a workflow bundle of this repository can be built from: a change to any of it makes a new bundle. */
const BUNDLE_SOURCES = [
  'workflows/src',
  'activities/src',
  'libs/domain/src',
  'libs/temporal/src',
  'package-lock.json',
];

function sourceHash(root: string, workflowsPath: string): string {
  const hash = createHash('sha256').update(workflowsPath);
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    if (full.endsWith('.json')) {
      hash.update(entry).update(readFileSync(full));
      return;
    }
    for (const file of readdirSync(full, { recursive: true, encoding: 'utf8' }).sort()) {
      if (file.endsWith('.ts')) hash.update(file).update(readFileSync(path.join(full, file)));
    }
  };
  BUNDLE_SOURCES.forEach(visit);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The workflow bundle for tests, built once per source state and kept under `.tools/cache/` (bundling takes
 * seconds; every workflow test file would otherwise pay it again).
 */
export async function testWorkflowBundle(workflowsPath: string): Promise<{ code: string }> {
  return { code: readFileSync(await testWorkflowBundleFile(workflowsPath), 'utf8') };
}

/** The file of that bundle, for what takes a path (`SAKSFLYT_WORKFLOW_BUNDLE`, as a deployment sets it). */
export async function testWorkflowBundleFile(workflowsPath: string): Promise<string> {
  const root = repoRoot();
  const file = path.join(root, '.tools', 'cache', `workflow-bundle-${sourceHash(root, workflowsPath)}.js`);
  if (existsSync(file)) return file;
  const bundle = await bundleWorkflows(workflowsPath);
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, bundle.code);
  renameSync(partial, file);
  return file;
}
