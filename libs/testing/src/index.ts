export * from './environments';
export * from './temporal-binaries';
export * from './test-worker';
export * from './workflow-bundle';
export * from './encryption';
export * from './fuzz';
export * from './smtp-server';
