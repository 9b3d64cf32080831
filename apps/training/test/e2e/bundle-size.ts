import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** The scripts a browser fetches for a page, as the build wrote them, with their gzip sizes. */
export interface ScriptSet {
  files: string[];
  gzipBytes: number;
}

const importsOf = (source: string) =>
  [...source.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].flatMap((match) => (match[1] ? [match[1]] : []));

/** Every script `roots` import statically, and they themselves (what loads before any of it runs). */
export function staticClosure(assetsDir: string, roots: readonly string[]): ScriptSet {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of importsOf(readFileSync(`${assetsDir}/${file}`, "utf8"))) visit(imported);
  };
  roots.forEach(visit);
  const files = [...seen].sort();
  const gzipBytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(`${assetsDir}/${file}`), { level: 9 }).length,
    0,
  );
  return { files, gzipBytes };
}

/** The officer's first load: the entry script index.html names and everything it imports statically. */
export function officerFirstLoad(clientDir: string): ScriptSet {
  const html = readFileSync(`${clientDir}/index.html`, "utf8");
  const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error("index.html names no entry script");
  return staticClosure(`${clientDir}/assets`, [entry]);
}

/**
 * The contract's schemas (zod) and what they import: the first load fetches them beside its first API request
 * (client/api/contract.ts), so they are not needed to paint but are needed to show data.
 */
export function contractSchemas(clientDir: string): ScriptSet {
  const assets = `${clientDir}/assets`;
  const chunk = officerFirstLoad(clientDir)
    .files.flatMap((file) => [
      ...readFileSync(`${assets}/${file}`, "utf8").matchAll(/import\(`\.\/(contract-schemas-[^`]+\.js)`\)/g),
    ])
    .map((match) => match[1])
    .find((file) => file !== undefined);
  if (!chunk) throw new Error("the first load does not load the contract schemas");
  return staticClosure(assets, [chunk]);
}
