import { createHash } from "node:crypto";
import { z } from "zod";
import type { LrsCredential } from "../auth/lrs-clients";
import type { Db } from "../db/client";
import type { DocumentKey, DocumentResource } from "../db/lrs";
import { deleteXapiDocuments, saveXapiDocument, xapiDocument, xapiDocumentIds } from "../db/lrs";
import { Conflict, InvalidInput, NotFound, PreconditionFailed } from "../errors";
import { agentParam } from "./lrs";
import { canonicalJson } from "./xapi";

/**
 * The xAPI document resources (Communication 2.2; IEEE 9274.1.1 4.1.6.2, 4.1.6.5, 4.1.6.6): State documents per
 * activity × agent × registration, Activity Profile documents per activity, Agent Profile documents per agent,
 * each within the client's force. One storage, one ETag rule and one merge rule serve the three; only their
 * parameters and one concurrency rule differ (a bare PUT over an existing profile document is 409, 3.1.s4.b13).
 */

const iri = z.url().max(2000);
const since = z.iso.datetime({ offset: true }).optional();
const documentId = z.string().min(1).max(500);

/** Each resource's parameters (Communication 2.3, 2.6, 2.7); any other is refused (3.2.s3.b7). */
const ParamsSchemas = {
  state: z
    .object({
      activityId: iri,
      agent: z.string().max(2000),
      registration: z.uuid().optional(),
      stateId: documentId.optional(),
      since,
    })
    .strict(),
  "activity-profile": z.object({ activityId: iri, profileId: documentId.optional(), since }).strict(),
  "agent-profile": z.object({ agent: z.string().max(2000), profileId: documentId.optional(), since }).strict(),
} satisfies Record<DocumentResource, z.ZodType>;

const RESOURCE_NAMES: Record<DocumentResource, string> = {
  state: "State",
  "activity-profile": "Activity Profile",
  "agent-profile": "Agent Profile",
};

/** What a document request names, checked. */
export interface DocumentRequest {
  key: DocumentKey;
  /** The stateId or profileId, when one document is meant. */
  documentId: string | undefined;
  /** The parameter that names one document (`stateId`, `profileId`), for messages. */
  idParam: "stateId" | "profileId";
  since: Date | undefined;
}

/** Parses a document resource's parameters; an unknown parameter is refused (Communication 3.2.s3.b7). */
export function documentRequest(
  resource: DocumentResource,
  credential: LrsCredential,
  raw: Record<string, string>,
): DocumentRequest {
  const parsed = ParamsSchemas[resource].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.code === "unrecognized_keys" ? issue.keys[0] : issue?.path.map(String).join(".");
    throw InvalidInput.field(
      `query.${name ?? ""}`,
      issue?.code === "unrecognized_keys"
        ? `is not a parameter of the ${RESOURCE_NAMES[resource]} resource (Communication 3.2.s3.b7)`
        : (issue?.message ?? "is not valid"),
    );
  }
  const params = parsed.data as {
    activityId?: string;
    agent?: string;
    registration?: string;
    stateId?: string;
    profileId?: string;
    since?: string;
  };
  const id = resource === "state" ? params.stateId : params.profileId;
  // 9274.1.1 4.1.6.2: `since` is not allowed beside the id of one document.
  if (id !== undefined && params.since !== undefined) {
    throw InvalidInput.field("query.since", "is for listing ids: it cannot be sent with one document's id");
  }
  // Communication 2.2.s4.b2: documents are not refused for agents the LRS does not know; keyed by identifier.
  const agentKey = params.agent === undefined ? "" : canonicalJson(agentParam(params.agent, { groups: false }).ifi);
  return {
    key: {
      forceId: credential.forceId,
      resource,
      activityId: params.activityId ?? "",
      agentKey,
      registration: params.registration?.toLowerCase() ?? "",
    },
    documentId: id,
    idParam: resource === "state" ? "stateId" : "profileId",
    since: params.since === undefined ? undefined : new Date(params.since),
  };
}

