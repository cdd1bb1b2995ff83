export * from './duties';
export * from './spm';
export * from './periods';
export * from './suppression';
