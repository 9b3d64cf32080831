#!/usr/bin/env node
// `course-export scorm|cmi5`: writes SCORM 1.2 or cmi5 zips of every module, and of the whole course, for a force's
// learning platform. Run from the repository with `pnpm --filter @stalking-response/course-export export:scorm`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { course, type ModuleId } from "@stalking-response/curriculum";
import { parse as parseYaml } from "yaml";
import { exportCmi5 } from "./cmi5";
import { exportScorm12 } from "./scorm12";
import type { ExportIssue } from "./selection";

const usage = `Usage: course-export <scorm|cmi5> [options]

Writes one zip per module and one for the whole course.

Options:
  --out <dir>            where to write the zips (default: exports)
  --module <id>          only this module (repeatable); the whole-course zip then holds just these
  --local-policy <file>  a YAML or JSON file with a force's local-policy lesson (see the README)
  --id-base <iri>        an https IRI ending in / (or a URN) to start cmi5 activity ids with
  --help                 show this help`;

const print = (issues: readonly ExportIssue[]) => {
  for (const issue of issues) console.error(`${issue.path.join(".") || "(options)"}: ${issue.message}`);
};

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "exports" },
      module: { type: "string", multiple: true },
      "local-policy": { type: "string" },
      "id-base": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  const format = positionals[0];
  if (values.help || (format !== "scorm" && format !== "cmi5")) {
    (values.help ? console.log : console.error)(usage);
    return values.help ? 0 : 2;
  }
  let localPolicy: unknown;
  if (values["local-policy"]) {
    try {
      localPolicy = parseYaml(readFileSync(values["local-policy"], "utf8"));
    } catch (error) {
      console.error(
        `--local-policy: cannot read ${values["local-policy"]}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 1;
    }
  }
  const exporter = format === "scorm" ? exportScorm12 : exportCmi5;
  const shared = {
    ...(localPolicy === undefined ? {} : { localPolicy }),
    ...(values["id-base"] ? { idBase: values["id-base"] } : {}),
  };
  const chosen = (values.module ?? course.modules.map((module) => module.id)) as ModuleId[];
  // One zip per module, then one with them all (unless there is only one).
  const selections: ModuleId[][] = [...chosen.map((id) => [id]), ...(chosen.length > 1 ? [chosen] : [])];
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  for (const modules of selections) {
    const result = exporter(course, { ...shared, modules });
    if (!result.ok) {
      print(result.issues);
      return 1;
    }
    writeFileSync(join(out, result.value.fileName), result.value.bytes);
    console.log(`${result.value.fileName}  ${(result.value.bytes.length / 1024).toFixed(1)} KB`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
