import { course, moduleIds } from "@stalking-response/curriculum";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { exportCmi5, exportScorm12, scorm12ManifestFor, cmi5CourseStructureFor } from "../src/index";
import { cmi5StructureErrors, scorm12ManifestErrors } from "./xsd";

describe("SCORM 1.2 export", () => {
  it("writes a manifest the official SCORM 1.2 schemas accept, for the course and for each module", async () => {
    for (const modules of [undefined, ...moduleIds.map((id) => [id])]) {
      const manifest = scorm12ManifestFor(course, { modules });
      if (!manifest.ok) throw new Error(JSON.stringify(manifest.issues));
      expect(await scorm12ManifestErrors(manifest.value)).toEqual([]);
    }
  });

  it("fails the schema check for a manifest that breaks it, so the check can fail", async () => {
    const manifest = scorm12ManifestFor(course);
    if (!manifest.ok) throw new Error("export failed");
    const broken = manifest.value.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"');
    expect((await scorm12ManifestErrors(broken)).join("\n")).toMatch(/scormtype/);
  });

  it("puts one SCO per module with its pass mark, and the shared player, in the zip", () => {
    const result = exportScorm12(course);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const files = unzipSync(result.value.bytes);
    expect(Object.keys(files).sort()).toEqual(
      ["imsmanifest.xml", "shared/player.css", "shared/player.js", ...moduleIds.map((id) => `${id}/index.html`)].sort(),
    );
    const manifest = strFromU8(files["imsmanifest.xml"] ?? new Uint8Array());
    expect(manifest.match(/adlcp:scormtype="sco"/g)).toHaveLength(moduleIds.length);
    expect(manifest.match(/<adlcp:masteryscore>80<\/adlcp:masteryscore>/g)).toHaveLength(moduleIds.length);
    const page = strFromU8(files["stalking-protection-orders/index.html"] ?? new Uint8Array());
    expect(page).toContain("connect-src 'none'");
    expect(page).not.toMatch(/https?:\/\/[^"]*\.(?:js|css)"/);
  });

  it("names the package after the module and its version", () => {
    const result = exportScorm12(course, { modules: ["online-stalking"] });
    const version = course.modules.find((module) => module.id === "online-stalking")?.version;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.ok && result.value.fileName).toBe(`stalking-response-online-stalking-${version}-scorm12.zip`);
  });

  it("rejects unknown modules naming the field", () => {
    const result = exportScorm12(course, { modules: ["stalking-law"] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toEqual(["modules", 0]);
  });
});

describe("cmi5 export", () => {
  it("writes a cmi5.xml the course-structure schema accepts, with moveOn and masteryScore from the pass mark", async () => {
    const xml = cmi5CourseStructureFor(course);
    if (!xml.ok) throw new Error(JSON.stringify(xml.issues));
    expect(await cmi5StructureErrors(xml.value)).toEqual([]);
    expect(xml.value.match(/moveOn="Passed" masteryScore="0.8"/g)).toHaveLength(moduleIds.length);
  });

  it("fails the schema check for a structure that breaks it", async () => {
    const xml = cmi5CourseStructureFor(course);
    if (!xml.ok) throw new Error("export failed");
    expect(await cmi5StructureErrors(xml.value.replace(/moveOn="Passed"/, 'moveOn="Finished"'))).not.toEqual([]);
  });

  it("zips cmi5.xml at the root with one AU page per module", () => {
    const result = exportCmi5(course, { modules: ["victims-rights"] });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(Object.keys(unzipSync(result.value.bytes)).sort()).toEqual(
      ["cmi5.xml", "shared/player.css", "shared/player.js", "victims-rights/index.html"].sort(),
    );
  });
});
