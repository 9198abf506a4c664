export * from './env';
export * from './approval.activities';
export * from './approvers';
