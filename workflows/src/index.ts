// The worker bundles this module: every exported function here is a workflow type.
export { protectionCase } from './protection-case.workflow';
export { archiveHead } from './archive-head.workflow';
export { policyRegistry, publishPolicyVersionUpdate } from './policy-registry.workflow';
export * from './messages';
export {
  ARCHIVE_HEAD_WORKFLOW,
  ARCHIVE_HEAD_WORKFLOW_ID,
  archiveHeadQuery,
  publishHeadSignal,
  type AnchoredHead,
  type ArchiveHeadState,
} from './archive-head.workflow';
