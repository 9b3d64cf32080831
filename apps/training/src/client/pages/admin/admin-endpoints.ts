import {
  AdminUnitSchema,
  AdminUnitsResponseSchema,
  AdminUserDetailSchema,
  AdminUserSchema,
  AdminUsersResponseSchema,
  ResetLinkResponseSchema,
  UnitResponseSchema,
  adminPaths,
  type NewUnitRequest,
  type NewUserRequest,
  type UpdateUnitRequest,
  type UpdateUserRequest,
} from "../../../shared/admin-api";
import { JobsReportSchema, notificationPaths } from "../../../shared/notifications-api";
import { call } from "../../api/client";

const user = (userId: string) => adminPaths.user.replace(":userId", encodeURIComponent(userId));

/** A page of the force's users, optionally only those matching `q` (name, email or collar number). */
export const getAdminUsers = (q: string, after: string | undefined) => {
  const query = new URLSearchParams({ limit: "50", ...(q === "" ? {} : { q }), ...(after ? { after } : {}) });
  return call("GET", `${adminPaths.users}?${query.toString()}`, AdminUsersResponseSchema);
};

/** One user with their latest sign-ins. */
export const getAdminUser = (userId: string) => call("GET", user(userId), AdminUserDetailSchema);

/** Creates a user with a temporary password. */
export const createUser = (body: NewUserRequest) => call("POST", adminPaths.users, AdminUserSchema, body);

/** Changes a user's role, job role or unit, or disables or re-enables them. */
export const updateUser = (userId: string, body: UpdateUserRequest) =>
  call("PATCH", user(userId), AdminUserSchema, body);

/** Issues a one-time password reset link for a user. */
export const issueResetLink = (userId: string) =>
  call("POST", adminPaths.userResetLinks.replace(":userId", encodeURIComponent(userId)), ResetLinkResponseSchema);

/** The force's units with people counts. */
export const getAdminUnits = () => call("GET", adminPaths.units, AdminUnitsResponseSchema);

/** Creates a command or a team. */
export const createUnit = (body: NewUnitRequest) => call("POST", adminPaths.units, UnitResponseSchema, body);

/** Renames, moves, closes or reopens a unit. */
export const updateUnit = (unitId: string, body: UpdateUnitRequest) =>
  call("PATCH", adminPaths.unit.replace(":unitId", encodeURIComponent(unitId)), AdminUnitSchema, body);

/** The job queue's counts, failed jobs and the force's emails that did not go. */
export const getJobsReport = () => call("GET", notificationPaths.jobs, JobsReportSchema);

/** Puts a failed job back in its queue for one more try. */
export const retryJob = (jobId: string) =>
  call(
    "POST",
    notificationPaths.jobRetry.replace(":jobId", encodeURIComponent(jobId)),
    (contract) => contract.EmptyAnswerSchema,
  );

/** Clears the failing-address mark on a person, so emails are sent to them again. */
export const clearEmailFailure = (userId: string) =>
  call(
    "DELETE",
    notificationPaths.userEmailFailure.replace(":userId", encodeURIComponent(userId)),
    (contract) => contract.EmptyAnswerSchema,
  );
