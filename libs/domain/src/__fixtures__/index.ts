export * from './applications';
export * from './scenario';
export * from './bad-input';
