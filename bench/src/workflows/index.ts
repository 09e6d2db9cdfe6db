// The benchmark's workflow bundle: the real case workflow, the policy registry and the archive's head anchor that
// the product runs beside it, and the floor, bundled once and run by one worker.
export { archiveHead, policyRegistry, protectionCase } from '@saksflyt/workflows';
export { floorCase } from './floor.workflow';
