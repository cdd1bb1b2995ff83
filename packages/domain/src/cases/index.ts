export * from './lifecycle';
export * from './verification';
export * from './services';
export * from './case-number';
