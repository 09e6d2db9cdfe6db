import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from '@saksflyt/temporal';

/** Where `npm run build` leaves the prebuilt workflow bundle (`node dist/main.js` finds it beside itself). */
export const PREBUILT_BUNDLE = path.join(__dirname, 'workflow-bundle.js');

/**
 * A prebuilt bundle when there is one (the production image, benchmarks); otherwise the worker bundles the
 * workflow sources at start, as every bundle of Saksflyt is made (`bundleWorkflows`: the failure converter
 * compiled in, the domain shared), so a developer's change is always what runs.
 */
export async function workflowSource(
  configuredBundle: string | undefined,
): Promise<{ workflowBundle: { codePath: string } | { code: string } }> {
  const bundle = configuredBundle ?? PREBUILT_BUNDLE;
  if (existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  const { code } = await bundleWorkflows(require.resolve('@saksflyt/workflows'));
  return { workflowBundle: { code } };
}
