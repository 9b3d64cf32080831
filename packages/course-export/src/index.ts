export { exportScorm12, scorm12Manifest, scorm12ManifestFor } from "./scorm12";
export { cmi5ActivityId, cmi5CourseStructure, cmi5CourseStructureFor, cmi5Namespace, exportCmi5 } from "./cmi5";
export type { CoursePackage } from "./package-files";
export { ExportOptionsSchema, LocalPolicySchema, planPackage } from "./selection";
export type { ExportIssue, ExportOptions, ExportResult, LocalPolicy, PackagePlan, PackagedModule } from "./selection";
export {
  ProgressSchema,
  decodeProgress,
  emptyProgress,
  encodeProgress,
  largestProgress,
  scorm12SuspendDataLimit,
} from "./progress";
export type { Progress } from "./progress";
