/** Joins the truthy class names, so optional modifiers never leave stray spaces in the markup. */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}
