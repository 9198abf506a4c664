export * from './audit.model';
export * from './connection';
