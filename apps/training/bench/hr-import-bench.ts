/**
 * HR import benchmark (issue 15): a force's whole people file, previewed and applied over HTTP against the app in
 * this process. Prints numbers; never passes or fails on time. Goal: 50,000 rows preview in under 30 s on PGlite.
 *
 *   cd apps/training
 *   tsx --conditions=@stalking-response/source bench/hr-import-bench.ts                  # 50,000 rows, PGlite
 *   tsx --conditions=@stalking-response/source bench/hr-import-bench.ts --rows 100000 \
 *     --database-url postgres://postgres@127.0.0.1:5432/test                              # a fresh database beside it
 *
 * The file names every person of a force of 10 commands of 5 teams (units as "Command / Team", job roles in
 * words), as HR would send it. Timed, each as the admin's browser would send it:
 *  1. the first preview of a full load (every row a new person), and its apply;
 *  2. the same file again (every row unchanged), previewed and applied (idempotence: nothing written);
 *  3. next month's file: 1% moved to another team, 1% left (a full load disables them), 1% new starters;
 * and, as the floor in the same run, reading and checking the same bytes as CSV alone (no database).
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createAccount, createUnit, ensureForce } from "../src/server/accounts";
import { buildApp } from "../src/server/app";
import { migrate } from "../src/server/db/client";
import { parseEnv } from "../src/server/env";
import { readCsv, rowShapeErrors } from "../src/server/imports/csv-import";
import { defaultCatalog } from "../src/server/start";
import { ImportPreviewSchema, ImportResultSchema, PEOPLE_COLUMNS, importPaths } from "../src/shared/import-api";
import { TestClient } from "../test/support/client";
import { openBenchDatabase } from "./bench-database";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "50000" },
    "database-url": { type: "string" },
  },
});
const rows = Number(args.rows);
if (!Number.isInteger(rows) || rows < 1) throw new Error("--rows must be a whole number above 0");
const FORCE = "bench";
const PASSWORD = "bench admin password, long enough";
const say = (line: string) => console.log(line);
const load = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(", ")}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const COMMANDS = 10;
const TEAMS = 5;
const JOB_ROLES = ["Response officer", "Investigator", "Call handler", "Supervisor", "Staff"];

interface Person {
  number: number;
  team: number;
}

/** One HR row per person, as a force's HR system would export it. */
function fileOf(people: readonly Person[]) {
  const lines = [PEOPLE_COLUMNS.join(",")];
  for (const { number, team } of people) {
    const command = Math.floor(team / TEAMS);
    lines.push(
      [
        `E${String(number).padStart(7, "0")}`,
        `C${number}`,
        `Given${number}`,
        `Family${number}`,
        `person${number}@hr.bench.invalid`,
        `Command ${command} / Team ${command}-${team % TEAMS}`,
        JOB_ROLES[number % JOB_ROLES.length],
        "",
        "2026-01-05",
        "active",
      ].join(","),
    );
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

async function timed<T>(what: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await what();
  return [result, performance.now() - start];
}

async function main() {
  const opened = await openBenchDatabase("training_hr_import", args["database-url"]);
  const { database, label } = opened;
  await migrate(database);
  const env = parseEnv({ LOG_LEVEL: "silent", SEED_DEMO: "never", JOBS: "false", NODE_ENV: "test" });
  const app = await buildApp({ env, database, catalog: defaultCatalog() });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    await ensureForce(database.db, { id: FORCE, name: "Bench Constabulary" });
    for (let command = 0; command < COMMANDS; command += 1) {
      const parentId = await createUnit(database.db, { forceId: FORCE, name: `Command ${command}`, kind: "command" });
      for (let team = 0; team < TEAMS; team += 1) {
        await createUnit(database.db, {
          forceId: FORCE,
          name: `Team ${command}-${team}`,
          kind: "team",
          parentId,
        });
      }
    }
    await createAccount(database.db, {
      forceId: FORCE,
      email: "admin@hr.bench.invalid",
      displayName: "Bench Admin",
      role: "admin",
      jobRole: "staff",
      password: PASSWORD,
    });
    const admin = new TestClient(base);
    await admin.signIn("admin@hr.bench.invalid", PASSWORD);

    const send = async (path: string, file: Buffer) => {
      const response = await admin.request("POST", path, {
        body: file as unknown as string,
        headers: { "content-type": "text/csv" },
      });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as unknown;
    };
    const preview = async (file: Buffer) =>
      ImportPreviewSchema.parse(await send(`${importPaths.peoplePreview}?load=full`, file));
    const apply = async (file: Buffer, fingerprint: string) =>
      ImportResultSchema.parse(await send(`${importPaths.peopleApply}?load=full&fingerprint=${fingerprint}`, file));

    const people = Array.from({ length: rows }, (_, number) => ({ number, team: number % (COMMANDS * TEAMS) }));
    const first = fileOf(people);
    say(`HR import bench: ${rows.toLocaleString("en-GB")} rows (${(first.length / 1e6).toFixed(1)} MB) on ${label}`);
    say(load());

    const [, floor] = await timed(() => {
      const read = readCsv(first, {
        known: PEOPLE_COLUMNS,
        required: ["employee_number", "given_name", "family_name", "email", "job_role"],
      });
      for (const row of read) rowShapeErrors(row);
      return Promise.resolve();
    });
    say(`floor: reading and checking the CSV alone      ${seconds(floor)}`);

    const report = async (name: string, file: Buffer) => {
      const [shown, previewMs] = await timed(() => preview(file));
      // The files are clean: an error here means the bench, not the import, is wrong.
      if (shown.counts.error > 0) throw new Error(`${name}: ${shown.counts.error} rows in error`);
      say(`${name}: preview ${seconds(previewMs)}  ${JSON.stringify(shown.counts)}`);
      const [applied, applyMs] = await timed(() => apply(file, shown.fingerprint));
      say(`${name}: apply   ${seconds(applyMs)}  ${JSON.stringify(applied.counts)}`);
      return previewMs;
    };
    const firstPreview = await report("1. first full load ", first);
    await report("2. the same file    ", first);
    const moved = new Set<number>();
    const left = new Set<number>();
    for (let number = 0; number < rows; number += 100) moved.add(number);
    for (let number = 50; number < rows; number += 100) left.add(number);
    const next = people
      .filter((person) => !left.has(person.number))
      .map((person) =>
        moved.has(person.number) ? { ...person, team: (person.team + 1) % (COMMANDS * TEAMS) } : person,
      )
      .concat(Array.from({ length: Math.ceil(rows / 100) }, (_, k) => ({ number: rows + k, team: k % 50 })));
    await report("3. next month's file", fileOf(next));
    say(load());
    say(
      `first preview ${seconds(firstPreview)} for ${rows.toLocaleString("en-GB")} rows: goal under 30 s on PGlite (${(firstPreview / floor).toFixed(1)}× the CSV floor)`,
    );
  } finally {
    await app.close();
    await opened.dispose();
  }
}

await main();
