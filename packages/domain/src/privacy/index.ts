export * from './deadlines';
export * from './retention';
export * from './notices';
export * from './ropa';
