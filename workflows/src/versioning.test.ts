import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { testDataConverter } from '@saksflyt/testing';
import { removeVariants, variant } from './__fixtures__/workflow-variant';

// The team's rule (docs/versioning.md): a change to a running workflow's logic goes behind `patched()`. This test
// makes such a change to today's workflow — one more timer before the main loop — once behind `patched()` and
// once without, and replays the histories recorded from today's code against both.
const histories = path.join(__dirname, '__fixtures__', 'histories');

/** Histories of cases opened under the first release's rules: recorded before rules version 2. */
const FIRST_RELEASE = (file: string) =>
  !file.includes('.rules-version-2.') &&
  !file.includes('.work-allocation.') &&
  !file.includes('.policy-registry.') &&
  !file.includes('.projection.') &&
  !file.includes('.effects-together.');

async function replayAll(
  workflowsPath: string,
  only: (file: string) => boolean = () => true,
): Promise<string[]> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('ERROR') });
  const failures: string[] = [];
  for (const file of readdirSync(histories).filter((name) => name.endsWith('.json') && only(name))) {
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(histories, file), 'utf8')));
    await Worker.runReplayHistory(
      { workflowBundle: { code }, dataConverter: testDataConverter },
      history,
      file,
    ).catch((error: Error) => failures.push(`${file}: ${error.name}`));
  }
  return failures;
}

describe('changing the logic of running cases', () => {
  beforeAll(() => {
    // The unguarded change fails every replay on purpose: keep its warnings out of the test output.
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // A runtime is already installed in this process.
    }
  });
  afterAll(() => removeVariants('patched', 'always-version-2', 'unguarded'));

  it('keeps recorded histories replayable when the change is made behind patched()', async () => {
    const patchedChange = variant(
      'patched',
      "  if (patched('pause-before-first-deadline')) await sleep('1 second');",
    );
    expect(await replayAll(patchedChange)).toEqual([]);
  }, 180_000);

  it('keeps the first release’s cases on its rules: without patched(), rules version 2 breaks their histories', async () => {
    // The first release's collective-protection path is the same under both versions; every other path differs.
    const alwaysVersion2 = variant('always-version-2', '', [
      "const rulesVersion = patched('rules-version-2') ? 2 : 1;",
      'const rulesVersion = 2 as const;',
    ]);
    const failures = await replayAll(alwaysVersion2, FIRST_RELEASE);
    expect(failures.length).toBeGreaterThanOrEqual(16);
    expect(failures.every((failure) => /Determinism|Nondeterminism/i.test(failure))).toBe(true);
    expect(failures.some((failure) => failure.startsWith('collective-protection'))).toBe(false);
  }, 180_000);

  it('breaks every recorded history when the same change is made without patched()', async () => {
    const unguarded = variant('unguarded', "  await sleep('1 second');");
    const failures = await replayAll(unguarded);
    expect(failures).toHaveLength(readdirSync(histories).filter((name) => name.endsWith('.json')).length);
    expect(failures.every((failure) => /Determinism|Nondeterminism/i.test(failure))).toBe(true);
  }, 180_000);
});
