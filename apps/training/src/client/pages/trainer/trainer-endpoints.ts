import {
  AssignmentSchema,
  AssignmentsResponseSchema,
  ChartsResponseSchema,
  ContentChangesResponseSchema,
  CoursePackagesResponseSchema,
  EvidenceResponseSchema,
  PublishedPlanSchema,
  GridResponseSchema,
  GracePeriodSchema,
  GridSummaryResponseSchema,
  LearnerRecordResponseSchema,
  trainerPaths,
  UnitsResponseSchema,
  type GracePeriod,
  type NewAssignment,
} from "../../../shared/trainer-api";
import { call } from "../../api/client";

/** One keyset page of the completion grid for a query string built by {@link trainerQuery}. */
export const getGrid = (query: string) => call("GET", `${trainerPaths.grid}${query}`, GridResponseSchema);

/** Distinct people matching the filter, and per-module counts among them. */
export const getGridSummary = (query: string) =>
  call("GET", `${trainerPaths.gridSummary}${query}`, GridSummaryResponseSchema);

/** The force's units, for the unit filter. */
export const getUnits = () => call("GET", trainerPaths.units, UnitsResponseSchema);

/** One learner's whole record: training, attempts, certificates and the newest statements. */
export const getLearnerRecord = (userId: string) =>
  call("GET", trainerPaths.learner.replace(":userId", encodeURIComponent(userId)), LearnerRecordResponseSchema);

/** Where the CSV of the current filter downloads from (the same filter the grid shows). */
export const gridCsvHref = (query: string) => `${trainerPaths.gridCsv}${query}`;

/** Completion by module, by unit and over time, for the same filter as the grid. */
export const getCharts = (query: string) => call("GET", `${trainerPaths.charts}${query}`, ChartsResponseSchema);

/** Live training evidence for each training-related recommendation of the force's action plan. */
export const getEvidence = () => call("GET", trainerPaths.evidence, EvidenceResponseSchema);

/** The force's action plan with its progress updates, as it would be published. */
export const getPublishedPlan = () => call("GET", trainerPaths.publishedJson, PublishedPlanSchema);

/** The force's assignments, with how many people each covers. */
export const getAssignments = () => call("GET", trainerPaths.assignments, AssignmentsResponseSchema);

/** Assigns a module to a job role and/or a unit (a write: the client sends the CSRF header). */
export const createAssignment = (body: NewAssignment) => call("POST", trainerPaths.assignments, AssignmentSchema, body);

/** The SCORM 1.2 and cmi5 packages on offer, with where each downloads from. */
export const getCoursePackages = () => call("GET", trainerPaths.coursePackages, CoursePackagesResponseSchema);

/** Learners whose pass a material content change reopened, with the day each must renew by. */
export const getContentChanges = () => call("GET", trainerPaths.contentChanges, ContentChangesResponseSchema);

/** Sets the force's grace period for renewing after a content change (a write: the client sends the CSRF header). */
export const setGracePeriod = (body: GracePeriod) =>
  call("PUT", trainerPaths.contentChangeGrace, GracePeriodSchema, body);
