import { readFileSync } from "node:fs";
import { validateXML } from "xmllint-wasm";

const fixture = (path: string) => ({
  fileName: path.split("/").at(-1) ?? path,
  contents: readFileSync(new URL(`fixtures/xsd/${path}`, import.meta.url), "utf8"),
});

/** Validates a SCORM 1.2 imsmanifest.xml against the official ADL/IMS schemas; returns libxml2's errors. */
export async function scorm12ManifestErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "imsmanifest.xml", contents: xml }],
    schema: [fixture("scorm12/manifest.xsd")],
    preload: [
      fixture("scorm12/imscp_rootv1p1p2.xsd"),
      fixture("scorm12/adlcp_rootv1p2.xsd"),
      fixture("scorm12/ims_xml.xsd"),
    ],
  });
  // libxml2 warns that the 2001 ims_xml.xsd declares the xml namespace as its default; the warning does not
  // affect validation, so only an invalid result counts.
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}

/** Validates a cmi5.xml against the cmi5 course-structure schema; returns libxml2's errors. */
export async function cmi5StructureErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "cmi5.xml", contents: xml }],
    schema: [fixture("cmi5/CourseStructure.xsd")],
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
