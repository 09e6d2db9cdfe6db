export * from './applications';
export * from './scenario';
