import { z } from "zod";
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
import {
  ScimTokenResponseSchema,
  SsoSettingsResponseSchema,
  identityPaths,
  type SsoSettingsRequest,
} from "../../../shared/identity-api";
import { ImportPreviewSchema, ImportResultSchema, importPaths, type LoadType } from "../../../shared/import-api";
import {
  LrsClientsResponseSchema,
  NewLrsClientResponseSchema,
  lrsClientPaths,
  type NewLrsClientRequest,
} from "../../../shared/lrs-api";
import {
  LrsForwardingResponseSchema,
  lrsForwardingPaths,
  type SaveLrsForwardingRequest,
} from "../../../shared/lrs-forwarding-api";
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

/** Sets a temporary password the user must change at their next sign-in (their sessions end). */
export const setTemporaryPassword = (userId: string, password: string) =>
  call("PUT", adminPaths.userTemporaryPassword.replace(":userId", encodeURIComponent(userId)), z.null(), { password });

/** The force's single sign-on settings (never the client secret), or `null` settings when none. */
export const getSsoSettings = () => call("GET", identityPaths.adminSso, SsoSettingsResponseSchema);

/** Saves the force's single sign-on settings; a client secret left out keeps the stored one. */
export const saveSsoSettings = (body: SsoSettingsRequest) =>
  call("PUT", identityPaths.adminSso, SsoSettingsResponseSchema, body);

/** Creates or replaces the force's SCIM token (shown this once). */
export const rotateScimToken = () => call("POST", identityPaths.adminScimToken, ScimTokenResponseSchema);
/** A dry run of an import file: every row's outcome. */
export const previewImport = (kind: "people" | "completions", file: Blob, load: LoadType) =>
  kind === "people"
    ? call(
        "POST",
        `${importPaths.peoplePreview}?${new URLSearchParams({ load }).toString()}`,
        ImportPreviewSchema,
        file,
      )
    : call("POST", importPaths.completionsPreview, ImportPreviewSchema, file);

/** Applies the same file with the fingerprint its preview gave. */
export const applyImport = (kind: "people" | "completions", file: Blob, load: LoadType, fingerprint: string) =>
  kind === "people"
    ? call(
        "POST",
        `${importPaths.peopleApply}?${new URLSearchParams({ load, fingerprint }).toString()}`,
        ImportResultSchema,
        file,
      )
    : call(
        "POST",
        `${importPaths.completionsApply}?${new URLSearchParams({ fingerprint }).toString()}`,
        ImportResultSchema,
        file,
      );
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

/** The force's xAPI clients (never their secrets), revoked ones too. */
export const getLrsClients = () => call("GET", lrsClientPaths.clients, LrsClientsResponseSchema);

/** Creates xAPI credentials for an outside client; the secret is in this answer only. */
export const createLrsClient = (body: NewLrsClientRequest) =>
  call("POST", lrsClientPaths.clients, NewLrsClientResponseSchema, body);

/** Revokes an xAPI client: its credentials stop working at once. */
export const revokeLrsClient = (clientId: string) =>
  call(
    "DELETE",
    lrsClientPaths.client.replace(":clientId", encodeURIComponent(clientId)),
    (contract) => contract.EmptyAnswerSchema,
  );

/** Where the force's records are forwarded, what waits and the last error (never the password); null when none. */
export const getLrsForwarding = () => call("GET", lrsForwardingPaths.forwarding, LrsForwardingResponseSchema);

/** Saves forwarding; a password left out keeps the stored one. */
export const saveLrsForwarding = (body: SaveLrsForwardingRequest) =>
  call("PUT", lrsForwardingPaths.forwarding, LrsForwardingResponseSchema, body);

/** Tries forwarding now, and sends again the records the LRS refused. */
export const retryLrsForwarding = () => call("POST", lrsForwardingPaths.retry, LrsForwardingResponseSchema);

/** Stops forwarding; records still waiting are dropped. */
export const stopLrsForwarding = () =>
  call("DELETE", lrsForwardingPaths.forwarding, (contract) => contract.EmptyAnswerSchema);
