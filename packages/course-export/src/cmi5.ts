import type { Course } from "@stalking-response/curriculum";
import { buildPackage, manifestFor, moduleFolder, type CoursePackage } from "./package-files";
import type { ExportResult, PackagePlan } from "./selection";
import { escapeXml } from "./xml";

/** The cmi5 1.0 course-structure namespace. */
export const cmi5Namespace = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/** The activity id (an IRI) of the course or of one module's AU in a cmi5 package. */
export function cmi5ActivityId(plan: Pick<PackagePlan, "idBase" | "course">, moduleId?: string): string {
  const course = `${plan.idBase}courses/${plan.course.id}`;
  return moduleId === undefined ? course : `${course}/modules/${moduleId}`;
}

const text = (value: string) => `<langstring lang="en-GB">${escapeXml(value)}</langstring>`;

/**
 * The `cmi5.xml` of a package: the course, then one AU per module whose `moveOn` is `Passed` and whose
 * `masteryScore` is the module's pass mark as a fraction (80% → 0.8), so the LMS counts a module done exactly when
 * the learner reaches the pass mark, as the training app does.
 */
export function cmi5CourseStructure(plan: PackagePlan): string {
  const force = plan.modules.find((packaged) => packaged.localPolicyForce)?.localPolicyForce;
  const local = force ? ` Includes ${force}'s local-policy lesson.` : "";
  const aus = plan.modules
    .map(({ module }) => {
      const mastery = (module.knowledgeCheck.passMarkPercent / 100).toString();
      return `  <au id="${escapeXml(cmi5ActivityId(plan, module.id))}" moveOn="Passed" masteryScore="${mastery}" launchMethod="AnyWindow" activityType="http://adlnet.gov/expapi/activities/module">
    <title>${text(`${module.title} (version ${module.version})`)}</title>
    <description>${text(`${module.summary} Version ${module.version}, reviewed ${module.reviewedOn}, next review due ${module.nextReviewDue}. Pass mark ${module.knowledgeCheck.passMarkPercent}%.${local}`)}</description>
    <url>${moduleFolder(module.id)}/index.html</url>
  </au>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="${cmi5Namespace}">
  <course id="${escapeXml(cmi5ActivityId(plan))}">
    <title>${text(plan.course.title)}</title>
    <description>${text(`Stalking training for police officers and staff in England and Wales, version ${plan.course.version}.${local}`)}</description>
  </course>
${aus}
</courseStructure>
`;
}

/**
 * Exports modules as a cmi5 course package: `cmi5.xml` at the root and one AU per module, which follows the cmi5
 * launch sequence (fetch URL → auth token, `LMS.LaunchData` from the State API, `initialized`, then `completed` once
 * every lesson is opened, `failed` or `passed` with the context template, and `terminated`).
 *
 * Like the SCORM package, the AU marks the knowledge check in the browser, so the zip carries the answer key.
 *
 * @example
 * const result = exportCmi5(course);
 * if (result.ok) writeFileSync(result.value.fileName, result.value.bytes);
 */
export function exportCmi5(course: Course, options: unknown = {}): ExportResult<CoursePackage> {
  return buildPackage(course, options, "cmi5", { path: "cmi5.xml", write: cmi5CourseStructure });
}

/**
 * The `cmi5.xml` a cmi5 export would carry, without building the package.
 *
 * @example const xml = cmi5CourseStructureFor(course);
 */
export function cmi5CourseStructureFor(course: Course, options: unknown = {}): ExportResult<string> {
  return manifestFor(course, options, cmi5CourseStructure);
}
