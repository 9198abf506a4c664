export * from './support';
export * from './testWorker';
