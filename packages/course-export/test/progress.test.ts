import { course } from "@stalking-response/curriculum";
import { describe, expect, it } from "vitest";
import { decodeProgress, emptyProgress, encodeProgress, largestProgress, scorm12SuspendDataLimit } from "../src/index";

describe("suspend_data", () => {
  it.each(course.modules.map((module) => [module.id, module] as const))(
    "stays far inside SCORM 1.2's 4,096 characters for %s, measured at its largest",
    (id, module) => {
      const size = encodeProgress(largestProgress(module)).length;
      console.log(`${id}: largest suspend_data ${size} of ${scorm12SuspendDataLimit} characters`);
      expect(size).toBeLessThan(scorm12SuspendDataLimit / 4);
    },
  );

  it("reads back what it wrote", () => {
    const module = course.modules[0];
    if (!module) throw new Error("no module");
    const record = largestProgress(module);
    expect(decodeProgress(encodeProgress(record), module.version, record.a.length)).toEqual(record);
  });

  it("starts afresh, keeping a pass, when the module version changed or the record is unreadable", () => {
    const record = { ...emptyProgress("1.0.0", 2), a: [[0], [1]], p: true };
    expect(decodeProgress(encodeProgress(record), "1.1.0", 2)).toEqual({ ...emptyProgress("1.1.0", 2), p: true });
    expect(decodeProgress("not json", "1.0.0", 2)).toEqual(emptyProgress("1.0.0", 2));
    expect(decodeProgress('{"f":2}', "1.0.0", 2)).toEqual(emptyProgress("1.0.0", 2));
  });
});
