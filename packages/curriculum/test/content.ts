import { fileURLToPath } from "node:url";
import { readContentFolder } from "../src/authoring/files";

/** The real content folder of this package. */
export const contentFolder = fileURLToPath(new URL("../content", import.meta.url));

/** The package root, for files the build writes. */
export const packageRoot = fileURLToPath(new URL("..", import.meta.url));

/** The authored files, keyed by path inside content/. */
export const readContent = (): Promise<Map<string, string>> => readContentFolder(contentFolder);

/**
 * A copy of the content with one file edited by replacing `find` (which must occur) with `replace`, so a test
 * plants exactly one mistake in real content.
 */
export function edit(
  files: ReadonlyMap<string, string>,
  file: string,
  find: string,
  replace: string,
): Map<string, string> {
  const text = files.get(file);
  if (text === undefined) throw new Error(`no ${file} in content`);
  if (!text.includes(find)) throw new Error(`${file} does not contain ${JSON.stringify(find)}`);
  return new Map(files).set(file, text.replace(find, replace));
}

/** The 1-based line of the first occurrence of `find` in `text`. */
export function lineOf(text: string | undefined, find: string): number {
  const index = text?.indexOf(find) ?? -1;
  if (text === undefined || index < 0) throw new Error(`text does not contain ${JSON.stringify(find)}`);
  return text.slice(0, index).split("\n").length;
}
