// The benchmark's workflow bundle: the real case workflow and the floor, bundled once and run by one worker.
export { protectionCase } from '@saksflyt/workflows';
export { floorCase } from './floor.workflow';
