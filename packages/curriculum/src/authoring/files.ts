import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/**
 * Reads every `.yaml` file under a content folder into a map keyed by its path inside that folder, with `/`
 * separators on every platform, ready for `loadCourse`.
 */
export async function readContentFolder(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(folder, path).split(sep).join("/"), await readFile(path, "utf8"));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}
