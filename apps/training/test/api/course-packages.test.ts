import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoursePackagesResponseSchema, trainerPaths } from "../../src/shared/trainer-api";
import type { TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import type { TestClient } from "../support/client";
import { databaseTargets } from "../support/databases";
import { expectProblem } from "../support/problems";

const SPO = "stalking-protection-orders";

/** The names in a zip's central directory (stored uncompressed, so the bytes hold them as text). */
const zipHolds = (bytes: Uint8Array, name: string) => Buffer.from(bytes).includes(Buffer.from(name));

describe.each(databaseTargets)("course packages for other platforms on $name", (target) => {
  let t: TestApp;
  let trainer: TestClient;

  beforeAll(async () => {
    t = await startTestApp(target);
    trainer = await t.as(t.people.trainerA);
  });
  afterAll(() => t.close());

  it("lists the whole course and every module in both formats, with the version each packages", async () => {
    const response = await trainer.get(trainerPaths.coursePackages);
    expect(response.status).toBe(200);
    const { packages } = CoursePackagesResponseSchema.parse(await response.json());
    const scopes = ["course", ...t.catalog.modules.map((module) => module.id)];
    expect(packages.map((entry) => `${entry.standard}/${entry.scope}`)).toEqual([
      ...scopes.map((scope) => `scorm12/${scope}`),
      ...scopes.map((scope) => `cmi5/${scope}`),
    ]);
    const spo = packages.find((entry) => entry.standard === "cmi5" && entry.scope === SPO);
    expect(spo?.version).toBe(t.catalog.module(SPO)?.version);
    expect(spo?.href).toBe(`/api/trainer/course-packages/cmi5/${SPO}`);
  });

  it("downloads a module's SCORM 1.2 zip named with its version, the same bytes each time", async () => {
    const version = t.catalog.module(SPO)?.version ?? "";
    const first = await trainer.get(`/api/trainer/course-packages/scorm12/${SPO}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/zip");
    expect(first.headers.get("content-disposition")).toBe(
      `attachment; filename="stalking-response-${SPO}-${version}-scorm12.zip"`,
    );
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // "PK\3\4": a zip's first local header
    expect(zipHolds(bytes, "imsmanifest.xml")).toBe(true);
    expect(zipHolds(bytes, `${SPO}/index.html`)).toBe(true);
    expect(zipHolds(bytes, "risk-screening/index.html")).toBe(false);
    const again = new Uint8Array(
      await (await trainer.get(`/api/trainer/course-packages/scorm12/${SPO}`)).arrayBuffer(),
    );
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it("downloads the whole course as cmi5, with every module's AU", async () => {
    const response = await trainer.get("/api/trainer/course-packages/cmi5/course");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/filename="stalking-response-course-[\d.]+-cmi5\.zip"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(zipHolds(bytes, "cmi5.xml")).toBe(true);
    for (const module of t.catalog.modules) expect(zipHolds(bytes, `${module.id}/index.html`)).toBe(true);
  });

  it("answers 404 for a module the course does not have and 400 naming the standard for an unknown format", async () => {
    const missing = await expectProblem(await trainer.get("/api/trainer/course-packages/scorm12/no-such-module"), 404);
    expect(missing.detail).toMatch(/course package/);
    const bad = await expectProblem(await trainer.get(`/api/trainer/course-packages/scorm2004/${SPO}`), 400);
    expect(JSON.stringify(bad)).toContain("standard");
  });
});
