import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a 500
  }
}

/**
 * Verifying against a fixed hash when the user does not exist keeps the answer time the same, so
 * login timing does not reveal which usernames exist.
 */
let dummyHash: Promise<string> | undefined;
export async function verifyNobody(password: string): Promise<false> {
  dummyHash ??= hash('opscycle-no-such-user');
  await verifyPassword(await dummyHash, password);
  return false;
}
