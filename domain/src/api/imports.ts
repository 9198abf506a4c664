import { z } from 'zod';
import { BooleanQuery } from './common';

export const IMPORT_KINDS = ['deals'] as const;
export const ImportKind = z.enum(IMPORT_KINDS);

export const IMPORT_STATUSES = ['validating', 'writing', 'succeeded', 'rejected', 'failed'] as const;
export const ImportStatus = z.enum(IMPORT_STATUSES);

/** One problem in an uploaded file: row 1 is the first data row after the header. */
export const ImportRowError = z.object({
  row: z.number().int().min(0),
  field: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** An import job: readable while it runs (processed/total), then its validation report. */
export const ImportJob = z.object({
  id: z.string(),
  kind: ImportKind,
  status: ImportStatus,
  fileName: z.string().optional(),
  total: z.number().int().min(0),
  processed: z.number().int().min(0),
  created: z.number().int().min(0),
  /** Existing deals whose fields changed, replaced by the file's version. */
  replaced: z.number().int().min(0),
  /** Existing deals identical to the file's row: not written again. */
  unchanged: z.number().int().min(0),
  errors: z.array(ImportRowError),
  startedBy: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportDealsQuery = z.object({
  fileName: z.string().min(1).max(200).optional(),
  /** Answer when the import has finished instead of at once (small files, scripts). */
  wait: BooleanQuery.default(false),
});
export const ImportList = z.object({ jobs: z.array(ImportJob) });
