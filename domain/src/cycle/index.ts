export * from './approval';
export * from './payout';
export * from './state';
export * from './template';
export * from './repPlan';
export * from './inquiry';
export * from './stepKinds';
