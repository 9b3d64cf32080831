import type { Course } from "@stalking-response/curriculum";
import { buildPackage, manifestFor, moduleFolder, sharedFiles, type CoursePackage } from "./package-files";
import type { ExportResult, PackagePlan } from "./selection";
import { escapeXml } from "./xml";

const namespaces = {
  imscp: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
  adlcp: "http://www.adlnet.org/xsd/adlcp_rootv1p2",
};

/** SCORM 1.2 titles are at most 200 characters (imscp titleType). */
const title = (text: string) => escapeXml(text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** SCORM identifiers are xsd:ID: letters, digits, hyphens, starting with a letter. */
const xmlId = (...parts: string[]) => parts.join("-").replace(/[^A-Za-z0-9_.-]/g, "-");

function describe(plan: PackagePlan): { heading: string; version: string } {
  const only = plan.modules.length === 1 ? plan.modules[0] : undefined;
  return only
    ? { heading: only.module.title, version: only.module.version }
    : { heading: plan.course.title, version: plan.course.version };
}

/**
 * The `imsmanifest.xml` of a SCORM 1.2 package. It carries no inline IMS metadata (LOM): SCORM 1.2 makes it optional,
 * and its 2001 schema (imsmd_rootv1p2p1.xsd) is not deterministic, so no standard validator can check a manifest that
 * uses it. The version is in the manifest's `version` attribute and every item title; the description, review dates
 * and sources are in the player.
 *
 * The manifest holds one organisation, one item and one SCO per module (its
 * `adlcp:masteryscore` is the module's pass mark) and one shared asset resource for the player.
 */
export function scorm12Manifest(plan: PackagePlan): string {
  const { heading, version } = describe(plan);
  const courseId = xmlId(
    "srt",
    plan.course.id,
    plan.wholeCourse ? "course" : plan.modules.map(({ module }) => module.id).join("-"),
  );
  const items = plan.modules
    .map(
      ({
        module,
      }) => `      <item identifier="${xmlId("item", module.id)}" identifierref="${xmlId("sco", module.id)}" isvisible="true">
        <title>${title(`${module.title} (version ${module.version})`)}</title>
        <adlcp:masteryscore>${module.knowledgeCheck.passMarkPercent}</adlcp:masteryscore>
      </item>`,
    )
    .join("\n");
  const resources = plan.modules
    .map(
      ({
        module,
      }) => `    <resource identifier="${xmlId("sco", module.id)}" type="webcontent" adlcp:scormtype="sco" href="${moduleFolder(module.id)}/index.html">
      <file href="${moduleFolder(module.id)}/index.html"/>
      <dependency identifierref="player"/>
    </resource>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${courseId}" version="${escapeXml(version)}"
  xmlns="${namespaces.imscp}"
  xmlns:adlcp="${namespaces.adlcp}"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="${namespaces.imscp} imscp_rootv1p1p2.xsd ${namespaces.adlcp} adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="organisation">
    <organization identifier="organisation">
      <title>${title(heading)}</title>
${items}
    </organization>
  </organizations>
  <resources>
${resources}
    <resource identifier="player" type="webcontent" adlcp:scormtype="asset">
${sharedFiles.map((file) => `      <file href="${file}"/>`).join("\n")}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * Exports modules as a SCORM 1.2 package: `imsmanifest.xml`, one SCO per module and the shared, offline player.
 * The SCO reports `cmi.core.lesson_status` (incomplete, passed or failed), `cmi.core.score.raw/min/max` (percent),
 * `cmi.core.session_time`, and resumes through `cmi.suspend_data` and `cmi.core.lesson_location`.
 *
 * The package marks the knowledge check in the learner's browser, so it carries the answer key: anyone who opens
 * the zip can read it. Use the training app where that matters.
 *
 * @param options which modules (all when left out), a force's local-policy lesson, and the identifier base.
 * @returns the zip and its name, or every problem with the options, each naming the field.
 * @example
 * const result = exportScorm12(course, { modules: ["stalking-protection-orders"] });
 * if (result.ok) writeFileSync(result.value.fileName, result.value.bytes);
 */
export function exportScorm12(course: Course, options: unknown = {}): ExportResult<CoursePackage> {
  return buildPackage(course, options, "scorm12", { path: "imsmanifest.xml", write: scorm12Manifest });
}

/**
 * The `imsmanifest.xml` a SCORM 1.2 export would carry, without building the package.
 *
 * @example const manifest = scorm12ManifestFor(course, { modules: ["online-stalking"] });
 */
export function scorm12ManifestFor(course: Course, options: unknown = {}): ExportResult<string> {
  return manifestFor(course, options, scorm12Manifest);
}
