import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// AGENTS.md asks for TSDoc on every public export; this keeps the promise checkable.
// (The same check as packages/recommendations/test/public-api.test.ts; a shared helper in
// @stalking-response/tooling would let both use one copy.)
const entry = resolve(import.meta.dirname, "../src/index.ts");

function undocumentedExports(): { names: string[]; count: number } {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noEmit: true,
    customConditions: ["@stalking-response/source"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error("could not load src/index.ts");
  const exports = checker.getExportsOfModule(moduleSymbol);
  const names = exports
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === "";
    })
    .map((symbol) => symbol.getName());
  return { names, count: exports.length };
}

describe("public API", () => {
  it("documents every export with TSDoc", () => {
    const { names, count } = undocumentedExports();
    expect(count).toBeGreaterThan(60);
    expect(names).toEqual([]);
    // Building a TypeScript program takes seconds, more on a busy CI machine.
  }, 60_000);
});