/** Communication 3.1.s4.b2: the ETag is the SHA-1 of the content, lower-case hex, in quotes (b4). */
const etagOf = (content: Buffer) => `"${createHash("sha1").update(content).digest("hex")}"`;

/** The If-Match and If-None-Match headers of a request, as sent. */
export interface Preconditions {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
}

/** Communication 3.1: If-Match (the current ETag, or * for "exists") and If-None-Match (* for "does not exist"). */
function checkPreconditions(current: { etag: string } | undefined, headers: Preconditions) {
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
export interface DocumentOut {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: Date;
}

/** GET one document (Communication 2.3.s3, 2.6.s3, 2.7.s3) or the ids of all of them (2.3.s4, 2.6.s4, 2.7.s4). */
export async function readDocuments(
  db: Db,
  request: DocumentRequest,
): Promise<{ kind: "one"; document: DocumentOut } | { kind: "ids"; ids: string[]; updated: Date | null }> {
  if (request.documentId !== undefined) {
    const row = await xapiDocument(db, request.key, request.documentId);
    if (!row) throw new NotFound(`${RESOURCE_NAMES[request.key.resource]} document`);
    return { kind: "one", document: row };
  }
  const rows = await xapiDocumentIds(db, request.key, request.since);
  const updated = rows.reduce<Date | null>(
    (latest, row) => (latest && latest > row.updated ? latest : row.updated),
    null,
  );
  return { kind: "ids", ids: rows.map((row) => row.documentId), updated };
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
 * If-Match / If-None-Match are checked against the document as it is, its row held until the write (3.1.s4).
 */
export async function writeDocument(
  db: Db,
  request: DocumentRequest,
  method: "PUT" | "POST",
  document: { contentType: string; content: Buffer },
  headers: Preconditions,
  now: Date,
): Promise<void> {
  if (request.documentId === undefined) {
    throw InvalidInput.field(`query.${request.idParam}`, "is required to store a document");
  }
  const id = request.documentId;
  await db.transaction(async (tx) => {
    const current = await xapiDocument(tx, request.key, id, { lock: true });
    checkPreconditions(current, headers);
    // Communication 3.1.s4.b13–b15 (9274.1.1 4.1.4): a PUT with neither header over an existing profile document
    // is 409, saying how to resolve it. State is exempt (3.1.s3: "the State Resource will permit PUT, POST and
    // DELETE requests without concurrency headers"), which cmi5 content relies on.
    if (
      method === "PUT" &&
      current &&
      request.key.resource !== "state" &&
      headers.ifMatch === undefined &&
      headers.ifNoneMatch === undefined
    ) {
      throw new Conflict(
        "document-conflict",
        "The document already exists",
        "This document already exists: GET it to check its current state, then PUT again with If-Match set to its ETag.",
        [
          {
            field: "header.if-match",
            reason: `is required to replace an existing document (current ETag ${current.etag})`,
          },
        ],
      );
    }
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
    await saveXapiDocument(tx, request.key, {
      documentId: id,
      contentType,
      content,
      etag: etagOf(content),
      updated: now,
    });
  });
}

/**
 * DELETE one document (If-Match / If-None-Match honoured, Communication 3.1.s4.b7) or, for State only, all of
 * the activity × agent × registration (2.3.s5). The profile resources delete one document at a time (2.6.s3,
 * 2.7.s3): their DELETE without a profileId is 400.
 */
export async function deleteDocuments(db: Db, request: DocumentRequest, headers: Preconditions): Promise<void> {
  if (request.documentId === undefined && request.key.resource !== "state") {
    throw InvalidInput.field(`query.${request.idParam}`, "is required: a profile document is deleted one at a time");
  }
  if (request.since !== undefined) throw InvalidInput.field("query.since", "is not a parameter of DELETE");
  const id = request.documentId;
  await db.transaction(async (tx) => {
    if (id !== undefined && (headers.ifMatch !== undefined || headers.ifNoneMatch !== undefined)) {
      checkPreconditions(await xapiDocument(tx, request.key, id, { lock: true }), headers);
    }
    await deleteXapiDocuments(tx, request.key, id);
  });
}
