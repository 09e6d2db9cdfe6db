import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run build` leaves the prebuilt workflow bundle (`node dist/main.js` finds it beside itself). */
export const PREBUILT_BUNDLE = path.join(__dirname, 'workflow-bundle.js');

/**
 * A prebuilt bundle when there is one (the production image, benchmarks); otherwise the worker bundles the
 * workflow sources at start, so a developer's change is always what runs.
 */
export function workflowSource(
  configuredBundle: string | undefined,
): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  const bundle = configuredBundle ?? PREBUILT_BUNDLE;
  if (existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return { workflowsPath: require.resolve('@saksflyt/workflows') };
}
