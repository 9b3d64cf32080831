import { isMap, isNode, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import { resolveCourseFacts } from "../checks";
import { factRegister } from "../register";
import type { FactRegister } from "../register";
import { CourseSchema } from "../schema";
import type { Course } from "../schema";

/** Where the course file sits inside the content folder; module files are `modules/<id>.yaml`. */
export const courseFile = "course.yaml";

/** The module file that holds module `id`. */
export const moduleFile = (id: string): string => `modules/${id}.yaml`;

/**
 * A content problem in the toolkit's one issue shape (`path` and a `message` that starts with the field), located
 * so a trainer can open the file at the line.
 */
export interface ContentIssue {
  /** The keys inside `file` that lead to the problem; `[]` for the file as a whole. */
  path: (string | number)[];
  /** The reason, starting with the field when there is one: `lessons[1].blocks[0].sources[0]: unknown source …`. */
  message: string;
  file: string;
  line: number;
  column: number;
  /** The field, e.g. `lessons[1].blocks[0].sources`; empty for the file as a whole. */
  field: string;
}

/** The outcome of loading the content folder, in the toolkit's one result shape. */
export type LoadResult = { ok: true; value: Course; register: FactRegister } | { ok: false; issues: ContentIssue[] };

/** A located issue whose message names its field. */
function contentIssue(
  file: string,
  line: number,
  column: number,
  path: readonly PropertyKey[],
  reason: string,
): ContentIssue {
  const keys = path.map((key) => (typeof key === "number" ? key : String(key)));
  const field = fieldName(keys);
  return { path: keys, message: field ? `${field}: ${reason}` : reason, file, line, column, field };
}

interface ParsedFile {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Formats an issue as `file:line:column field: message`, the shape editors and CI logs link to. */
export function formatIssue(issue: ContentIssue): string {
  return `${issue.file}:${issue.line}:${issue.column} ${issue.message}`;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/** The deepest node that exists along `path`, so a missing field points at its parent. */
function nodeAt(doc: Document.Parsed, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = isNode(node) ? node : undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isNode(item.key) && "value" in item.key && item.key.value === part);
      if (!pair) break;
      node = pair.value;
      if (isNode(pair.value)) found = pair.value;
      else if (isNode(pair.key)) found = pair.key;
    } else if (isSeq(node) && typeof part === "number") {
      node = node.items[part];
      if (!isNode(node)) break;
      found = node;
    } else {
      break;
    }
  }
  return found;
}

function locate(parsed: ParsedFile, path: readonly PropertyKey[], message: string): ContentIssue {
  const offset = nodeAt(parsed.doc, path)?.range?.[0] ?? 0;
  const { line, col } = parsed.lines.linePos(offset);
  return contentIssue(parsed.file, line, col, path, message);
}

function parseFile(file: string, text: string): { parsed: ParsedFile; issues: ContentIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const issues = [...doc.errors, ...doc.warnings].map((error): ContentIssue => {
    const { line, col } = lines.linePos(error.pos[0]);
    const duplicate = error.code === "DUPLICATE_KEY" ? "duplicate key: " : "";
    return contentIssue(file, line, col, [], `${duplicate}${error.message.split("\n")[0] ?? ""}`);
  });
  return { parsed: { file, doc, lines }, issues };
}

/**
 * The plain value of a parsed file. Converting can still fail on a document that parsed cleanly (an alias that
 * expands without limit), so that failure becomes a located issue, not a crash.
 */
function toValue(parsed: ParsedFile): unknown {
  try {
    return parsed.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return new ConversionFailure(locate(parsed, [], `cannot be read: ${message}`));
  }
}

class ConversionFailure {
  constructor(readonly issue: ContentIssue) {}
}

/**
 * Locates a path in the course file (`facts[3].reviewBy`), for problems found after loading, such as a fact past its
 * review date.
 */
export function locateInCourseFile(courseText: string, path: readonly PropertyKey[], message: string): ContentIssue {
  return locate(parseFile(courseFile, courseText).parsed, path, message);
}

/**
 * Loads and validates the course from its authored files. Pure: `files` maps a path inside the content folder
 * (`course.yaml`, `modules/<id>.yaml`) to its text, so tests can plant mistakes without touching disk.
 *
 * Every problem comes back with its file and line: YAML syntax and duplicate keys, missing or malformed fields,
 * uncited fact blocks, options without explanations, duplicate ids, broken source, fact, recommendation or
 * practice-scenario references, and figures that contradict the fact table.
 */
export function loadCourse(files: ReadonlyMap<string, string>): LoadResult {
  const courseText = files.get(courseFile);
  if (courseText === undefined) {
    return { ok: false, issues: [contentIssue(courseFile, 1, 1, [], "file is missing")] };
  }
  const root = parseFile(courseFile, courseText);
  const issues = [...root.issues];
  const rootValue = root.issues.length === 0 ? toValue(root.parsed) : undefined;
  if (rootValue instanceof ConversionFailure) return { ok: false, issues: [rootValue.issue] };
  if (root.issues.length > 0 || rootValue === null || typeof rootValue !== "object" || Array.isArray(rootValue)) {
    if (issues.length === 0) issues.push(locate(root.parsed, [], "must be a mapping of course fields"));
    return { ok: false, issues };
  }

  const listed: unknown = (rootValue as Record<string, unknown>)["modules"];
  const moduleIds = Array.isArray(listed) ? listed : [];
  if (!Array.isArray(listed)) issues.push(locate(root.parsed, ["modules"], "must list the module ids in order"));

  const moduleFiles: (ParsedFile | undefined)[] = [];
  const modules: unknown[] = moduleIds.map((id: unknown, index) => {
    const file = typeof id === "string" ? moduleFile(id) : undefined;
    const text = file === undefined ? undefined : files.get(file);
    if (file === undefined || text === undefined) {
      issues.push(locate(root.parsed, ["modules", index], `no file ${file ?? "for this entry"} in the content folder`));
      moduleFiles.push(undefined);
      return undefined;
    }
    const { parsed, issues: syntax } = parseFile(file, text);
    issues.push(...syntax);
    moduleFiles.push(parsed);
    const value = syntax.length === 0 ? toValue(parsed) : undefined;
    if (value instanceof ConversionFailure) {
      issues.push(value.issue);
      return undefined;
    }
    if (value !== null && typeof value === "object" && (value as { id?: unknown }).id !== id) {
      issues.push(locate(parsed, ["id"], `must be "${String(id)}", the name this file is listed under`));
    }
    return value;
  });
  for (const file of files.keys()) {
    if (file.startsWith("modules/") && !moduleFiles.some((parsed) => parsed?.file === file)) {
      issues.push(contentIssue(file, 1, 1, [], `is not listed under modules in ${courseFile}`));
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const whereIs = (path: readonly PropertyKey[], message: string): ContentIssue => {
    const [head, index, ...rest] = path;
    const parsed = head === "modules" && typeof index === "number" ? moduleFiles[index] : undefined;
    return parsed ? locate(parsed, rest, message) : locate(root.parsed, path, message);
  };

  const input = { ...(rootValue as Record<string, unknown>), modules };
  const result = CourseSchema.safeParse(input);
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map((issue) => {
        const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
        const path = keys[0] === undefined ? issue.path : [...issue.path, keys[0]];
        return whereIs(path, issue.message);
      }),
    };
  }
  return { ok: true, value: resolveCourseFacts(result.data), register: factRegister(result.data) };
}
