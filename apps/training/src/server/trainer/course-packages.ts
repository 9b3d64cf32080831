import { exportCmi5, exportScorm12 } from "@stalking-response/course-export";
import type { CoursePackage } from "@stalking-response/course-export";
import type { CoursePackageEntry, CoursePackageStandard } from "../../shared/trainer-api";
import { CoursePackageStandardSchema, trainerPaths } from "../../shared/trainer-api";
import type { Catalog } from "../catalog";
import { NotFound } from "../errors";

/** The whole course, as opposed to one module's id, in a package's scope. */
export const WHOLE_COURSE = "course";

const exporters = { scorm12: exportScorm12, cmi5: exportCmi5 } as const;
const standardNames: Record<CoursePackageStandard, string> = { scorm12: "SCORM 1.2", cmi5: "cmi5" };

/**
 * The SCORM 1.2 and cmi5 packages of the app's course, for trainers and admins to load into their force's own
 * learning platform. Each package is built the first time someone asks for it and then kept for the life of
 * the process: the course is fixed when the app starts (its content version is in every file name), a build
 * takes 70–400 ms of CPU that would stall other requests, and all twelve packages together are about 2 MB.
 */
export class CoursePackages {
  private readonly built = new Map<string, CoursePackage>();

  constructor(private readonly catalog: Catalog) {}

  /** Every package on offer: the whole course, then each module, in both formats. */
  list(): CoursePackageEntry[] {
    const { course } = this.catalog;
    const scopes = [
      { scope: WHOLE_COURSE, title: `${course.title} (all ${course.modules.length} modules)`, version: course.version },
      ...course.modules.map((module) => ({ scope: module.id, title: module.title, version: module.version })),
    ];
    return CoursePackageStandardSchema.options.flatMap((standard) =>
      scopes.map((entry) => ({
        standard,
        ...entry,
        title: `${entry.title}, ${standardNames[standard]}`,
        href: trainerPaths.coursePackage
          .replace(":standard", standard)
          .replace(":scope", encodeURIComponent(entry.scope)),
      })),
    );
  }

  /**
   * One package's zip. Throws `NotFound` for a scope that is neither `course` nor a module of the course; a
   * failure to build (the player was not built with the package) is a fault of the deployment, not the request.
   */
  get(standard: CoursePackageStandard, scope: string): CoursePackage {
    const key = `${standard}\u0000${scope}`;
    const cached = this.built.get(key);
    if (cached) return cached;
    if (scope !== WHOLE_COURSE && !this.catalog.module(scope)) throw new NotFound("course package");
    const result = exporters[standard](this.catalog.course, scope === WHOLE_COURSE ? {} : { modules: [scope] });
    if (!result.ok) {
      throw new Error(
        `course package ${standard}/${scope} could not be built: ${result.issues.map((i) => i.message).join("; ")}`,
      );
    }
    this.built.set(key, result.value);
    return result.value;
  }
}
