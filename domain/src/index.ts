export * from './audit';
export * from './errors';
export * from './money';
export * from './org';
export * from './temporal';
export * from './cycle';
export * from './planning';
