export * from './incidents';
export * from './needs';
export * from './stock';
export * from './sitrep';
export * from './access';
