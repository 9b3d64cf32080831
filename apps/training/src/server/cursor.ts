import type { z } from "zod";

/**
 * The one paging-cursor codec: a cursor is the last row's sort key as a JSON array, base64url-encoded so it
 * travels in a query string. It is opaque to clients but not secret: what comes back is checked against the
 * list's own schema, so a tampered or foreign cursor is refused rather than trusted.
 */
export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/** The parts of a cursor made by {@link encodeCursor}, or `undefined` when `text` is not one that fits `schema`. */
export function decodeCursor<T>(text: string, schema: z.ZodType<T>): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
