export * from './env';
export * from './adjustments';
export * from './approval.activities';
export * from './approvers';
export * from './payout.activities';
export * from './cycle.activities';
export * from './activities';
