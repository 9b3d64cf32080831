import { AddresseeSchema, IsoDateSchema, addressees } from "../model";
import type { Addressee } from "../model";
import { parseActionPlanJson } from "../parse";
import { summarisePlan } from "../plan";
import { formatIssues, formatSummary } from "./format";

/** What the CLI needs from the outside world, passed in so it can be exercised without a process. */
export interface CliIo {
  readFile: (path: string) => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Today's date, used when `summary` is given no `--as-of`. */
  today: () => string;
  /** The package version, printed by `--version`. */
  version?: string | undefined;
}

/** Exit codes: scripts and other languages can tell a bad plan from a bad command line. */
export const exitCodes = { valid: 0, invalid: 1, usage: 2 } as const;

export const usage = [
  "Usage:",
  "  stalking-plan validate <file> [--json]        check an action plan JSON file",
  "  stalking-plan summary <file> [--as-of DATE] [--addressee NAME]",
  "      progress table; overdue as of DATE (default today) for the recommendations",
  `      addressed to NAME (default chief-constables; one of ${addressees.join(", ")})`,
  "  stalking-plan --version                       print the version",
  "",
  '--json (validate) prints one JSON result on stdout: {"ok":true,...} or {"ok":false,"issues":[...]}.',
  "Exit code 0 when the plan is valid, 1 when it is not (or cannot be read), 2 for a usage error.",
];

async function load(path: string, io: CliIo, json: boolean) {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = `cannot read ${path}${code === "ENOENT" ? ": no such file" : `: ${String(error)}`}`;
    if (json) io.out(JSON.stringify({ ok: false, file: path, issues: [{ path: [], message }] }));
    else io.err(`Error: ${message}`);
    return undefined;
  }
  const result = parseActionPlanJson(text);
  if (!result.ok && json) {
    io.out(JSON.stringify({ ok: false, file: path, issues: result.issues }));
    return undefined;
  }
  if (!result.ok) {
    const count = result.issues.length;
    io.err(`Error: ${path} is not a valid action plan (${count} problem${count === 1 ? "" : "s"}):`);
    for (const line of formatIssues(result.issues)) io.err(line);
    return undefined;
  }
  return result.value;
}

function fail(io: CliIo, message: string): number {
  io.err(`Error: ${message}`);
  for (const line of usage) io.err(line);
  return exitCodes.usage;
}

/**
 * Runs `stalking-plan` with the arguments after the program name and returns the exit code.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    for (const line of usage) (command === undefined ? io.err : io.out)(line);
    return command === undefined ? exitCodes.usage : 0;
  }
  if (command === "--version" || command === "-v") {
    io.out(io.version ?? "unknown");
    return 0;
  }
  if (command !== "validate" && command !== "summary") return fail(io, `unknown command "${command}"`);

  const files: string[] = [];
  const options: { asOf?: string; addressee?: Addressee } = {};
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    const [flag = "", inline] = arg.startsWith("--") ? arg.split(/=(.*)/s) : [arg];
    if (command === "summary" && (flag === "--as-of" || flag === "--addressee")) {
      const value = inline ?? rest[++i];
      const shown = value === undefined ? "nothing" : `"${value}"`;
      if (flag === "--as-of") {
        const parsed = IsoDateSchema.safeParse(value);
        if (!parsed.success) return fail(io, `--as-of needs a date written YYYY-MM-DD, got ${shown}`);
        options.asOf = parsed.data;
      } else {
        const parsed = AddresseeSchema.safeParse(value);
        if (!parsed.success) return fail(io, `--addressee needs one of ${addressees.join(", ")}, got ${shown}`);
        options.addressee = parsed.data;
      }
    } else if (command === "validate" && arg === "--json") json = true;
    else if (arg.startsWith("-")) return fail(io, `unknown option "${arg}" for ${command}`);
    else files.push(arg);
  }
  if (files.length !== 1) return fail(io, `${command} needs exactly one file, got ${files.length}`);
  const [file = ""] = files;

  const plan = await load(file, io, json);
  if (!plan) return exitCodes.invalid;
  if (command === "validate" && json) {
    io.out(JSON.stringify({ ok: true, file, force: plan.force, responses: plan.responses.length }));
    return exitCodes.valid;
  }
  if (command === "validate") {
    io.out(`OK: ${file} is a valid action plan for ${plan.force} (${plan.responses.length} responses).`);
    return 0;
  }
  for (const line of formatSummary(summarisePlan(plan, { ...options, asOf: options.asOf ?? io.today() }))) io.out(line);
  return 0;
}
