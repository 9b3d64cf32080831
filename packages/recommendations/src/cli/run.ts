import { AddresseeSchema, IsoDateSchema, addressees } from "../model";
import type { Addressee } from "../model";
import { parseActionPlanJson } from "../parse";
import { summarisePlan } from "../plan";
import { formatErrors, formatSummary } from "./format";

/** What the CLI needs from the outside world, passed in so it can be exercised without a process. */
export interface CliIo {
  readFile: (path: string) => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Today's date, used when `summary` is given no `--as-of`. */
  today: () => string;
}

export const usage = [
  "Usage:",
  "  stalking-plan validate <file>                 check an action plan JSON file",
  "  stalking-plan summary <file> [--as-of DATE] [--addressee NAME]",
  "      progress table; overdue as of DATE (default today) for the recommendations",
  `      addressed to NAME (default chief-constables; one of ${addressees.join(", ")})`,
  "",
  "Exit code 0 when the plan is valid, 1 otherwise.",
];

async function load(path: string, io: CliIo) {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    io.err(`Error: cannot read ${path}${code === "ENOENT" ? ": no such file" : `: ${String(error)}`}`);
    return undefined;
  }
  const result = parseActionPlanJson(text);
  if (!result.ok) {
    const count = result.errors.length;
    io.err(`Error: ${path} is not a valid action plan (${count} problem${count === 1 ? "" : "s"}):`);
    for (const line of formatErrors(result.errors)) io.err(line);
    return undefined;
  }
  return result.value;
}

function fail(io: CliIo, message: string): number {
  io.err(`Error: ${message}`);
  for (const line of usage) io.err(line);
  return 1;
}

/**
 * Runs `stalking-plan` with the arguments after the program name and returns the exit code.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    for (const line of usage) (command === undefined ? io.err : io.out)(line);
    return command === undefined ? 1 : 0;
  }
  if (command !== "validate" && command !== "summary") return fail(io, `unknown command "${command}"`);

  const files: string[] = [];
  const options: { asOf?: string; addressee?: Addressee } = {};
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
    } else if (arg.startsWith("-")) return fail(io, `unknown option "${arg}" for ${command}`);
    else files.push(arg);
  }
  if (files.length !== 1) return fail(io, `${command} needs exactly one file, got ${files.length}`);
  const [file = ""] = files;

  const plan = await load(file, io);
  if (!plan) return 1;
  if (command === "validate") {
    io.out(`OK: ${file} is a valid action plan for ${plan.force} (${plan.responses.length} responses).`);
    return 0;
  }
  for (const line of formatSummary(summarisePlan(plan, { ...options, asOf: options.asOf ?? io.today() }))) io.out(line);
  return 0;
}
