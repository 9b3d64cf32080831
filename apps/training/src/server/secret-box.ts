import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets the app must give back to someone else later (a force's single sign-on client secret, an outside
 * LRS's credentials), sealed at rest with AES-256-GCM under the server's `SECRETS_KEY`. A database dump or
 * backup alone then gives nothing away. Secrets the app only has to recognise (passwords, session and SCIM
 * tokens) are hashed instead and never come here.
 *
 * A sealed value is one line of text:
 *
 *     srtbox:v1:<key id>:<iv>:<tag>:<ciphertext>        (iv, tag and ciphertext in base64url)
 *
 * - `v1` is the format, so a later one (another cipher, a key-derivation step) can be told apart.
 * - The key id is the first 12 characters of the base64url SHA-256 of the key: opening with another key fails
 *   with "sealed with key X, this server has key Y" instead of garbage or a bare authentication failure. The
 *   development key's id is `development`, so a value sealed with it says so wherever it turns up.
 * - The caller's `context` (which column of which row) is authenticated data: a sealed value copied into
 *   another row or column does not open there.
 *
 * A leaf: it imports nothing of the server, and its errors never quote the plaintext or the key.
 */

const PREFIX = "srtbox";
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The key id of {@link developmentSecretKey}. */
export const DEVELOPMENT_KEY_ID = "development";

/** A key that seals and opens secrets; `development` when it is the published development key. */
export interface SecretKey {
  readonly id: string;
  readonly bytes: Buffer;
  readonly development: boolean;
}

/** Why a sealed value did not open. */
export type SecretBoxFailure = "not-sealed" | "unknown-version" | "malformed" | "wrong-key" | "tampered" | "no-key";

/** A sealed value that did not open; the message says why and what to do, never what the value holds. */
export class SecretBoxError extends Error {
  constructor(
    readonly failure: SecretBoxFailure,
    message: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** The id a sealed value names its key by (a hash prefix: it says nothing usable about the key). */
export function keyIdOf(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("base64url").slice(0, 12);
}

/** A key from its 32 bytes (as `SECRETS_KEY` gives them). */
export function secretKey(bytes: Buffer): SecretKey {
  if (bytes.length !== 32) throw new RangeError("a secrets key is 32 bytes");
  return { id: keyIdOf(bytes), bytes, development: false };
}

/**
 * The development and test key: derived from a published phrase, so it protects nothing and is labelled
 * `development` in every value it seals. Production never uses it (see {@link secretKeyFor}).
 */
export const developmentSecretKey: SecretKey = {
  id: DEVELOPMENT_KEY_ID,
  bytes: createHash("sha256")
    .update("stalking-response-toolkit: development secrets key, published, not secret")
    .digest(),
  development: true,
};

/**
 * The key this server seals with: `SECRETS_KEY` when set; else the development key outside production, and
 * none in production (where storing a secret is then refused rather than sealed with a published key).
 */
export function secretKeyFor(env: { NODE_ENV: string; SECRETS_KEY?: Buffer | undefined }): SecretKey | null {
  if (env.SECRETS_KEY) return secretKey(env.SECRETS_KEY);
  return env.NODE_ENV === "production" ? null : developmentSecretKey;
}

/** Whether a stored value is in the sealed format (of any version), rather than a plain value from before. */
export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}:`);
}

/** Seals `plaintext` under `key`, bound to `context` (say `sso_providers.client_secret:force-a`). */
export function seal(key: SecretKey, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [PREFIX, VERSION, key.id, ...parts].join(":");
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Opens a value {@link seal} made with the same key and context, or throws {@link SecretBoxError} saying why. */
export function open(key: SecretKey | null, sealed: string, context: string): string {
  if (!isSealed(sealed)) throw new SecretBoxError("not-sealed", "The value is not a sealed secret.");
  const parts = sealed.split(":");
  if (parts[1] !== VERSION) {
    throw new SecretBoxError(
      "unknown-version",
      `The secret is sealed in a format this server does not know (${String(parts[1]).slice(0, 10)}); a newer version of the app sealed it.`,
    );
  }
  const [, , keyId, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 6 ||
    keyId === undefined ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    ![keyId, iv, tag, ciphertext].every((part) => BASE64URL.test(part))
  ) {
    throw new SecretBoxError("malformed", "The sealed secret is not in the v1 format: it has been cut or altered.");
  }
  if (key === null) {
    throw new SecretBoxError(
      "no-key",
      `The secret is sealed with key ${keyId}, and this server has no SECRETS_KEY to open it with.`,
    );
  }
  if (keyId !== key.id) {
    throw new SecretBoxError(
      "wrong-key",
      `The secret is sealed with key ${keyId}, but this server's SECRETS_KEY is key ${key.id}. Start the server with the key it was sealed with, or enter the secret again.`,
    );
  }
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
    throw new SecretBoxError("malformed", "The sealed secret is not in the v1 format: it has been cut or altered.");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // GCM's tag check failed: the value was altered, or moved from another row or column (its context differs).
    throw new SecretBoxError(
      "tampered",
      `The sealed secret with key ${keyId} failed its integrity check: it was altered, or copied from another record.`,
    );
  }
}
