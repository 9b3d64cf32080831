import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// AGENTS.md asks for TSDoc on every public export; this keeps the promise checkable for both entries.
const entries = ["index", "practice"].map((name) => fileURLToPath(new URL(`../src/${name}.ts`, import.meta.url)));

function undocumentedExports(): { names: string[]; count: number } {
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ["@stalking-response/source"],
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const names: string[] = [];
  let count = 0;
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`could not load ${entry}`);
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      count += 1;
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === "") names.push(symbol.getName());
    }
  }
  return { names, count };
}

describe("public API", () => {
  it("documents every export with TSDoc", () => {
    const { names, count } = undocumentedExports();
    expect(count).toBeGreaterThan(80);
    expect(names).toEqual([]);
    // Building a TypeScript program takes seconds, more on a busy machine.
  }, 60_000);
});
