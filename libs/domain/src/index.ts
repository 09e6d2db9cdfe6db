export * from './actor';
export * from './application-lodged';
export * from './case-events';
export * from './case-state';
export * from './evolve';
export * from './interview-priority';
export * from './oblasts';
