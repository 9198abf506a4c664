// deal and common first: rules/facts imports them back through this index while budget loads it.
export * from './common';
export * from './deal';
export * from './budget';
export * from './performance';
export * from './staffing';
export * from './strategy';
export * from './target';
