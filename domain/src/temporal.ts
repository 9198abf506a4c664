/**
 * Names shared by the worker, the API and the services launcher: task queues and the
 * search attributes that make cycles listable from Temporal's visibility store.
 */
export const TASK_QUEUES = {
  cycle: 'opscycle-cycle',
} as const;

export const SEARCH_ATTRIBUTES = {
  FiscalYear: 'Int',
  OrgUnit: 'Keyword',
  CycleStep: 'Keyword',
  CycleStatus: 'Keyword',
} as const satisfies Record<string, 'Int' | 'Keyword' | 'Text' | 'Bool' | 'Datetime' | 'Double'>;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
