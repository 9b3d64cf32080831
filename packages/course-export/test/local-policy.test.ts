import { readFileSync } from "node:fs";
import { course } from "@stalking-response/curriculum";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exportScorm12, LocalPolicySchema, planPackage } from "../src/index";

const example = parse(
  readFileSync(new URL("../examples/local-policy.example.yaml", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("a force's local-policy lesson", () => {
  it("parses the shipped example", () => {
    expect(LocalPolicySchema.safeParse(example).success).toBe(true);
  });

  it("is added last to the modules it names, with its sources, and shown in the package's player data", () => {
    const plan = planPackage(course, { localPolicy: example });
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const [first, second, third] = plan.value.modules;
    expect(first?.module.lessons.at(-1)?.id).toBe("local-policy");
    expect(second?.sources.map((source) => source.id)).toContain("example-stalking-policy");
    expect(third?.module.lessons.some((lesson) => lesson.id === "local-policy")).toBe(false);

    const exported = exportScorm12(course, { modules: ["recognising-stalking"], localPolicy: example });
    if (!exported.ok) throw new Error(JSON.stringify(exported.issues));
    const version = course.modules.find((module) => module.id === "recognising-stalking")?.version;
    expect(exported.value.fileName).toBe(
      `stalking-response-recognising-stalking-${version}-example-constabulary-fictional-scorm12.zip`,
    );
    const page = strFromU8(unzipSync(exported.value.bytes)["recognising-stalking/index.html"] ?? new Uint8Array());
    expect(page).toContain("Our force's stalking policy");
    expect(page).toContain('"localPolicyForce":"Example Constabulary (fictional)"');
  });

  it("names the field when a citation does not resolve, an id clashes or a block cannot be packaged", () => {
    const lesson = example.lesson as { blocks: Record<string, unknown>[] };
    const broken = {
      ...example,
      sources: [{ ...(example.sources as object[])[0], id: "spa-2019" }],
      lesson: {
        ...lesson,
        id: "what-stalking-is",
        blocks: [
          { ...lesson.blocks[0], sources: ["nowhere"] },
          { id: "map", kind: "image", src: "map.png", alt: "A map of the force area" },
        ],
      },
    };
    const plan = planPackage(course, { localPolicy: broken });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    const paths = plan.issues.map((issue) => issue.path.join("."));
    expect(paths).toContain("localPolicy.lesson.blocks.0.sources.0");
    expect(paths).toContain("localPolicy.lesson.blocks.1.kind");
    expect(paths.some((path) => path.startsWith("localPolicy.sources.0"))).toBe(true);
  });

  it("rejects a local policy that does not fit the lesson schema, naming the field", () => {
    const plan = planPackage(course, { localPolicy: { ...example, force: "" } });
    expect(!plan.ok && plan.issues[0]?.path).toEqual(["localPolicy", "force"]);
  });
});
