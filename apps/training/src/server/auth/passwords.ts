import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong enough, and quick enough that sign-in
// stays well under a second on a 2-core server.
// `Algorithm` is a const enum that verbatimModuleSyntax cannot import; 2 is its Argon2id member.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id and a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verifying against this when no account matches makes "no such account" take as long as "wrong password",
// so response times do not reveal which email addresses or collar numbers exist.
const decoy = hash("decoy password that no account has", options);

/** Checks a password against a stored hash; `null` (no account) still spends the same time. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    if (storedHash === null) {
      await verify(await decoy, password);
      return false;
    }
    return await verify(storedHash, password);
  } catch {
    // A malformed stored hash is a failed sign-in, not a crash.
    return false;
  }
}
