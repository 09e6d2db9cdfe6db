import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from './data-converter';

/**
 * Modules each worker thread builds once and shares, frozen, with all its workflows, instead of building them again
 * for each workflow: the domain's ~560 zod schemas (see `libs/domain/src/preload.ts` for what it took).
 */
export const SHARED_WORKFLOW_MODULES = ['@saksflyt/domain/preload'];

/**
 * Every workflow bundle of Saksflyt (the worker's, the prebuilt one, the replayers' and the tests'): the failure
 * converter is compiled into it, so workflow failures are encrypted like everything else; and the domain is
 * preloaded, shared by the workflows of a worker thread (`shareDomain: false` only to measure what that gains).
 */
export function bundleWorkflows(
  workflowsPath: string,
  logLevel: 'WARN' | 'ERROR' = 'WARN',
  options: { shareDomain?: boolean } = {},
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    preloadModules: options.shareDomain === false ? [] : SHARED_WORKFLOW_MODULES,
    logger: new DefaultLogger(logLevel),
  });
}
