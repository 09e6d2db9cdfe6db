import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Deliberate changes to today's workflow, for the tests that show what a change does to running cases.
const source = readFileSync(path.join(__dirname, '..', 'protection-case.workflow.ts'), 'utf8');
const generated = path.join(__dirname, '..', '__generated__');
const ANCHOR = '  const historyLengthLimit = options.historyLengthLimit ?? DEFAULT_HISTORY_LENGTH_LIMIT;';

/**
 * Writes today's workflow with `change` inserted before its main loop and `replaced[0]` replaced by `replaced[1]`
 * (and any `more` replacements likewise), under `src/__generated__/<name>/`, and returns the path of its index for
 * a bundle.
 */
export function variant(
  name: string,
  change: string,
  replaced: [string, string] = ['', ''],
  ...more: [string, string][]
): string {
  if (!source.includes(ANCHOR))
    throw new Error('the anchor of the deliberate change is gone from the workflow');
  for (const [was] of [replaced, ...more])
    if (!source.includes(was)) throw new Error(`the workflow no longer has: ${was}`);
  const imported = source.slice(0, source.indexOf("} from '@temporalio/workflow';"));
  const missingImports = ['patched', 'sleep']
    .filter((identifier) => !imported.includes(`  ${identifier},\n`))
    .map((identifier) => `  ${identifier},\n`)
    .join('');
  const changed = source
    .replace("} from '@temporalio/workflow';", `${missingImports}} from '@temporalio/workflow';`)
    .replace(ANCHOR, `${change}\n${ANCHOR}`)
    .replace(replaced[0], replaced[1]);
  const replacedAll = more
    .reduce((text, [was, becomes]) => text.replace(was, becomes), changed)
    .replaceAll("from './", "from '../../");
  const folder = path.join(generated, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'protection-case.workflow.ts'), replacedAll);
  writeFileSync(
    path.join(folder, 'index.ts'),
    "export { protectionCase } from './protection-case.workflow';\n",
  );
  return path.join(folder, 'index.ts');
}

/** Removes the named variants (each test file its own: files run side by side). */
export function removeVariants(...names: string[]): void {
  for (const name of names) rmSync(path.join(generated, name), { recursive: true, force: true });
}
