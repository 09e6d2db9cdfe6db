// The worker bundles this module: every exported function here is a workflow type.
export { protectionCase } from './protection-case.workflow';
export * from './messages';
