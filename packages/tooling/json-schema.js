// @ts-check
/**
 * zod writes a calendar date (`z.iso.date()`) into JSON Schema as a 250-character regular expression, which
 * validators (ajv, .NET's, Java's) print whole in their error messages. `format: "date"` already tells every
 * validator that checks formats "a real calendar date", so this cuts the pattern to the shape a person can
 * read and adds a description. Changes `schema` in place and returns it.
 *
 * @template {object} T
 * @param {T} schema A JSON Schema from `z.toJSONSchema`.
 * @returns {T}
 */
export function readableDatePatterns(schema) {
  visit(schema);
  return schema;
}

/** @param {unknown} node */
function visit(node) {
  if (Array.isArray(node)) {
    for (const item of node) visit(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = /** @type {Record<string, unknown>} */ (node);
  if (record.format === "date" && typeof record.pattern === "string") {
    record.pattern = "^\\d{4}-\\d{2}-\\d{2}$";
    record.description ??= "A calendar date written YYYY-MM-DD, e.g. 2025-03-27.";
  }
  for (const value of Object.values(record)) visit(value);
}
