import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

describe('the workflow bundle', () => {
  it('resolves the workspace libraries the workflow imports (the bundler ignores tsconfig paths)', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('./index'),
      logger: new DefaultLogger('ERROR'),
    });
    expect(code).toContain('libs/domain/src/evolve.ts');
    expect(code).toContain('libs/temporal/src/search-attributes.ts');
    // The workflow sandbox has no Node APIs: the Node-only half of libs/temporal must stay out.
    expect(code).not.toContain('libs/temporal/src/dev-server.ts');
  }, 120_000);
});
