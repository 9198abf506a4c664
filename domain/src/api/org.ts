import { z } from 'zod';
import { Id, OrgUnit, Person, Role } from '../org';

export const OrgTree = z.object({ units: z.array(OrgUnit) });
export const PeopleList = z.object({ people: z.array(Person) });
export const PersonParam = z.object({ personId: Id });

export const NewUserRequest = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(80)
    .regex(/^[a-z0-9._@-]+$/, 'lower-case letters, digits, . _ @ -'),
  password: z.string().min(10).max(200),
  name: z.string().min(1).max(200),
  role: Role,
  orgUnitId: Id,
  personId: Id.optional(),
});
export type NewUserRequest = z.infer<typeof NewUserRequest>;
