import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from './data-converter';

/**
 * Every workflow bundle of Saksflyt (the worker's, the prebuilt one, the replayers' and the tests'): the failure
 * converter is compiled into it, so workflow failures are encrypted like everything else.
 */
export function bundleWorkflows(
  workflowsPath: string,
  logLevel: 'WARN' | 'ERROR' = 'WARN',
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: new DefaultLogger(logLevel),
  });
}
