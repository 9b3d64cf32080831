import { createHash } from "node:crypto";
import { z } from "zod";
import type { LrsCredential } from "../auth/lrs-clients";
import type { Db } from "../db/client";
import type { StateKey } from "../db/lrs";
import { deleteStateDocuments, saveStateDocument, stateDocument, stateDocumentIds } from "../db/lrs";
import { InvalidInput, NotFound, PreconditionFailed } from "../errors";
import { agentParam } from "./lrs";
import { canonicalJson } from "./xapi";

/**
 * The xAPI State resource (Communication 2.3): documents a learning record provider keeps per activity, agent,
 * registration and state id, within the client's force. Documents may be of any content type; JSON ones can be
 * merged by POST (Communication 2.2.s7). ETags (Communication 3.1) are honoured when sent.
 */

const StateParamsSchema = z
  .object({
    activityId: z.url().max(2000),
    agent: z.string().max(2000),
    registration: z.uuid().optional(),
    stateId: z.string().min(1).max(500).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** What a State request names, checked. */
export interface StateRequest {
  key: StateKey;
  stateId: string | undefined;
  since: Date | undefined;
}

/** Parses the State parameters; an unknown parameter is refused (Communication 3.2.s3.b7). */
export function stateRequest(credential: LrsCredential, raw: Record<string, string>): StateRequest {
  const parsed = StateParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.code === "unrecognized_keys" ? issue.keys[0] : issue?.path.map(String).join(".");
    throw InvalidInput.field(
      `query.${name ?? ""}`,
      issue?.code === "unrecognized_keys"
        ? "is not a parameter of the State resource (Communication 3.2.s3.b7)"
        : (issue?.message ?? "is not valid"),
    );
  }
  const { ifi } = agentParam(parsed.data.agent, { groups: false });
  return {
    key: {
      forceId: credential.forceId,
      activityId: parsed.data.activityId,
      // Communication 2.2.s4.b2: documents are not refused for agents the LRS does not know; keyed by identifier.
      agentKey: canonicalJson(ifi),
      registration: parsed.data.registration?.toLowerCase() ?? "",
    },
    stateId: parsed.data.stateId,
    since: parsed.data.since === undefined ? undefined : new Date(parsed.data.since),
  };
}

const etagOf = (content: Buffer) => `"${createHash("sha1").update(content).digest("hex")}"`;

/** Communication 3.1: If-Match (the current ETag, or * for "exists") and If-None-Match: * ("does not exist"). */
function checkPreconditions(
  current: { etag: string } | undefined,
  headers: { ifMatch?: string | undefined; ifNoneMatch?: string | undefined },
) {
  if (headers.ifMatch !== undefined) {
    const wanted = headers.ifMatch.split(",").map((tag) => tag.trim());
    if (!current || !(wanted.includes("*") || wanted.includes(current.etag))) {
      throw new PreconditionFailed("If-Match", "does not match the document's current ETag");
    }
  }
  if (headers.ifNoneMatch !== undefined) {
    const wanted = headers.ifNoneMatch.split(",").map((tag) => tag.trim());
    if (current && (wanted.includes("*") || wanted.includes(current.etag))) {
      throw new PreconditionFailed("If-None-Match", "the document already exists");
    }
  }
}

/** A document as GET returns it. */
export interface StateDocumentOut {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: Date;
}

/** GET one document (Communication 2.3.s3) or the ids of all of them (2.3.s4). */
export async function readState(
  db: Db,
  request: StateRequest,
): Promise<{ kind: "one"; document: StateDocumentOut } | { kind: "ids"; ids: string[]; updated: Date | null }> {
  if (request.stateId !== undefined) {
    const row = await stateDocument(db, request.key, request.stateId);
    if (!row) throw new NotFound("state document");
    return { kind: "one", document: row };
  }
  const rows = await stateDocumentIds(db, request.key, request.since);
  const updated = rows.reduce<Date | null>(
    (latest, row) => (latest && latest > row.updated ? latest : row.updated),
    null,
  );
  return { kind: "ids", ids: rows.map((row) => row.stateId), updated };
}

const isJsonType = (type: string) => /^application\/json\s*(;|$)/i.test(type);

function jsonObjectOf(content: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(content.toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PUT replaces the document; POST merges a JSON object into a JSON object (top-level properties, Communication
 * 2.2.s7) or stores it when there is none, and is refused with 400 when either is not a JSON object (2.2.s8.b1).
 */
export async function writeState(
  db: Db,
  request: StateRequest,
  method: "PUT" | "POST",
  document: { contentType: string; content: Buffer },
  headers: { ifMatch?: string | undefined; ifNoneMatch?: string | undefined },
  now: Date,
): Promise<void> {
  if (request.stateId === undefined) throw InvalidInput.field("query.stateId", "is required to store a document");
  const stateId = request.stateId;
  await db.transaction(async (tx) => {
    const current = await stateDocument(tx, request.key, stateId);
    checkPreconditions(current, headers);
    let { contentType, content } = document;
    if (method === "POST" && current) {
      const posted = isJsonType(contentType) ? jsonObjectOf(content) : undefined;
      const existing = isJsonType(current.contentType) ? jsonObjectOf(current.content) : undefined;
      if (!posted)
        throw InvalidInput.field("body", "must be a JSON object (application/json) to merge (Communication 2.2)");
      if (!existing) throw InvalidInput.field("body", "cannot be merged: the stored document is not a JSON object");
      content = Buffer.from(JSON.stringify({ ...existing, ...posted }));
      contentType = "application/json";
    } else if (method === "POST" && isJsonType(contentType) && !jsonObjectOf(content)) {
      throw InvalidInput.field("body", "must be a JSON object when POSTed as application/json (Communication 2.2)");
    }
    await saveStateDocument(tx, request.key, { stateId, contentType, content, etag: etagOf(content), updated: now });
  });
}

/** DELETE one document, or all of the activity × agent × registration (Communication 2.3.s5). */
export async function deleteState(
  db: Db,
  request: StateRequest,
  headers: { ifMatch?: string | undefined; ifNoneMatch?: string | undefined },
): Promise<void> {
  if (request.stateId !== undefined && (headers.ifMatch !== undefined || headers.ifNoneMatch !== undefined)) {
    checkPreconditions(await stateDocument(db, request.key, request.stateId), headers);
  }
  await deleteStateDocuments(db, request.key, request.stateId);
}
