// The benchmark's workflow bundle: the real case workflow, the policy registry it publishes to, and the floor,
// bundled once and run by one worker.
export { policyRegistry, protectionCase } from '@saksflyt/workflows';
export { floorCase } from './floor.workflow';
