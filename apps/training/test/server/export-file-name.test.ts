import { describe, expect, it } from "vitest";
import { exportFileName } from "../../src/server/trainer/export";

describe("the export's file name", () => {
  const now = new Date("2026-12-06T10:00:00Z");

  it("says the force and the day when nothing is filtered", () => {
    expect(exportFileName("essex", {}, null, now)).toBe("training-records-essex-2026-12-06.csv");
  });

  it("names the filter in the form's words, keeping a searched name out", () => {
    expect(
      exportFileName(
        "essex",
        { jobRole: "response-officer", module: "online-stalking", status: "overdue", q: "Alice Archer" },
        "North Team (Chelmsford) ",
        now,
      ),
    ).toBe(
      "training-records-essex-north-team-chelmsford-response-officer-online-stalking-overdue-search-2026-12-06.csv",
    );
  });

  it("makes a unit name with accents, quotes or slashes safe in a Content-Disposition header", () => {
    const name = exportFileName("essex", {}, 'Équipe "Sud"/Est\u202e', now);
    expect(name).toBe("training-records-essex-equipe-sud-est-2026-12-06.csv");
  });
});
