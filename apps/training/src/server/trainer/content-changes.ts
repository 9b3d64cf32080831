import { and, asc, count, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { ContentChangesResponse } from "../../shared/trainer-api";
import { audit } from "../audit";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import { certificates, completions, users } from "../db/schema";
import { applyContentChangeDeadlines, graceDaysOf, reopenedVersions, setGraceDays } from "../learning/content-change";

/** At most this many affected learners are listed; the total is always exact. */
export const CONTENT_CHANGES_LIST_LIMIT = 500;

/**
 * The force's learners whose current pass predates a material change to its module, with the date each must
 * renew by, and the force's grace period. One query: the versions a change reopens are worked out from the
 * curriculum first, so the database only matches certificates on (module, version).
 */
export async function contentChanges(
  db: Db,
  catalog: Catalog,
  forceId: string,
  now: Date,
): Promise<ContentChangesResponse> {
  const graceDays = await graceDaysOf(db, forceId);
  const reopened = reopenedVersions(catalog.modules, graceDays);
  if (reopened.length === 0) return { graceDays, total: 0, learners: [] };
  const matches = or(
    ...reopened.map(({ moduleId, change }) =>
      and(eq(certificates.moduleId, moduleId), eq(certificates.moduleVersion, change.passedVersion)),
    ),
  );
  const where = and(
    eq(completions.forceId, forceId),
    eq(completions.status, "completed"),
    gt(completions.expiresAt, now),
    isNull(users.disabledAt),
    matches,
  );
  const from = () =>
    db
      .select({ total: count() })
      .from(completions)
      .innerJoin(certificates, eq(certificates.id, completions.certificateId))
      .innerJoin(users, eq(users.id, completions.userId));
  const [[totals], rows] = await Promise.all([
    from().where(where),
    db
      .select({
        userId: users.id,
        displayName: users.displayName,
        collarNumber: users.collarNumber,
        moduleId: certificates.moduleId,
        passedVersion: certificates.moduleVersion,
        completedAt: completions.completedAt,
      })
      .from(completions)
      .innerJoin(certificates, eq(certificates.id, completions.certificateId))
      .innerJoin(users, eq(users.id, completions.userId))
      .where(where)
      .orderBy(asc(sql`lower(${users.displayName})`), asc(users.id), asc(certificates.moduleId))
      .limit(CONTENT_CHANGES_LIST_LIMIT),
  ]);
  const changeOf = new Map(reopened.map(({ moduleId, change }) => [`${moduleId}@${change.passedVersion}`, change]));
  return {
    graceDays,
    total: totals?.total ?? 0,
    learners: rows.flatMap((row) => {
      const change = changeOf.get(`${row.moduleId}@${row.passedVersion}`);
      const module = catalog.module(row.moduleId);
      if (!change || !module) return [];
      return [
        {
          userId: row.userId,
          displayName: row.displayName,
          collarNumber: row.collarNumber,
          moduleId: module.id,
          moduleTitle: module.title,
          ...change,
        },
      ];
    }),
  };
}

/** Sets the force's grace period after a material change, moves the reopened passes' deadlines, and records who changed it. */
export async function changeGracePeriod(
  db: Db,
  catalog: Pick<Catalog, "modules">,
  actor: { id: string; forceId: string },
  graceDays: number,
): Promise<{ graceDays: number }> {
  const days = await setGraceDays(db, actor.forceId, graceDays);
  // The reopened passes' deadlines move with the grace period, shorter or longer.
  await applyContentChangeDeadlines(db, catalog, [actor.forceId]);
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "content-change-grace",
    details: { graceDays: days },
  });
  return { graceDays: days };
}
