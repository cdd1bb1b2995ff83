export * from './schema';
export * from './answers';
export * from './defaults';
