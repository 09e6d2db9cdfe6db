export * from './roles';
export * from './tokens';
export * from './user-store';
