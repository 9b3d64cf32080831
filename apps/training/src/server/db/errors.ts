/**
 * The unique constraint a write broke, or `undefined` when `error` is anything else. Both drivers (pg and
 * PGlite) report PostgreSQL's SQLSTATE and constraint name on their error; drizzle wraps it as the `cause`.
 */
export function uniqueViolation(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 3; depth += 1) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (code === "23505") return typeof constraint === "string" ? constraint : "";
    current = current.cause;
  }
  return undefined;
}
