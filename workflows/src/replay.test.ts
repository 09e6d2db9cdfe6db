import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { testDataConverter, testWorkflowBundle } from '@saksflyt/testing';

// Histories recorded from the main paths (scripts/record-histories.ts). Today's code must replay every one: a change
// that would break a running case fails here, before it reaches a worker.
const folder = path.join(__dirname, '__fixtures__', 'histories');
const recorded = readdirSync(folder).filter((file) => file.endsWith('.json'));

describe('replaying recorded case histories against today’s workflow code', () => {
  it('has recorded histories to replay', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(5);
  });

  it.each(recorded)('replays %s without nondeterminism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(folder, file), 'utf8')));
    await Worker.runReplayHistory(
      // Histories recorded since encryption hold payloads encrypted with the tests' key ring.
      {
        workflowBundle: await testWorkflowBundle(require.resolve('./index')),
        dataConverter: testDataConverter,
      },
      history,
      `replay-${file}`,
    );
  });
});
