// @ts-check
import ts from "typescript";

/**
 * Lists the public exports of the given entry files that carry no TSDoc. AGENTS.md asks for TSDoc on every
 * public export; each package's `test/public-api.test.ts` uses this to keep that promise checkable.
 *
 * @param {string[]} entries absolute paths of the package's entry files (e.g. `src/index.ts`)
 * @returns {{ undocumented: string[]; count: number }} names without TSDoc, and how many exports were checked
 */
export function undocumentedExports(entries) {
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ["@stalking-response/source"],
    target: ts.ScriptTarget.ES2022,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  /** @type {string[]} */
  const undocumented = [];
  let count = 0;
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`could not load ${entry}`);
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      count += 1;
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === "") {
        undocumented.push(symbol.getName());
      }
    }
  }
  return { undocumented, count };
}
