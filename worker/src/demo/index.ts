// The demo company and its cycle, for the apps that seed and advance it (`@opscycle/worker/demo`).
export * from './advance';
export * from './bottomUp';
export * from './company';
export * from './cycle';
export * from './payout';
export * from './seedDemo';
export * from './seedPlanHistory';
