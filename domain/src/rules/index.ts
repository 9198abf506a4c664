export * from './kinds';
export * from './facts';
export * from './graph';
export * from './compiled';
export * from './ruleSetVersion';
export * from './validation';
export * from './evaluation';
export * from './canonical';
