import { randomBytes, randomUUID } from "node:crypto";
import type { LrsClient, NewLrsClientRequest } from "../../shared/lrs-api";
import type { Actor } from "../accounts";
import { audit } from "../audit";
import type { Db } from "../db/client";
import type { LrsClientRow } from "../db/lrs";
import { insertLrsClient, liveLrsClientsByKeys, lrsClientsOfForce, revokeLrsClientRow } from "../db/lrs";
import { LRUCache } from "lru-cache";
import { createBatcher } from "../batcher";
import { NotFound } from "../errors";
import { hashToken, randomToken, sameSecret } from "./session";

/**
 * HTTP Basic credentials for the xAPI LRS (issue 19), one pair per outside client, created by a force's admin.
 * The secret is 32 random bytes, shown once; only its SHA-256 is stored (as for session tokens: a random
 * secret of that length cannot be guessed, so a slow password hash would add nothing but cost on every
 * request, since Basic sends the secret each time). An officer's session never reaches the LRS.
 */

/** A client as a request to the LRS carries it: whose force, and what it may do. */
export interface LrsCredential {
  clientId: string;
  forceId: string;
  canRead: boolean;
  canWrite: boolean;
}

/** Where the LRS is, relative to the site. */
export const LRS_ENDPOINT = "/xapi/";

const toClient = (row: LrsClientRow): LrsClient => ({
  id: row.id,
  name: row.name,
  key: row.key,
  read: row.canRead,
  write: row.canWrite,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** An admin creates a client for their force; the answer holds the secret, which is never shown again. */
export async function createLrsClient(db: Db, actor: Actor, input: NewLrsClientRequest) {
  const secret = randomToken();
  const row = await insertLrsClient(db, {
    id: randomUUID(),
    forceId: actor.forceId,
    name: input.name,
    key: `lrs-${randomBytes(12).toString("hex")}`,
    secretHash: hashToken(secret),
    canRead: input.read,
    canWrite: input.write,
    createdBy: actor.id,
  });
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "lrs-client.create",
    subject: row.id,
    details: { read: input.read, write: input.write },
  });
  return { ...toClient(row), secret, endpoint: LRS_ENDPOINT };
}

/** The force's clients, newest first, revoked ones included (with when). */
export async function listLrsClients(db: Db, forceId: string) {
  return { clients: (await lrsClientsOfForce(db, forceId)).map(toClient) };
}

/** An admin revokes one of their force's clients; another force's is "not found". */
export async function revokeLrsClient(db: Db, actor: Actor, clientId: string, now: Date): Promise<void> {
  const row = await revokeLrsClientRow(db, actor.forceId, clientId, now);
  if (!row) throw new NotFound("LRS client");
  clientCaches.get(db)?.delete(row.key);
  await audit(db, { forceId: actor.forceId, actorUserId: actor.id, action: "lrs-client.revoke", subject: clientId });
}

/**
 * Client lookups. Every request of a client sends its credentials, so under load the rows are kept for
 * {@link CLIENT_TTL_MS} (the secret is still checked against the stored hash on every request) and the lookups that
 * do reach the database go together, one query for all that arrived at once (as sessions are looked up,
 * auth/session.ts). Without this each request queued twice for a pool connection ahead of its statements' group
 * commit, and `/xapi/statements` kept about a third of `/api/statements`' rate. A revoked client is refused at once
 * by the instance that revoked it (its entry is dropped) and within {@link CLIENT_TTL_MS} by any other instance.
 */
export const CLIENT_TTL_MS = 2_000;
const clientCaches = new WeakMap<Db, LRUCache<string, LrsClientRow>>();
function clientCacheOf(db: Db): LRUCache<string, LrsClientRow> {
  let cache = clientCaches.get(db);
  if (!cache) {
    const load = createBatcher<string, LrsClientRow | undefined>(
      async (keys) => {
        const rows = new Map((await liveLrsClientsByKeys(db, [...new Set(keys)])).map((row) => [row.key, row]));
        return keys.map((key) => ({ ok: true, value: rows.get(key) }));
      },
      { maxInFlight: 1, maxBatch: 500 },
    );
    cache = new LRUCache<string, LrsClientRow>({ max: 10_000, ttl: CLIENT_TTL_MS, fetchMethod: (key) => load(key) });
    clientCaches.set(db, cache);
  }
  return cache;
}

/** The live client an `Authorization: Basic …` header names, or `null` (missing, malformed, wrong or revoked). */
export async function authenticateLrsClient(db: Db, header: string | undefined): Promise<LrsCredential | null> {
  const match = /^Basic ([A-Za-z0-9+/=]{1,512})$/i.exec(header?.trim() ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) return null;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (!/^lrs-[0-9a-f]{24}$/.test(key)) return null;
  const row = await clientCacheOf(db).fetch(key);
  // Hashing first keeps the comparison constant-time over equal-length values, found or not.
  if (!sameSecret(hashToken(secret), row?.secretHash ?? "")) return null;
  if (!row) return null;
  return { clientId: row.id, forceId: row.forceId, canRead: row.canRead, canWrite: row.canWrite };
}
