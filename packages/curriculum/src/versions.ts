import { compareVersions } from "./checks";
import { addDays } from "./dates";
import type { Module, ModuleRelease } from "./schema";

/** A problem with a request to the versions API, naming the field. */
export interface VersionIssue {
  path: (string | number)[];
  message: string;
}

/** The one result shape of this package: a value, or issues written for people. */
export type VersionResult<T> = { ok: true; value: T } | { ok: false; issues: VersionIssue[] };

/** A release of a module that reopens certification for learners who passed an earlier version. */
export interface MaterialChange {
  moduleId: string;
  version: string;
  /** The day the release was published, ISO `YYYY-MM-DD`; a host's grace period runs from it. */
  date: string;
  summary: string;
  /** The material facts whose change caused the release. */
  facts: string[];
}

const semver = /^\d+\.\d+\.\d+$/;

/**
 * The material releases of a module published after the version a learner passed, oldest first. An empty list
 * means the pass still counts (until `recertificationDueOn`); otherwise the host should show "content changed —
 * renew by …", using {@link renewBy} with the first change and the trainer's grace period.
 *
 * Hosts should store `module.version` with every pass. A version the module never had is refused, because
 * guessing would either reopen every pass or none.
 *
 * @example
 * const result = materialChangesSince(module, "1.0.0");
 * if (result.ok && result.value.length > 0) renewBy(result.value[0], 30); // "2027-01-05"
 */
export function materialChangesSince(
  module: Pick<Module, "id" | "history">,
  passedVersion: string,
): VersionResult<MaterialChange[]> {
  if (!semver.test(passedVersion)) {
    return {
      ok: false,
      issues: [
        { path: ["passedVersion"], message: `passedVersion must be a version such as 1.0.0, not "${passedVersion}"` },
      ],
    };
  }
  if (!module.history.some((release) => release.version === passedVersion)) {
    const known = module.history.map((release) => release.version).join(", ");
    return {
      ok: false,
      issues: [
        {
          path: ["passedVersion"],
          message: `passedVersion ${passedVersion} is not a release of module "${module.id}" (its releases are ${known})`,
        },
      ],
    };
  }
  const changes = module.history
    .filter((release) => release.material && compareVersions(release.version, passedVersion) > 0)
    .map((release: ModuleRelease) => ({
      moduleId: module.id,
      version: release.version,
      date: release.date,
      summary: release.summary,
      facts: [...release.facts],
    }))
    .reverse();
  return { ok: true, value: changes };
}

/**
 * The day by which a learner must renew after a material change: the change's date plus the trainer's grace period
 * in days (0 means at once).
 *
 * @returns an ISO date, or `undefined` when `graceDays` is not a whole number of days from 0 to 366.
 * @example renewBy({ date: "2026-12-06" }, 30) // "2027-01-05"
 */
export function renewBy(change: Pick<MaterialChange, "date">, graceDays: number): string | undefined {
  if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 366) return undefined;
  return addDays(change.date, graceDays);
}
