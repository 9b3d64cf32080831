import { zipSync, type Zippable } from "fflate";

// A fixed timestamp makes the same content give the same bytes, so a re-export can be compared with the last one.
const fixedTime = new Date("2026-01-01T00:00:00Z");

/** Zips text and binary files at the given paths (always with forward slashes, as LMS importers expect). */
export function zipFiles(files: ReadonlyMap<string, string | Uint8Array>): Uint8Array {
  const tree: Zippable = {};
  const encoder = new TextEncoder();
  for (const [path, contents] of files) {
    tree[path] = [typeof contents === "string" ? encoder.encode(contents) : contents, { mtime: fixedTime, level: 9 }];
  }
  return zipSync(tree);
}
