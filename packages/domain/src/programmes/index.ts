export * from './usulan';
export * from './cutoff';
export * from './bnba';
export * from './complaints';
export * from './distribution';
