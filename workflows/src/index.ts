// Every workflow the worker registers. The API imports types from here and values from ./messages only.
export * from './healthCheck.workflow';
export * from './approval.workflow';
export * from './payoutRun.workflow';
export * from './unitFanOut.workflow';
export * from './annualCycle.workflow';
export * from './inquiry.workflow';
