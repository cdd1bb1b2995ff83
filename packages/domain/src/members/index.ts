export * from './lifecycle';
export * from './requirements';
