import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { essexActionPlan } from "../src/index";

// The CLI runs as a real process from its TypeScript source, so `pnpm test` needs no build first.
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(packageDir, "node_modules/.bin/tsx");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ["--conditions=@stalking-response/source", "src/cli.ts", ...args],
      { cwd: packageDir, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

// Each test starts a Node process that compiles the CLI on the fly: allow for a busy machine.
vi.setConfig({ testTimeout: 150_000 });

let dir = "";
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "stalking-plan-"));
  writeFileSync(file("essex.json"), JSON.stringify(essexActionPlan, null, 2));
  writeFileSync(
    file("bad.json"),
    JSON.stringify({ force: "Testshire Police", responses: [{ id: "18.5", status: "done", narrative: "n" }] }),
  );
  writeFileSync(file("broken.json"), '{ "force": "Testshire Police", ');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("stalking-plan validate", () => {
  it("exits 0 and says so for a valid plan", async () => {
    const result = await run("validate", file("essex.json"));
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(
      `OK: ${file("essex.json")} is a valid action plan for Essex Police (${essexActionPlan.responses.length} responses).\n`,
    );
  });

  it("exits 1 and lists every problem with its path", async () => {
    const result = await run("validate", file("bad.json"));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      `Error: ${file("bad.json")} is not a valid action plan (3 problems):`,
      "  source: is required but missing",
      '  responses[0].id: "18.5" is not a recommendation or sub-item in the report (known ids: 1–29 and sub-items such as 12.1)',
      "  responses[0].status: must be one of: complete, in-progress, partial, not-started, not-applicable",
      "",
    ]);
  });

  it("exits 1 for a file that is not JSON", async () => {
    const result = await run("validate", file("broken.json"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The input is not valid JSON: /);
  });

  it("exits 1 for a missing file", async () => {
    const result = await run("validate", file("nowhere.json"));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Error: cannot read ${file("nowhere.json")}: no such file\n`);
  });
});

describe("stalking-plan summary", () => {
  it("prints a table per recommendation, totals and what is overdue", async () => {
    const result = await run("summary", file("essex.json"), "--as-of", "2025-03-28");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Essex Police: progress as of 2025-03-28");
    expect(lines[2]).toMatch(/^Rec\s+Status\s+Due\s+Overdue\s+Title\s+Items$/);
    expect(lines.find((l) => l.startsWith("18 "))).toMatch(/^18\s+partial\s+2025-03-27\s+yes\s+Quality of stalking/);
    expect(lines.find((l) => l.startsWith("22 "))).toMatch(/^22\s+complete\s+2025-09-27\s+no\s+/);
    expect(result.stdout).toContain("Recommendations by status: complete 6, in-progress 1, partial 8");
    expect(result.stdout).toContain("Overdue (18):");
    expect(result.stdout).toContain("Latest progress updates (1):");
    expect(result.stdout).toMatch(
      /\n {2}28\.2 2025-08-01 complete: The NPCC's progress report says each force provided a six-month update .* \(source: NPCC report on the progress made/,
    );
    expect(result.stdout).toContain("  12.1 was due 2025-03-27 and is in-progress");
  });

  it("accepts --as-of=DATE and reports nothing overdue before any deadline", async () => {
    const result = await run("summary", `--as-of=2024-10-01`, file("essex.json"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Nothing overdue.");
  });

  it("rejects a malformed --as-of with usage help and exit code 2", async () => {
    const result = await run("summary", file("essex.json"), "--as-of", "27/03/2025");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: --as-of needs a date written YYYY-MM-DD, got "27\/03\/2025"\nUsage:/);
  });
});

describe("stalking-plan usage", () => {
  it("prints help and exits 0 for --help", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage:\n {2}stalking-plan validate <file>/);
  });

  it("prints the package's version for --version", async () => {
    const result = await run("--version");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 2 with usage when given no command", async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage:/);
  });
});
