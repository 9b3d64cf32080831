import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/server/env";
import {
  DEVELOPMENT_KEY_ID,
  SecretBoxError,
  developmentSecretKey,
  isSealed,
  open,
  seal,
  secretKey,
  secretKeyFor,
} from "../../src/server/secret-box";
import type { SecretBoxFailure, SecretKey } from "../../src/server/secret-box";

const key = secretKey(randomBytes(32));
const other = secretKey(randomBytes(32));
const context = "sso_providers.client_secret:force-a";
const plaintext = "Vx8Q~client.secret-from-Entra_ID~ünïcødé";

/** The failure `open` reports, and its message, or a test failure when it opens. */
function failureOf(run: () => string): { failure: SecretBoxFailure; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretBoxError) return { failure: error.failure, message: error.message };
    throw error;
  }
  throw new Error("opened, but should not have");
}

/** The sealed value with one of its base64url parts (3 iv, 4 tag, 5 ciphertext) changed by one bit. */
function flip(sealed: string, part: 3 | 4 | 5): string {
  const parts = sealed.split(":");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(":");
}

describe("the secret box (AES-256-GCM, versioned, with a key id)", () => {
  it("opens what it sealed, with the same key and context", () => {
    for (const value of [plaintext, "", "x".repeat(500)]) {
      const sealed = seal(key, value, context);
      expect(isSealed(sealed)).toBe(true);
      expect(sealed).toMatch(new RegExp(`^srtbox:v1:${key.id}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$`));
      expect(open(key, sealed, context)).toBe(value);
    }
  });

  it("never repeats a sealed value (a fresh IV each time) nor shows the plaintext in it", () => {
    const first = seal(key, plaintext, context);
    const second = seal(key, plaintext, context);
    expect(first).not.toBe(second);
    expect(first).not.toContain(plaintext);
    expect(first).not.toContain(Buffer.from(plaintext).toString("base64url"));
  });

  it.each([3, 4, 5] as const)("detects a change to part %i (iv, tag, ciphertext)", (part) => {
    const { failure, message } = failureOf(() => open(key, flip(seal(key, plaintext, context), part), context));
    expect(failure).toBe("tampered");
    expect(message).toMatch(/failed its integrity check/);
  });

  it("does not open in another row or column (the context is authenticated)", () => {
    const sealed = seal(key, plaintext, context);
    expect(failureOf(() => open(key, sealed, "sso_providers.client_secret:force-b")).failure).toBe("tampered");
  });

  it("says which key sealed a value when the server has another", () => {
    const sealed = seal(key, plaintext, context);
    const { failure, message } = failureOf(() => open(other, sealed, context));
    expect(failure).toBe("wrong-key");
    expect(message).toContain(`sealed with key ${key.id}`);
    expect(message).toContain(`SECRETS_KEY is key ${other.id}`);
    // The same key id with other bytes (a forged id) still fails the tag check, never returns garbage.
    const forged = { ...other, id: key.id };
    expect(failureOf(() => open(forged, sealed, context)).failure).toBe("tampered");
  });

  it("labels what the development key sealed, and tells a real key it cannot open it", () => {
    const sealed = seal(developmentSecretKey, plaintext, context);
    expect(sealed.startsWith(`srtbox:v1:${DEVELOPMENT_KEY_ID}:`)).toBe(true);
    expect(open(developmentSecretKey, sealed, context)).toBe(plaintext);
    expect(failureOf(() => open(key, sealed, context)).message).toContain("sealed with key development");
  });

  it("refuses plain, cut, future-version and keyless values with their own reasons", () => {
    const sealed = seal(key, plaintext, context);
    const cases: [string, SecretBoxFailure, SecretKey | null][] = [
      [plaintext, "not-sealed", key],
      [sealed.replace(":v1:", ":v2:"), "unknown-version", key],
      [sealed.split(":").slice(0, 5).join(":"), "malformed", key],
      [`${sealed}:extra`, "malformed", key],
      [sealed.replace(/:[^:]+$/, ":not base64!"), "malformed", key],
      [sealed, "no-key", null],
    ];
    for (const [value, expected, using] of cases) {
      expect(failureOf(() => open(using, value, context)).failure, value.slice(0, 30)).toBe(expected);
    }
    // A cut IV is malformed, not an exception from the cipher.
    const parts = sealed.split(":");
    parts[3] = "AAAA";
    expect(failureOf(() => open(key, parts.join(":"), context)).failure).toBe("malformed");
  });

  it("never puts the plaintext or the key in an error message", () => {
    const sealed = seal(key, plaintext, context);
    const keyText = key.bytes.toString("base64");
    const messages = [
      failureOf(() => open(other, sealed, context)).message,
      failureOf(() => open(key, flip(sealed, 5), context)).message,
      failureOf(() => open(key, plaintext, context)).message,
      failureOf(() => open(null, sealed, context)).message,
    ];
    for (const message of messages) {
      expect(message).not.toContain(plaintext);
      expect(message).not.toContain(keyText);
      expect(message).not.toContain(key.bytes.toString("base64url"));
    }
  });

  it("takes SECRETS_KEY when set, the development key outside production, and none in production", () => {
    const bytes = randomBytes(32);
    const env = parseEnv({ SECRETS_KEY: bytes.toString("base64") });
    expect(secretKeyFor(env)).toMatchObject({ id: secretKey(bytes).id, development: false });
    expect(secretKeyFor(parseEnv({ NODE_ENV: "production", SECRETS_KEY: bytes.toString("base64") }))?.id).toBe(
      secretKey(bytes).id,
    );
    expect(secretKeyFor(parseEnv({ NODE_ENV: "development" }))).toBe(developmentSecretKey);
    expect(secretKeyFor(parseEnv({ NODE_ENV: "test" }))).toBe(developmentSecretKey);
    expect(secretKeyFor(parseEnv({ NODE_ENV: "production" }))).toBeNull();
  });

  it("refuses a SECRETS_KEY that is not base64 of 32 bytes, saying how to make one", () => {
    expect(() => parseEnv({ SECRETS_KEY: "not base64!" })).toThrow(
      /SECRETS_KEY: must be base64 \(make one with: openssl rand -base64 32\)/,
    );
    expect(() => parseEnv({ SECRETS_KEY: randomBytes(16).toString("base64") })).toThrow(
      /SECRETS_KEY: must be base64 of exactly 32 bytes \(44 characters\), not 16 bytes/,
    );
    expect(() => parseEnv({ SECRETS_KEY: randomBytes(48).toString("base64") })).toThrow(/not 48 bytes/);
  });
});
