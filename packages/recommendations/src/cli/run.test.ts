import { describe, expect, it } from "vitest";
import { essexActionPlan } from "../dataset/essex";
import { runCli } from "./run";

// Argument handling in-process; test/cli.test.ts runs the real command as a child process.
async function run(args: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    readFile: (path) => {
      const text = files[path];
      return text === undefined
        ? Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" }))
        : Promise.resolve(text);
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    today: () => "2024-10-01",
  });
  return { code, out, err };
}

const plan = { "plan.json": JSON.stringify(essexActionPlan) };

describe("runCli", () => {
  it.each([
    [["publish", "plan.json"], 'Error: unknown command "publish"'],
    [["validate"], "Error: validate needs exactly one file, got 0"],
    [["validate", "a.json", "b.json"], "Error: validate needs exactly one file, got 2"],
    [["validate", "--fast", "plan.json"], 'Error: unknown option "--fast" for validate'],
    [["validate", "--as-of", "2025-01-01", "plan.json"], 'Error: unknown option "--as-of" for validate'],
    [["summary", "plan.json", "--as-of"], "Error: --as-of needs a date written YYYY-MM-DD, got nothing"],
    [
      ["summary", "plan.json", "--as-of=2025-02-30"],
      'Error: --as-of needs a date written YYYY-MM-DD, got "2025-02-30"',
    ],
    [["summary", "plan.json", "--addressee", "college-of-policing"], "Error: --addressee needs one of home-office"],
    [["summary", "plan.json", "--addressee"], "Error: --addressee needs one of"],
  ])("rejects %j with usage and exit code 2", async (args, message) => {
    const result = await run(args, plan);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err[0]).toContain(message);
    expect(result.err).toContain("Usage:");
  });

  it("validates with --json: one JSON result on stdout, exit 0 or 1", async () => {
    const valid = await run(["validate", "--json", "plan.json"], plan);
    expect(valid).toMatchObject({ code: 0, err: [] });
    expect(JSON.parse(valid.out.join(""))).toEqual({
      ok: true,
      file: "plan.json",
      force: "Essex Police",
      responses: essexActionPlan.responses.length,
    });
    const invalid = await run(["validate", "plan.json", "--json"], { "plan.json": '{"force": 3}' });
    expect(invalid).toMatchObject({ code: 1, err: [] });
    const result = JSON.parse(invalid.out.join("")) as { ok: boolean; issues: { path: string[]; message: string }[] };
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual({ path: ["force"], message: "force: must be text, not a number" });
    const missing = await run(["validate", "--json", "nowhere.json"]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out.join(""))).toMatchObject({
      ok: false,
      issues: [{ message: "cannot read nowhere.json: no such file" }],
    });
  });

  it("accepts a plan file that starts with a UTF-8 byte order mark", async () => {
    const result = await run(["validate", "plan.json"], { "plan.json": `\uFEFF${JSON.stringify(essexActionPlan)}` });
    expect(result.code).toBe(0);
  });

  it("prints the version it is given for --version", async () => {
    const result = await runCli(["--version"], {
      readFile: () => Promise.reject(new Error("unused")),
      out: (line) => expect(line).toBe("1.2.3"),
      err: () => undefined,
      today: () => "2024-10-01",
      version: "1.2.3",
    });
    expect(result).toBe(0);
  });

  it("judges overdue items as of today when --as-of is left out", async () => {
    const result = await run(["summary", "plan.json"], plan);
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe("Essex Police: progress as of 2024-10-01");
    expect(result.out).toContain("Nothing overdue.");
  });

  it("summarises the recommendations for another addressee", async () => {
    const result = await run(["summary", "plan.json", "--addressee=pccs", "--as-of", "2025-04-01"], plan);
    expect(result.code).toBe(0);
    const rows = result.out.filter((line) => /^\d+ /.test(line)).map((line) => line.split(/\s+/)[0]);
    // PCC recommendations plus everything Essex answers.
    expect(rows).toEqual([
      "7",
      "10",
      "11",
      "12",
      "13",
      "14",
      "15",
      "16",
      "17",
      "18",
      "20",
      "22",
      "23",
      "25",
      "27",
      "28",
    ]);
    expect(result.out.find((line) => line.startsWith("15 "))).toMatch(/^15\s+no-response\s+2025-03-27\s+yes\s+/);
  });

  it("reports a read failure other than a missing file", async () => {
    const result = await runCli(["validate", "dir"], {
      readFile: () =>
        Promise.reject(Object.assign(new Error("EISDIR: illegal operation on a directory"), { code: "EISDIR" })),
      out: () => undefined,
      err: (line) => expect(line).toBe("Error: cannot read dir: Error: EISDIR: illegal operation on a directory"),
      today: () => "2024-10-01",
    });
    expect(result).toBe(1);
  });

  it("prints help to stdout for help", async () => {
    for (const flag of ["--help", "-h", "help"]) {
      const result = await run([flag]);
      expect(result).toMatchObject({ code: 0, err: [] });
      expect(result.out[0]).toBe("Usage:");
    }
  });
});
