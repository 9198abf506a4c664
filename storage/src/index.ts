export * from './audit.model';
export * from './connection';
export * from './upsert';
export * from './deal.model';
export * from './orgUnit.model';
export * from './person.model';
export * from './approval.model';
