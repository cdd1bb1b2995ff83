export * from './common';
export * from './areas';
export * from './reference';
export * from './people';
export * from './auth';
export * from './users';
export * from './sync';
