import { z } from 'zod';

/** Who acts in OpsCycle. One list feeds the enum, the API's RBAC and the designer's navigation. */
export const ROLES = ['opsAdmin', 'manager', 'finance', 'hr', 'rep'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Levels of the sales org, top-down as the articles decompose targets (company -> region -> team). */
export const ORG_UNIT_KINDS = ['company', 'region', 'team'] as const;
export const OrgUnitKind = z.enum(ORG_UNIT_KINDS);
export type OrgUnitKind = z.infer<typeof OrgUnitKind>;

export const Id = z
  .string()
  .min(1)
  .max(120)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/,
    'ids use letters, digits, _ . : - and start with a letter or digit',
  );

export const OrgUnit = z.object({
  id: Id,
  name: z.string().min(1),
  kind: OrgUnitKind,
  parentId: Id.nullable(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const SALES_ROLES = ['direct', 'channel'] as const;
export const SalesRole = z.enum(SALES_ROLES);

export const Person = z.object({
  id: Id,
  name: z.string().min(1),
  email: z.string().email(),
  role: Role,
  /** The unit whose subtree the person sees and decides on (a rep: their team). */
  orgUnitId: Id,
  salesRole: SalesRole.optional(),
  hiredOn: z.iso.date().optional(),
});
export type Person = z.infer<typeof Person>;

/** True when `unitId` is `scopeId` or below it: the one org-scope check used everywhere. */
export function isWithinScope(units: readonly OrgUnit[], scopeId: string, unitId: string): boolean {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  for (let current: string | null | undefined = unitId, hops = 0; current; hops++) {
    if (current === scopeId) return true;
    if (hops > units.length) return false; // a malformed tree with a loop is never "in scope"
    current = parentOf.get(current);
  }
  return false;
}

/**
 * Org positions an approval can be routed to as such (the CFO, the marketing head), held by one
 * person per org unit. Unlike a role, a position names a job, not a login's permissions: its holder
 * signs in with their own role.
 */
export const POSITIONS = [
  'vpSales',
  'cfo',
  'marketingHead',
  'regionalDirector',
  'hrbp',
  'channelHead',
  'legalCounsel',
] as const;
export const PositionKey = z.enum(POSITIONS);
export type PositionKey = z.infer<typeof PositionKey>;

/** Who holds a position at an org unit (one holder per unit and position). */
export const PositionHolder = z.object({ orgUnitId: Id, position: PositionKey, personId: Id });
export type PositionHolder = z.infer<typeof PositionHolder>;
