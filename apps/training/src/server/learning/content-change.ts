import { eq, inArray } from "drizzle-orm";
import type { Module } from "@stalking-response/curriculum";
import { materialChangesSince, renewBy } from "@stalking-response/curriculum";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { capReopenedPasses } from "../db/reopened-passes";
import { certificates, forces } from "../db/schema";
import { InvalidInput } from "../errors";

/** Days a force gives learners to renew after a material change, unless a trainer or admin sets another. */
export const DEFAULT_CONTENT_CHANGE_GRACE_DAYS = 90;
/** The longest grace period a force may set (the curriculum's `renewBy` allows up to a year). */
export const MAX_CONTENT_CHANGE_GRACE_DAYS = 366;

/** A pass that a later material change to its module has reopened. */
export interface ContentChange {
  /** The version the learner passed. */
  passedVersion: string;
  /** The first material release after it, and the day it was published. */
  changedVersion: string;
  changedOn: string;
  /** Change date + the force's grace period (`YYYY-MM-DD`): the pass stops counting after this day. */
  renewBy: string;
}

/**
 * Whether a pass at `passedVersion` predates a material change to `module`, and by when the learner must renew.
 * The first material release after the pass sets the date (its grace runs out first). A version the module
 * never had (an old certificate from before versions were kept) reopens nothing: guessing would reopen every pass.
 */
export function contentChangeOf(module: Module, passedVersion: string, graceDays: number): ContentChange | null {
  const changes = materialChangesSince(module, passedVersion);
  const first = changes.ok ? changes.value[0] : undefined;
  if (!first) return null;
  const by = renewBy(first, graceDays);
  if (by === undefined) return null;
  return { passedVersion, changedVersion: first.version, changedOn: first.date, renewBy: by };
}

/**
 * Every (module, version) whose passes a later material change reopens, with when they must be renewed by,
 * for a force with this grace period. Worked out from the curriculum alone, so the database only matches
 * certificates on (module, version).
 */
export function reopenedVersions(
  modules: readonly Module[],
  graceDays: number,
): { moduleId: Module["id"]; change: ContentChange }[] {
  return modules.flatMap((module) =>
    module.history.flatMap((release) => {
      const change = contentChangeOf(module, release.version, graceDays);
      return change ? [{ moduleId: module.id, change }] : [];
    }),
  );
}

/**
 * The moment a reopened pass stops counting: the last millisecond of its renew-by day (UTC, as the app's days
 * are), so its expiry reads as the renew-by day itself.
 */
export const renewByEnds = (renewBy: string): Date => new Date(Date.parse(`${renewBy}T23:59:59.999Z`));

/**
 * Makes a reopened pass expire at the end of its renew-by day, for each force given (every force when none
 * are), by its own grace period. Run when the server starts (a deploy may bring a material change) and when a
 * force changes its grace period; returns the passes changed.
 */
export async function applyContentChangeDeadlines(
  db: Db,
  catalog: Pick<Catalog, "modules">,
  forceIds?: readonly string[],
): Promise<number> {
  const targets =
    forceIds === undefined ? (await db.select({ id: forces.id }).from(forces)).map((force) => force.id) : [...forceIds];
  let changed = 0;
  for (const forceId of targets) {
    const deadlines = reopenedVersions(catalog.modules, await graceDaysOf(db, forceId)).map(({ moduleId, change }) => ({
      moduleId,
      passedVersion: change.passedVersion,
      endsAt: renewByEnds(change.renewBy),
    }));
    changed += await capReopenedPasses(db, forceId, deadlines);
  }
  return changed;
}

/** The module version on each of these certificates. */
export async function passedVersions(db: Db, certificateIds: readonly string[]): Promise<Map<string, string>> {
  if (certificateIds.length === 0) return new Map();
  const rows = await db
    .select({ id: certificates.id, version: certificates.moduleVersion })
    .from(certificates)
    .where(inArray(certificates.id, [...certificateIds]));
  return new Map(rows.map((row) => [row.id, row.version]));
}

/** The force's grace period in days. */
export async function graceDaysOf(db: Db, forceId: string): Promise<number> {
  const [row] = await db.select({ days: forces.contentChangeGraceDays }).from(forces).where(eq(forces.id, forceId));
  return row?.days ?? DEFAULT_CONTENT_CHANGE_GRACE_DAYS;
}

/** Sets the force's grace period; a trainer or admin of the force decides it. */
export async function setGraceDays(db: Db, forceId: string, days: number): Promise<number> {
  if (!Number.isInteger(days) || days < 0 || days > MAX_CONTENT_CHANGE_GRACE_DAYS) {
    throw InvalidInput.field(
      "body.graceDays",
      `must be a whole number of days from 0 to ${MAX_CONTENT_CHANGE_GRACE_DAYS}`,
    );
  }
  await db.update(forces).set({ contentChangeGraceDays: days }).where(eq(forces.id, forceId));
  return days;
}
