import { z } from 'zod';
import { AuditAction, AuditActor } from '../audit';
import { Id } from '../org';
import { IsoDateTimeQuery, PageQuery } from './common';

export const AuditQuery = PageQuery.extend({
  actorId: z.string().min(1).max(200).optional(),
  objectType: z.string().min(1).max(80).optional(),
  objectId: z.string().min(1).max(200).optional(),
  action: AuditAction.optional(),
  from: IsoDateTimeQuery.optional(),
  to: IsoDateTimeQuery.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** An audit entry as the API sends it (dates as ISO strings). */
export const AuditEntryView = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: AuditActor,
  action: AuditAction,
  object: z.object({ type: z.string(), id: z.string() }),
  orgUnitId: Id.optional(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
export const AuditList = z.object({ entries: z.array(AuditEntryView) });
