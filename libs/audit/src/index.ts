export * from './archive';
export * from './case-export';
export * from './case-query';
export * from './case-source';
export * from './file-archive';
export * from './open-archive';
export * from './postgres-archive';
export * from './replay';
