import { z } from 'zod';
import { Id } from '../org';

/**
 * Query strings and path params arrive as strings. Every one is parsed to a primitive here, so no
 * request can smuggle a Mongo operator (`?x[$ne]=1`) into a filter.
 */
export const IdParam = z.object({ id: Id });
export const OrgUnitParam = z.object({ orgUnitId: Id });
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const IsoDateTimeQuery = z.iso.datetime({ offset: true });
export const FiscalYear = z.coerce.number().int().min(2000).max(2100);
export const PeriodQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
});

/** `?flag=true|false` (z.coerce.boolean would read "false" as true). */
export const BooleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');
