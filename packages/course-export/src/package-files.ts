import type { Course } from "@stalking-response/curriculum";
import { modulePage } from "./page";
import { readPlayerAssets } from "./player-assets";
import type { Standard } from "./player-data";
import { planPackage, type ExportResult, type PackagePlan } from "./selection";
import { zipFiles } from "./zip";

/** A package ready to write: its zip bytes, a file name and what it holds. */
export interface CoursePackage {
  /** e.g. `stalking-response-recognising-stalking-1.0.0-scorm12.zip`. */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** Every path in the zip, in order. */
  readonly files: readonly string[];
  /** The modules inside, with the version each was packaged at. */
  readonly modules: readonly { id: string; version: string }[];
}

/** The manifest a package would carry, without building the package. */
export function manifestFor(
  course: Course,
  options: unknown,
  write: (plan: PackagePlan) => string,
): ExportResult<string> {
  const plan = planPackage(course, options);
  return plan.ok ? { ok: true, value: write(plan.value) } : plan;
}

/** Folder of one module in a package. */
export const moduleFolder = (moduleId: string) => moduleId;

/** The shared player files every module page loads. */
export const sharedFiles = ["shared/player.js", "shared/player.css"] as const;

/**
 * Builds the files of a package for one standard: each module's page, the shared player and the manifest the
 * standard asks for (written by `manifest(plan)`), then zips them.
 */
export function buildPackage(
  course: Course,
  options: unknown,
  standard: Standard,
  manifest: { path: string; write: (plan: PackagePlan) => string },
): ExportResult<CoursePackage> {
  const planned = planPackage(course, options);
  if (!planned.ok) return planned;
  const assets = readPlayerAssets();
  if (!assets.ok) return { ok: false, issues: [{ path: ["player"], message: assets.message }] };
  const plan = planned.value;
  const files = new Map<string, string | Uint8Array>();
  files.set(manifest.path, manifest.write(plan));
  for (const packaged of plan.modules) {
    files.set(`${moduleFolder(packaged.module.id)}/index.html`, modulePage(packaged, standard, course.title));
  }
  files.set("shared/player.js", assets.value["player.js"]);
  files.set("shared/player.css", assets.value["player.css"]);
  const only = plan.modules.length === 1 ? plan.modules[0] : undefined;
  const name = only ? `${course.id}-${only.module.id}-${only.module.version}` : `${course.id}-course-${course.version}`;
  const force = plan.modules.find((packaged) => packaged.localPolicyForce !== undefined)?.localPolicyForce;
  const forceSuffix = force
    ? `-${force
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}`
    : "";
  return {
    ok: true,
    value: {
      fileName: `${name}${forceSuffix}-${standard}.zip`,
      bytes: zipFiles(files),
      files: [...files.keys()],
      modules: plan.modules.map((packaged) => ({ id: packaged.module.id, version: packaged.module.version })),
    },
  };
}
