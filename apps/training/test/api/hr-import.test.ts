import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUnit } from "../../src/server/accounts";
import { auditLog, users } from "../../src/server/db/schema";
import { ImportPreviewSchema, ImportResultSchema } from "../../src/shared/import-api";
import type { ImportPreview } from "../../src/shared/import-api";
import { PASSWORD, startTestApp } from "../support/app";
import type { TestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

/** Issue 15: people from HR by CSV, previewed row by row, applied in one transaction, idempotent. */
describe.each(databaseTargets)("HR import of people on $name", (target) => {
  let t: TestApp;
  let admin: TestClient;
  let leaverId: string;
  const tag = target.name;
  const HEADER = "Employee Number,collar_number,given_name,family_name,email,unit,job_role,role,placed_date,status";

  beforeAll(async () => {
    t = await startTestApp(target);
    admin = await t.as(t.people.adminA);
    const command = await createUnit(t.database.db, { forceId: "force-a", name: "North Command", kind: "command" });
    await createUnit(t.database.db, { forceId: "force-a", name: "North Response", kind: "team", parentId: command });
    // Someone HR manages (an employee number) whom the file below leaves out: a full load disables them.
    leaverId = await createAccount(t.database.db, {
      forceId: "force-a",
      email: `leaver.${tag}@test.invalid`,
      displayName: "Long Gone",
      role: "officer",
      jobRole: "staff",
      password: PASSWORD,
      employeeNumber: `E-LEAVER-${tag}`,
    });
  }, 120_000);
  afterAll(() => t?.close());

  const send = (client: TestClient, path: string, file: string | Buffer, contentType = "text/csv") =>
    client.request("POST", path, {
      body: file as string,
      headers: { "content-type": contentType },
    });
  const preview = async (file: string | Buffer, load = "full"): Promise<ImportPreview> => {
    const response = await send(admin, `/api/admin/imports/people/preview?load=${load}`, file);
    expect(response.status, await response.clone().text()).toBe(200);
    return ImportPreviewSchema.parse(await response.json());
  };
  const apply = (file: string | Buffer, fingerprint: string, load = "full") =>
    send(admin, `/api/admin/imports/people/apply?load=${load}&fingerprint=${fingerprint}`, file);

  const file = () =>
    [
      HEADER,
      // 2: a new starter, unit by its command and name
      `E100-${tag},C100${tag},Ada,Lovelace,ada.${tag}@test.invalid,North Command / North Response,Response officer,,2026-01-05,`,
      // 3: officer A, matched by email (no employee number yet): linked, and moved to a new job role
      `E101-${tag},,Test,officerA,${t.people.officerA.email},A Response,investigator,,,active`,
      // 4: errors in three cells
      `E102-${tag},,Bad,Row,not-an-email,Nowhere,detective,,,`,
      // 5: the same employee number as row 2
      `E100-${tag},,Dup,Licate,dup.${tag}@test.invalid,,staff,,,`,
      // 6: another force's email address
      `E103-${tag},,Other,Force,${t.people.officerB.email},,staff,,,`,
    ].join("\r\n");

  it("previews every row's outcome, naming row and column for each error, and writes nothing", async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file(), "utf8")]);
    const shown = await preview(withBom);
    expect(shown.counts).toEqual({ create: 1, update: 1, disable: 1, unchanged: 0, error: 3 });
    const byRow = new Map(shown.rows.map((row) => [row.row, row]));
    expect(byRow.get(2)).toMatchObject({ outcome: "create", name: "Ada Lovelace" });
    expect(byRow.get(2)?.changes).toContainEqual({ field: "unit", from: null, to: "North Response" });
    expect(byRow.get(3)).toMatchObject({ outcome: "update" });
    expect(byRow.get(3)?.changes).toEqual(
      expect.arrayContaining([
        { field: "employee_number", from: null, to: `E101-${tag}` },
        { field: "job_role", from: "Response officer", to: "Investigator" },
      ]),
    );
    expect(byRow.get(4)?.outcome).toBe("error");
    expect(
      byRow
        .get(4)
        ?.errors.map((error) => error.column)
        .sort(),
    ).toEqual(["email", "job_role", "unit"]);
    expect(byRow.get(5)?.errors).toContainEqual({ column: "employee_number", reason: "is also on row 2" });
    expect(byRow.get(6)?.errors).toContainEqual({ column: "email", reason: "is already in use" });
    expect(byRow.get(null)).toMatchObject({ outcome: "disable", key: `E-LEAVER-${tag}`, name: "Long Gone" });
    const [created] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, `ada.${tag}@test.invalid`));
    expect(created).toBeUndefined();
  });

  it("a change-only load disables nobody the file leaves out", async () => {
    const shown = await preview(file(), "change-only");
    expect(shown.counts.disable).toBe(0);
  });

  it("applies what it previewed in one go; the same file again changes nothing", async () => {
    const shown = await preview(file());
    const response = await apply(file(), shown.fingerprint);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(ImportResultSchema.parse(await response.json()).counts).toEqual(shown.counts);

    const [ada] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, `ada.${tag}@test.invalid`));
    expect(ada).toMatchObject({ employeeNumber: `E100-${tag}`, role: "officer", jobRole: "response-officer" });
    expect(ada?.placedAt.toISOString()).toBe("2026-01-05T00:00:00.000Z");
    // No password: single sign-on, or a reset link an admin hands over.
    await expect(t.client().signIn(`ada.${tag}@test.invalid`, PASSWORD)).rejects.toThrow(/401/);
    const [officer] = await t.database.db.select().from(users).where(eq(users.id, t.people.officerA.id));
    expect(officer).toMatchObject({ employeeNumber: `E101-${tag}`, jobRole: "investigator" });
    const [leaver] = await t.database.db.select().from(users).where(eq(users.id, leaverId));
    expect(leaver?.disabledAt).not.toBeNull();
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.forceId, "force-a"), eq(auditLog.action, "import.people")));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.details).toMatchObject({ load: "full", counts: shown.counts });

    const again = await preview(file());
    expect(again.counts).toEqual({ create: 0, update: 0, disable: 0, unchanged: 2, error: 3 });
    const second = await apply(file(), again.fingerprint);
    expect(second.status).toBe(200);
    const [stillAda] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, `ada.${tag}@test.invalid`));
    expect(stillAda).toEqual(ada);
  });

  it("refuses to apply when the records changed under the preview, or with another file's fingerprint", async () => {
    const changed = `${HEADER}\nE100-${tag},C100${tag},Ada,King,ada.${tag}@test.invalid,,Response officer,,2026-01-05,`;
    const shown = await preview(changed, "change-only");
    expect(shown.rows[0]).toMatchObject({
      outcome: "update",
      changes: [{ field: "name", from: "Ada Lovelace", to: "Ada King" }],
    });
    // Meanwhile someone else renames her: the preview no longer says what applying would do.
    await t.database.db
      .update(users)
      .set({ displayName: "Ada Byron" })
      .where(eq(users.email, `ada.${tag}@test.invalid`));
    const refused = await expectProblem(await apply(changed, shown.fingerprint, "change-only"), 409);
    expect(refused.type).toMatch(/import-outdated$/);
    expect(refused.errors?.[0]?.field).toBe("query.fingerprint");
    const other = await expectProblem(await apply(file(), shown.fingerprint, "change-only"), 409);
    expect(other.errors?.[0]?.field).toBe("query.fingerprint");
    const [ada] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, `ada.${tag}@test.invalid`));
    expect(ada?.displayName).toBe("Ada Byron");
  });

  it("never disables or demotes the admin importing, and re-enables a leaver who is back", async () => {
    const mine = `${HEADER}\nE-ADMIN-${tag},,Test,adminA,${t.people.adminA.email},,staff,officer,,left\nE-LEAVER-${tag},,Long,Gone,leaver.${tag}@test.invalid,,staff,,,active`;
    const shown = await preview(mine, "change-only");
    expect(shown.rows[0]?.errors.map((error) => error.column).sort()).toEqual(["role", "status"]);
    expect(shown.rows[1]?.changes).toContainEqual({ field: "status", from: "disabled", to: "active" });
    expect((await apply(mine, shown.fingerprint, "change-only")).status).toBe(200);
    const [leaver] = await t.database.db.select().from(users).where(eq(users.id, leaverId));
    expect(leaver?.disabledAt).toBeNull();
    // A full load without the admin in it leaves the admin alone too.
    const full = await preview(`${HEADER}\nE-LEAVER-${tag},,Long,Gone,leaver.${tag}@test.invalid,,staff,,,`);
    expect(full.rows.filter((row) => row.outcome === "disable").map((row) => row.name)).not.toContain("Test adminA");
  });

  it("refuses a file it cannot read, naming the file and why", async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\nE1,,Zo`),
      Buffer.from([0xeb]),
      Buffer.from(",X,x@test.invalid,,staff,,,\n"),
    ]);
    const notUtf8 = await expectProblem(await send(admin, "/api/admin/imports/people/preview?load=full", latin1), 400);
    expect(notUtf8.errors?.[0]).toMatchObject({ field: "file" });
    expect(notUtf8.errors?.[0]?.reason).toMatch(/not UTF-8 text \(first at row 2\)/);
    const missing = await expectProblem(
      await send(admin, "/api/admin/imports/people/preview?load=full", "employee_number,email\nE1,a@test.invalid\n"),
      400,
    );
    expect(missing.errors?.[0]?.reason).toMatch(/needs the columns given_name, family_name, job_role/);
    const unknown = await expectProblem(
      await send(admin, "/api/admin/imports/people/preview?load=full", `${HEADER},shoe_size\n`),
      400,
    );
    expect(unknown.errors?.[0]?.reason).toMatch(/"shoe_size"/);
    const quote = await expectProblem(
      await send(
        admin,
        "/api/admin/imports/people/preview?load=full",
        `${HEADER}\nE1,"unclosed,a,b,c@test.invalid,,staff,,,\n`,
      ),
      400,
    );
    expect(quote.errors?.[0]?.field).toBe("file");
    const json = await expectProblem(
      await send(
        admin,
        "/api/admin/imports/people/preview?load=full",
        JSON.stringify({ file: "x" }),
        "application/json",
      ),
      415,
    );
    expect(json.errors?.[0]?.field).toBe("header.content-type");
    const badLoad = await expectProblem(
      await send(admin, "/api/admin/imports/people/preview?load=partial", file()),
      400,
    );
    expect(badLoad.errors?.[0]?.field).toBe("query.load");
  });
});
