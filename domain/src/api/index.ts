export * from './audit';
export * from './auth';
export * from './common';
export * from './errors';
export * from './imports';
export * from './org';
export * from './ruleSets';
