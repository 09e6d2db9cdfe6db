export * from './file-lock';
export * from './login-attempts';
export * from './roles';
export * from './tokens';
export * from './user-store';
export * from './assignment';
