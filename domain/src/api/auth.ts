import { z } from 'zod';
import { Id, Role } from '../org';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Who is calling: what the signed token carries and what every authorization check reads. */
export const AuthUser = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: Role,
  /** The root of the subtree the user sees and decides on. */
  orgUnitId: Id,
  /** The person record behind the login (a rep's own plan and statement are keyed by it). */
  personId: Id.optional(),
});
export type AuthUser = z.infer<typeof AuthUser>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: AuthUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** The signed-in person sets their own password; the first one was chosen by whoever made the login. */
export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;
