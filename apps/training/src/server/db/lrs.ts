import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { IMPORT_SOURCE_EXTENSION } from "../../shared/api";
import type { Db } from "./client";
import type { CompletionState } from "./completions";
import { certificates, completions, lrsClients, statements, users, xapiAttachments, xapiDocuments } from "./schema";

/**
 * The xAPI LRS's SQL (issue 19): client credentials, the people statements name, statement queries over the
 * shared log, document resources (State, Activity and Agent Profile) and attachment content. Everything is scoped to one force by its caller.
 */

/** An LRS client row. */
export type LrsClientRow = typeof lrsClients.$inferSelect;

export async function insertLrsClient(db: Db, row: typeof lrsClients.$inferInsert): Promise<LrsClientRow> {
  const [inserted] = await db.insert(lrsClients).values(row).returning();
  if (!inserted) throw new Error("lrs client insert returned nothing");
  return inserted;
}

export function lrsClientsOfForce(db: Db, forceId: string): Promise<LrsClientRow[]> {
  return db
    .select()
    .from(lrsClients)
    .where(eq(lrsClients.forceId, forceId))
    .orderBy(desc(lrsClients.createdAt), asc(lrsClients.id));
}

/** Revokes a client of the force (once); `undefined` when the force has no such client. */
export async function revokeLrsClientRow(db: Db, forceId: string, id: string, at: Date) {
  const [row] = await db
    .update(lrsClients)
    .set({ revokedAt: sql`coalesce(${lrsClients.revokedAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(lrsClients.id, id), eq(lrsClients.forceId, forceId)))
    .returning();
  return row;
}

/** The live clients with these Basic user names (one query for a batch of requests). */
export function liveLrsClientsByKeys(db: Db, keys: readonly string[]): Promise<LrsClientRow[]> {
  return db
    .select()
    .from(lrsClients)
    .where(and(inArray(lrsClients.key, [...keys]), isNull(lrsClients.revokedAt)));
}

/** A person of the force as a statement's learner. */
export interface ForcePerson {
  id: string;
  email: string;
  forceId: string;
  unitId: string | null;
  jobRole: string;
}

/** The people of these forces with these ids or (case-insensitive) emails; the caller keeps each to its force. */
export function forcePeople(
  db: Db,
  forceIds: readonly string[],
  ids: readonly string[],
  emails: readonly string[],
): Promise<ForcePerson[]> {
  if (forceIds.length === 0 || (ids.length === 0 && emails.length === 0)) return Promise.resolve([]);
  const lower = emails.map((email) => email.toLowerCase());
  const match: SQL[] = [];
  if (ids.length > 0) match.push(inArray(users.id, [...ids]));
  if (lower.length > 0) match.push(inArray(sql`lower(${users.email})`, lower));
  return db
    .select({
      id: users.id,
      email: users.email,
      forceId: users.forceId,
      unitId: users.unitId,
      jobRole: users.jobRole,
    })
    .from(users)
    .where(
      and(inArray(users.forceId, [...forceIds]), match.length === 1 ? match[0] : sql`(${sql.join(match, sql` OR `)})`),
    );
}

/** A stored statement as the LRS returns it. */
export interface StoredStatementRow {
  seq: number;
  id: string;
  stored: Date;
  /** `stored` at the database's full (microsecond) precision, for paging. */
  storedText: string;
  statement: Record<string, unknown>;
  voiding: boolean;
  /** Whether a voiding statement of the same force targets it. */
  voided: boolean;
}

const isVoided = (alias: string) =>
  sql.raw(
    `EXISTS (SELECT 1 FROM statements v WHERE v.ref_target = ${alias}.id AND v.voiding AND v.force_id = ${alias}.force_id)`,
  );

/** One statement of the force by id, with whether it is voided. */
export async function statementOfForce(db: Db, forceId: string, id: string): Promise<StoredStatementRow | undefined> {
  const result: unknown = await db.execute(sql`
    SELECT s.seq, s.id, s.stored, s.stored::text AS stored_text, s.statement, s.voiding, ${isVoided("s")} AS voided
    FROM statements s WHERE s.id = ${id} AND s.force_id = ${forceId}`);
  const [row] = rowsOf<RawRow>(result);
  return row ? toRow(row) : undefined;
}

/** The statements (of any force) with these ids: their force, learner and module, and whether they void another. */
export function statementsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: statements.id,
      forceId: statements.forceId,
      userId: statements.userId,
      moduleId: statements.moduleId,
      voiding: statements.voiding,
    })
    .from(statements)
    .where(inArray(statements.id, [...ids]));
}

/** The filters of a statement query, already resolved to columns and JSON fragments. */
export interface StatementFilter {
  /** The people an `agent` filter names in this force (the actor column). */
  actorUserIds?: readonly string[];
  /** The agent's identifier, matched against an Agent or Group object of the statement. */
  objectAgent?: Record<string, unknown>;
  /** JSON fragments any of which the statement may contain for the agent filter (related_agents). */
  agentFragments?: readonly Record<string, unknown>[];
  verb?: string;
  activity?: string;
  /** JSON fragments (context activities, sub-statement object) that also match the activity filter. */
  activityFragments?: readonly Record<string, unknown>[];
  registration?: string;
}

/** A statement query: the filter, the stored-time window, the order and where the page starts. */
export interface StatementQuery {
  forceId: string;
  filter: StatementFilter;
  since?: Date;
  until?: Date;
  ascending: boolean;
  /** The last (stored, seq) of the page before. */
  after?: { stored: string; seq: number };
  limit: number;
}

function filterOn(alias: string, filter: StatementFilter): SQL | undefined {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  const parts: SQL[] = [];
  if (filter.actorUserIds !== undefined || filter.objectAgent !== undefined || filter.agentFragments !== undefined) {
    const any: SQL[] = [];
    if (filter.actorUserIds?.length) any.push(sql`${column("user_id")} IN ${[...filter.actorUserIds]}`);
    if (filter.objectAgent !== undefined) {
      // Written to match the partial GIN index statements_object_agent_idx (migration 0017), so that "statements
      // with this agent as object" is an index lookup rather than a scan of the force's statements.
      any.push(
        sql`((${column("statement")} -> 'object' ->> 'objectType') IN ('Agent', 'Group') AND (${column("statement")} -> 'object') @> ${JSON.stringify(filter.objectAgent)}::jsonb)`,
      );
    }
    for (const fragment of filter.agentFragments ?? []) {
      any.push(sql`${column("statement")} @> ${JSON.stringify(fragment)}::jsonb`);
    }
    parts.push(any.length === 0 ? sql`false` : sql`(${sql.join(any, sql` OR `)})`);
  }
  if (filter.verb !== undefined) parts.push(sql`${column("verb")} = ${filter.verb}`);
  if (filter.activity !== undefined) {
    const any: SQL[] = [sql`${column("object_id")} = ${filter.activity}`];
    for (const fragment of filter.activityFragments ?? []) {
      any.push(sql`${column("statement")} @> ${JSON.stringify(fragment)}::jsonb`);
    }
    parts.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  if (filter.registration !== undefined) parts.push(sql`${column("registration")} = ${filter.registration}`);
  return parts.length === 0 ? undefined : sql.join(parts, sql` AND `);
}

/**
 * A page of the force's statements in stored order, voided ones left out (Communication 2.1.4). A statement whose
 * object is a StatementRef also matches when the statement it targets matches (2.1.3 "Filter Conditions for
 * StatementRefs"), one reference deep; the time window and paging apply to the referring statement itself.
 */
export async function queryStatementRows(db: Db, query: StatementQuery): Promise<StoredStatementRow[]> {
  const where: SQL[] = [sql`s.force_id = ${query.forceId}`, sql`NOT ${isVoided("s")}`];
  // `stored` is returned to the millisecond (Data 2.4.8) but kept to the microsecond: the window is compared at the
  // precision clients see, so `until` = a statement's own stored time includes it (bounds moved, not the column,
  // so the index still serves the range).
  const millisecondAfter = (at: Date) => new Date(Math.floor(at.getTime()) + 1).toISOString();
  if (query.since) where.push(sql`s.stored >= ${millisecondAfter(query.since)}::timestamptz`);
  if (query.until) where.push(sql`s.stored < ${millisecondAfter(query.until)}::timestamptz`);
  if (query.after) {
    const position = sql`(${query.after.stored}::timestamptz, ${query.after.seq}::bigint)`;
    where.push(query.ascending ? sql`(s.stored, s.seq) > ${position}` : sql`(s.stored, s.seq) < ${position}`);
  }
  const order = query.ascending ? sql`s.stored ASC, s.seq ASC` : sql`s.stored DESC, s.seq DESC`;
  const page = async (extra: SQL[]) => {
    const result: unknown = await db.execute(sql`
      SELECT s.seq, s.id, s.stored, s.stored::text AS stored_text, s.statement, s.voiding, false AS voided
      FROM statements s WHERE ${sql.join([...where, ...extra], sql` AND `)}
      ORDER BY ${order} LIMIT ${query.limit}`);
    return rowsOf<RawRow>(result).map(toRow);
  };
  const own = filterOn("s", query.filter);
  const target = filterOn("t", query.filter);
  if (!own || !target) return page([]);
  // The statements that match, and those whose StatementRef targets one that does, asked apart and merged: as one
  // OR the planner cannot use the filter's indexes and walks the force's statements in stored order instead
  // (seconds at a million learners; bench/xapi-query-bench.ts).
  const [direct, referring] = await Promise.all([
    page([own]),
    page([
      sql`s.ref_target IS NOT NULL`,
      sql`EXISTS (SELECT 1 FROM statements t WHERE t.id = s.ref_target AND t.force_id = s.force_id AND ${target})`,
    ]),
  ]);
  if (referring.length === 0) return direct;
  const bySeq = new Map([...direct, ...referring].map((row) => [row.seq, row]));
  const sign = query.ascending ? 1 : -1;
  return [...bySeq.values()]
    .sort((a, b) => sign * (a.storedText < b.storedText ? -1 : a.storedText > b.storedText ? 1 : a.seq - b.seq))
    .slice(0, query.limit);
}

interface RawRow {
  seq: number | string;
  id: string;
  stored: Date | string;
  stored_text: string;
  statement: Record<string, unknown> | string;
  voiding: boolean;
  voided: boolean;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const toRow = (row: RawRow): StoredStatementRow => ({
  seq: Number(row.seq),
  id: row.id,
  stored: row.stored instanceof Date ? row.stored : new Date(row.stored),
  storedText: row.stored_text,
  statement: typeof row.statement === "string" ? (JSON.parse(row.statement) as Record<string, unknown>) : row.statement,
  voiding: row.voiding,
  voided: row.voided,
});

/** The resources that keep documents (Communication 2.2): State, Activity Profile, Agent Profile. */
export type DocumentResource = "state" | "activity-profile" | "agent-profile";

/** The key of a set of documents: the resource and what it is about. Parts a resource lacks are ''. */
export interface DocumentKey {
  forceId: string;
  resource: DocumentResource;
  activityId: string;
  agentKey: string;
  registration: string;
}

const documentsWhere = (key: DocumentKey) =>
  and(
    eq(xapiDocuments.forceId, key.forceId),
    eq(xapiDocuments.resource, key.resource),
    eq(xapiDocuments.activityId, key.activityId),
    eq(xapiDocuments.agentKey, key.agentKey),
    eq(xapiDocuments.registration, key.registration),
  );

/** One document; `lock` holds its row (when there is one) until the transaction ends. */
export async function xapiDocument(db: Db, key: DocumentKey, documentId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select()
    .from(xapiDocuments)
    .where(and(documentsWhere(key), eq(xapiDocuments.documentId, documentId)));
  const [row] = await (options.lock ? query.for("update") : query);
  return row;
}

export function xapiDocumentIds(db: Db, key: DocumentKey, since: Date | undefined) {
  return db
    .select({ documentId: xapiDocuments.documentId, updated: xapiDocuments.updated })
    .from(xapiDocuments)
    .where(and(documentsWhere(key), since ? gt(xapiDocuments.updated, since) : undefined))
    .orderBy(asc(xapiDocuments.documentId));
}

export async function saveXapiDocument(
  db: Db,
  key: DocumentKey,
  document: { documentId: string; contentType: string; content: Buffer; etag: string; updated: Date },
): Promise<void> {
  await db
    .insert(xapiDocuments)
    .values({ ...key, ...document })
    .onConflictDoUpdate({
      target: [
        xapiDocuments.forceId,
        xapiDocuments.resource,
        xapiDocuments.activityId,
        xapiDocuments.agentKey,
        xapiDocuments.registration,
        xapiDocuments.documentId,
      ],
      set: {
        contentType: document.contentType,
        content: document.content,
        etag: document.etag,
        updated: document.updated,
      },
    });
}

/** Deletes one document, or every document under the key when `documentId` is undefined. */
export async function deleteXapiDocuments(db: Db, key: DocumentKey, documentId: string | undefined): Promise<void> {
  await db
    .delete(xapiDocuments)
    .where(and(documentsWhere(key), documentId === undefined ? undefined : eq(xapiDocuments.documentId, documentId)));
}

/** Keeps attachment content once per SHA-2; content already kept under that hash is left as it is. */
export async function saveAttachmentContents(
  db: Db,
  attachments: readonly { sha2: string; content: Buffer }[],
): Promise<void> {
  if (attachments.length === 0) return;
  await db
    .insert(xapiAttachments)
    .values(attachments.map((a) => ({ sha2: a.sha2, length: a.content.length, content: a.content })))
    .onConflictDoNothing({ target: xapiAttachments.sha2 });
}

/** The kept content of these hashes (those the LRS has). */
export function attachmentContents(db: Db, hashes: readonly string[]) {
  if (hashes.length === 0) return Promise.resolve([]);
  return db
    .select({ sha2: xapiAttachments.sha2, content: xapiAttachments.content })
    .from(xapiAttachments)
    .where(inArray(xapiAttachments.sha2, [...hashes]));
}

/** What rebuilding one learner's module row after a voiding needs, read with the row locked. */
export interface UnvoidedLog {
  statements: { id: string; verb: string; objectId: string; timestamp: Date; scoreScaled?: number; source?: string }[];
  certificateByStatement: Map<string, string>;
}

/**
 * Runs `rebuild` on the learner's module statements that are not voided, in stored order, holding the projection
 * row locked, and saves the state it returns with a new version, so a writer holding the row's old version (the
 * ingest's projection cache) fails its check and reads again.
 */
export async function replaceProjectionFromLog(
  db: Db,
  userId: string,
  moduleId: string,
  rebuild: (log: UnvoidedLog) => CompletionState,
): Promise<void> {
  await db.transaction(async (tx) => {
    const locked = await tx.execute(
      sql`SELECT 1 FROM completions WHERE user_id = ${userId} AND module_id = ${moduleId} FOR UPDATE`,
    );
    if (rowsOf(locked).length === 0) return;
    const result: unknown = await tx.execute(sql`
      SELECT s.id, s.verb, s.object_id, s."timestamp", s.seq, s.statement #> '{result,score,scaled}' AS scaled,
        s.statement -> 'context' -> 'extensions' ->> ${IMPORT_SOURCE_EXTENSION} AS source
      FROM statements s
      WHERE s.user_id = ${userId} AND s.module_id = ${moduleId} AND NOT ${isVoided("s")}
      ORDER BY s.seq`);
    const log = rowsOf<{
      id: string;
      verb: string;
      object_id: string;
      timestamp: Date | string;
      seq: number | string;
      scaled: unknown;
      source: string | null;
    }>(result);
    const voidingResult: unknown = await tx.execute(sql`
      SELECT max(v.seq) AS seq FROM statements v JOIN statements t ON v.ref_target = t.id
      WHERE v.voiding AND v.force_id = t.force_id AND t.user_id = ${userId} AND t.module_id = ${moduleId}`);
    const [voiding] = rowsOf<{ seq: number | string | null }>(voidingResult);
    const ids = log.map((row) => row.id);
    const certificateRows =
      ids.length === 0
        ? []
        : await tx
            .select({ id: certificates.id, statementId: certificates.statementId })
            .from(certificates)
            .where(inArray(certificates.statementId, ids));
    const version = Math.max(Number(log.at(-1)?.seq ?? 0), Number(voiding?.seq ?? 0));
    const state = rebuild({
      statements: log.map((row) => ({
        id: row.id,
        verb: row.verb,
        objectId: row.object_id,
        timestamp: row.timestamp instanceof Date ? row.timestamp : new Date(row.timestamp),
        ...(typeof row.scaled === "number" ? { scoreScaled: row.scaled } : {}),
        ...(typeof row.source === "string" ? { source: row.source } : {}),
      })),
      certificateByStatement: new Map(certificateRows.map((row) => [row.statementId, row.id])),
    });
    await tx
      .update(completions)
      .set({
        ...state,
        lastStatementSeq: version,
        updatedAt: new Date(),
      })
      .where(and(eq(completions.userId, userId), eq(completions.moduleId, moduleId)));
  });
}

/** The definition of an activity as the force's latest statement about it gave it, if any gave one. */
export async function latestActivityDefinition(db: Db, forceId: string, activityId: string): Promise<unknown> {
  const result: unknown = await db.execute(sql`
    SELECT s.statement #> '{object,definition}' AS definition FROM statements s
    WHERE s.force_id = ${forceId} AND s.object_id = ${activityId} AND s.statement #> '{object,definition}' IS NOT NULL
    ORDER BY s.seq DESC LIMIT 1`);
  const [row] = rowsOf<{ definition: unknown }>(result);
  return typeof row?.definition === "string" ? (JSON.parse(row.definition) as unknown) : row?.definition;
}
