import { randomUUID } from "node:crypto";
import validateXapiStatement from "@learninglocker/xapi-validation";
import { z } from "zod";
import { XAPI_IRI_BASE } from "../../shared/api";
import type { LrsCredential } from "../auth/lrs-clients";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { Batcher } from "../batcher";
import { createBatcher } from "../batcher";
import { LRUCache } from "lru-cache";
import type { ForcePerson, StatementFilter, StoredStatementRow } from "../db/lrs";
import {
  attachmentContents,
  forcePeople,
  latestActivityDefinition,
  queryStatementRows,
  replaceProjectionFromLog,
  saveAttachmentContents,
  statementOfForce,
  statementsByIds,
} from "../db/lrs";
import type { FieldIssue } from "../errors";
import { InvalidInput, NotFound } from "../errors";
import type { StatementIngest } from "./ingest";
import type { AttachmentPart } from "./lrs-attachments";
import { checkAttachments } from "./lrs-attachments";
import type { Learner, NewStatement } from "./statement";
import { importSourceOf } from "./statement";
import { rebuildProjection } from "./projection";
import { contentHash, parseActivityId } from "./xapi";

/**
 * The xAPI LRS's Statement resource rules (issue 19), xAPI 2.0 (IEEE 9274.1.1-2023) accepting 1.0.x clients.
 * Section numbers cite the specification's parts: "Data" (xAPI-Data.md) and "Communication"
 * (xAPI-Communication.md). Statements join the app's one append-only log through the same group commit as the
 * app's own, so a module completed elsewhere counts in the completion projection.
 */

/** The xAPI versions this LRS speaks, newest first (Communication 2.8 About). */
export const XAPI_VERSIONS = ["2.0.0", "1.0.3"] as const;
export const VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided";
/** The authority of statements the app itself stored (its officers' own, through /api/statements). */
const APP_AUTHORITY = { objectType: "Agent", account: { homePage: XAPI_IRI_BASE, name: "training-app" } };
/** Statements a query returns at most (`limit=0` means this; Communication 2.1.3). */
export const MAX_PAGE = 500;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The version a request's `X-Experience-API-Version` header asks for, as this LRS will answer it: 1.0, 1.0.x
 * (Communication 3.3.s3.b3, b5) and 2.0.x are accepted; anything else, or none, is refused with 400 (b4, b6, b7).
 */
export function requestedVersion(header: string | undefined): "1.0.3" | "2.0.0" {
  if (header !== undefined && /^1\.0(\.\d+)?$/.test(header)) return "1.0.3";
  if (header !== undefined && /^2\.0(\.\d+)?$/.test(header)) return "2.0.0";
  throw InvalidInput.field(
    "header.x-experience-api-version",
    header === undefined
      ? "is required (1.0.3 or 2.0.0)"
      : `${header} is not a version this LRS accepts (1.0.x or 2.0.x)`,
  );
}

const validate = ((validateXapiStatement as unknown as { default?: typeof validateXapiStatement }).default ??
  validateXapiStatement) as (data: unknown) => { path: string[]; typeName?: string; keys?: string[] }[];

const warningReason = (warning: { constructor: { name: string }; typeName?: string; keys?: string[] }): string => {
  const kind = warning.constructor.name;
  if (kind === "TypeWarning") return `is not a valid ${warning.typeName ?? "value"}`;
  if (kind === "RestrictedKeysWarning")
    return `has properties xAPI does not define: ${(warning.keys ?? []).join(", ")}`;
  if (kind === "RequiredWarning") return "is required";
  if (kind === "VoidWarning") return "a voiding statement's object must be a StatementRef (Data 2.3.2)";
  if (kind === "NoIfiWarning" || kind === "IfiCountWarning") return "must have exactly one identifier (Data 2.4.2.3)";
  return kind
    .replace(/Warning$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** xAPI 2.0's context additions (Data 2.4.6), which the 1.0.3 validator does not know: checked here. */
/** `contextAgents` or `contextGroups`: a non-empty list of wrapped agents or groups, each with optional types. */
const contextMembers = <K extends "agent" | "group">(objectType: string, member: K) =>
  z
    .array(
      z.object({
        objectType: z.literal(objectType),
        [member]: z.record(z.string(), z.unknown()),
        relevantTypes: z.array(z.url()).min(1).optional(),
      }),
    )
    .min(1);
const ContextAgentsSchema = contextMembers("contextAgent", "agent");
const ContextGroupsSchema = contextMembers("contextGroup", "group");

/**
 * The statement as the comparison of Data 2.3.1 sees it, and as it is kept: contextActivities values as arrays
 * (Data 2.4.6.2: the LRS returns every value as an array), the id in lower case. `authority`, `stored` and
 * `version` are the LRS's and left out here.
 */
function normalise(statement: Record<string, unknown>): Record<string, unknown> {
  const { authority: _authority, stored: _stored, version: _version, ...rest } = statement;
  const result: Record<string, unknown> = { ...rest };
  if (typeof result.id === "string") result.id = result.id.toLowerCase();
  const context = result.context;
  if (isRecord(context) && isRecord(context.contextActivities)) {
    const activities = Object.fromEntries(
      Object.entries(context.contextActivities).map(([key, value]) => [key, Array.isArray(value) ? value : [value]]),
    );
    result.context = { ...context, contextActivities: activities };
  }
  return result;
}

/** Problems of one statement, each naming its field (`0.actor.mbox` in a batch). */
function statementIssues(statement: Record<string, unknown>, at: (field: string) => string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { contextAgents, contextGroups, ...context } = isRecord(statement.context) ? statement.context : {};
  const { version, ...checked } = statement;
  if (isRecord(statement.context)) checked.context = context;
  for (const warning of validate(checked)) {
    issues.push({ field: at(warning.path.slice(1).join(".") || "statement"), reason: warningReason(warning) });
  }
  // Data 2.4.10: a statement's version is 1.0.x or 2.0.x.
  if (version !== undefined && (typeof version !== "string" || !/^(1\.0|2\.0)(\.\d+)?$/.test(version))) {
    issues.push({ field: at("version"), reason: "must be 1.0.x or 2.0.x (Data 2.4.10)" });
  }
  for (const [name, value, schema] of [
    ["contextAgents", contextAgents, ContextAgentsSchema],
    ["contextGroups", contextGroups, ContextGroupsSchema],
  ] as const) {
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      issues.push({
        field: at(["context", name, ...(issue?.path ?? []).map(String)].join(".")),
        reason: `${issue?.message ?? "is not valid"} (Data 2.4.6)`,
      });
    }
  }
  return issues;
}

/** An Agent's inverse functional identifier alone (Data 2.4.2.3), the part that says who it is. */
export function identifierOf(agent: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const key of ["mbox", "mbox_sha1sum", "openid"] as const) {
    if (typeof agent[key] === "string") return { [key]: agent[key] };
  }
  const account = agent.account;
  if (isRecord(account) && typeof account.homePage === "string" && typeof account.name === "string") {
    return { account: { homePage: account.homePage, name: account.name } };
  }
  return undefined;
}

/**
 * An `agent` query parameter (Communication 2.1.3, 2.3, 2.4): JSON of an Agent (or, where `groups`, an identified
 * Group) with one identifier; refused with 400 naming `query.agent` otherwise.
 */
export function agentParam(text: string, options: { groups: boolean }) {
  let agent: unknown;
  try {
    agent = JSON.parse(text);
  } catch {
    throw InvalidInput.field("query.agent", "is not JSON: send an Agent object");
  }
  const ifi = isRecord(agent) ? identifierOf(agent) : undefined;
  if (!isRecord(agent) || !ifi || (!options.groups && agent.objectType === "Group")) {
    throw InvalidInput.field(
      "query.agent",
      `must be an Agent${options.groups ? " or identified Group" : ""} with one identifier (Data 2.4.2.3)`,
    );
  }
  return { agent, ifi };
}

/**
 * Who an Agent is in this force: `account` with the app's home page and the user id as name (the form the app's
 * own statements use), or `mbox` with the user's email. Anything else names nobody the app knows.
 */
function personKey(agent: Record<string, unknown>): { id: string } | { email: string } | undefined {
  const ifi = identifierOf(agent);
  if (!ifi) return undefined;
  if (typeof ifi.mbox === "string" && ifi.mbox.toLowerCase().startsWith("mailto:")) {
    return { email: ifi.mbox.slice("mailto:".length).toLowerCase() };
  }
  const account = ifi.account as { homePage: string; name: string } | undefined;
  if (account && account.homePage.replace(/\/$/, "") === XAPI_IRI_BASE && z.uuid().safeParse(account.name).success) {
    return { id: account.name.toLowerCase() };
  }
  return undefined;
}

/**
 * The people statements name. As with the client's credentials (auth/lrs-clients.ts), a person found is kept for
 * {@link PERSON_TTL_MS} and the lookups that reach the database go together, one query for every request that
 * arrived at once, so that concurrent writers do not each queue for a pool connection before joining the group
 * commit. What a kept entry could get wrong is harmless: the projection row takes the person's unit and job role
 * from the users table as it writes (learning/ingest.ts), and a statement names the person by id or email, which
 * the app never gives to someone else. Each request sees only people of its own client's force.
 */
const PERSON_TTL_MS = 2_000;
type PersonKey = NonNullable<ReturnType<typeof personKey>>;
type PeopleLookup = { forceId: string; keys: readonly (PersonKey | undefined)[] };
interface PeopleSource {
  kept: LRUCache<string, ForcePerson>;
  load: Batcher<PeopleLookup, (ForcePerson | undefined)[]>;
}
const peopleSources = new WeakMap<Db, PeopleSource>();
function peopleSourceOf(db: Db): PeopleSource {
  let source = peopleSources.get(db);
  if (!source) {
    const load = createBatcher<PeopleLookup, (ForcePerson | undefined)[]>(
      async (lookups) => {
        const keys = lookups.flatMap((lookup) => lookup.keys.filter((key): key is PersonKey => key !== undefined));
        const people = await forcePeople(
          db,
          [...new Set(lookups.map((lookup) => lookup.forceId))],
          [...new Set(keys.flatMap((key) => ("id" in key ? [key.id] : [])))],
          [...new Set(keys.flatMap((key) => ("email" in key ? [key.email] : [])))],
        );
        const byId = new Map(people.map((person) => [person.id, person]));
        const byEmail = new Map(people.map((person) => [person.email.toLowerCase(), person]));
        return lookups.map((lookup) => ({
          ok: true,
          value: lookup.keys.map((key) => {
            if (key === undefined) return undefined;
            const person = "id" in key ? byId.get(key.id) : byEmail.get(key.email);
            return person?.forceId === lookup.forceId ? person : undefined;
          }),
        }));
      },
      { maxInFlight: 1, maxBatch: 200, sizeOf: (lookup) => Math.max(1, lookup.keys.length) },
    );
    source = { kept: new LRUCache<string, ForcePerson>({ max: 50_000, ttl: PERSON_TTL_MS }), load };
    peopleSources.set(db, source);
  }
  return source;
}

async function resolvePeople(db: Db, forceId: string, agents: readonly Record<string, unknown>[]) {
  const { kept, load } = peopleSourceOf(db);
  const keys = agents.map(personKey);
  const keyText = (key: PersonKey) => `${forceId} ${"id" in key ? `id ${key.id}` : `email ${key.email}`}`;
  const found = keys.map((key) => (key === undefined ? undefined : kept.get(keyText(key))));
  const missing = keys.map((key, index) => (found[index] === undefined ? key : undefined));
  if (missing.some((key) => key !== undefined)) {
    const loaded = await load({ forceId, keys: missing });
    loaded.forEach((person, index) => {
      const key = keys[index];
      if (person === undefined || key === undefined) return;
      found[index] = person;
      kept.set(keyText(key), person);
    });
  }
  return found;
}

/** Which curriculum module a statement is about, when its object is one of the course's activities. */
function moduleOf(catalog: Catalog, object: unknown): string | null {
  if (!isRecord(object) || (object.objectType !== undefined && object.objectType !== "Activity")) return null;
  if (typeof object.id !== "string") return null;
  const activity = parseActivityId(object.id);
  const module = activity ? catalog.module(activity.moduleId) : undefined;
  if (!activity || !module) return null;
  if (activity.kind === "lesson" && !module.lessons.some((lesson) => lesson.id === activity.lessonId)) return null;
  return module.id;
}

/** The authority the LRS records for a client's statements (Data 2.4.9: set by the LRS, not the client). */
export const clientAuthority = (clientId: string) => ({
  objectType: "Agent",
  account: { homePage: `${XAPI_IRI_BASE}/lrs-clients`, name: clientId },
});

/** What a request asks to store: statements (one or a batch), and the PUT's `statementId` when it is a PUT. */
export interface StoreRequest {
  credential: LrsCredential;
  body: unknown;
  /** The `statementId` parameter of a PUT (Communication 2.1.1). */
  putId?: string;
  version: "1.0.3" | "2.0.0";
  /** The attachment parts of a multipart/mixed request; `undefined` for application/json (Communication 1.5). */
  attachments?: readonly AttachmentPart[];
}

/**
 * Validates and stores statements from an LRS client; resolves to their ids in order (Communication 2.1.2).
 * Every statement is checked before any is stored, and a batch with one bad statement stores nothing
 * (Communication 3.2.s3.b9).
 */
export async function storeClientStatements(
  deps: { db: Db; catalog: Catalog; ingest: StatementIngest; now: () => Date },
  request: StoreRequest,
): Promise<string[]> {
  const { db, catalog, now } = deps;
  const batch = Array.isArray(request.body);
  const list: unknown[] = batch ? (request.body as unknown[]) : [request.body];
  if (list.length === 0) throw InvalidInput.field("body", "is an empty list: send at least one statement");
  if (request.putId !== undefined && batch) {
    throw InvalidInput.field("body", "PUT stores one statement (Communication 2.1.1), not a list");
  }
  const at = (index: number) => (field: string) => (batch ? `${index}.${field}` : field);
  const issues: FieldIssue[] = [];
  const statements = list.map((item, index): Record<string, unknown> => {
    if (!isRecord(item)) {
      issues.push({ field: batch ? String(index) : "body", reason: "must be a statement (a JSON object)" });
      return {};
    }
    const statement = normalise(item);
    if (request.putId !== undefined) {
      // Communication 2.1.1.s3.b3: where the statement has an id, it matches the statementId parameter.
      if (statement.id !== undefined && statement.id !== request.putId.toLowerCase()) {
        issues.push({
          field: at(index)("id"),
          reason: "does not match the statementId parameter (Communication 2.1.1)",
        });
      }
      statement.id = request.putId.toLowerCase();
    }
    issues.push(
      ...statementIssues({ ...statement, ...(item.version === undefined ? {} : { version: item.version }) }, at(index)),
    );
    return statement;
  });
  if (issues.length > 0) throw new InvalidInput(issues.slice(0, 50));

  // Attachments: each matched to a part by SHA-2, or given a fileUrl; signatures verified (Data 2.4.11, 2.6).
  const withAttachments = request.attachments !== undefined || statements.some((s) => s.attachments !== undefined);
  const attached = withAttachments ? await checkAttachments(statements, request.attachments, at) : undefined;
  issues.push(...(attached?.issues ?? []));

  // Communication 2.1.2.s2.b6: two statements with one id in a batch are refused.
  const seen = new Map<string, number>();
  statements.forEach((statement, index) => {
    if (typeof statement.id !== "string") return;
    if (seen.has(statement.id)) {
      issues.push({
        field: at(index)("id"),
        reason: `repeats the id of statement ${seen.get(statement.id)} in this batch`,
      });
    }
    seen.set(statement.id, index);
  });

  // Who each statement is about: a person of the client's force (by account or mbox), or the statement is refused.
  const people = await resolvePeople(
    db,
    request.credential.forceId,
    statements.map((statement) => (isRecord(statement.actor) ? statement.actor : {})),
  );
  statements.forEach((statement, index) => {
    if (people[index]) return;
    const actor = isRecord(statement.actor) ? statement.actor : {};
    issues.push({
      field: at(index)(actor.objectType === "Group" ? "actor.objectType" : "actor"),
      reason:
        actor.objectType === "Group"
          ? "must be one person (an Agent): the app records training per person"
          : `names nobody in this force: identify the person by account (homePage ${XAPI_IRI_BASE}, name = their user id) or by mbox (mailto: their email)`,
    });
  });

  // Data 2.3.2: a voiding statement may not void a voiding statement (nor one of another force).
  const targets = statements.flatMap((statement, index) => {
    const object = statement.object;
    const verb = isRecord(statement.verb) ? statement.verb.id : undefined;
    return verb === VOIDED_VERB && isRecord(object) && typeof object.id === "string"
      ? [{ index, target: object.id.toLowerCase() }]
      : [];
  });
  if (targets.length > 0) {
    const stored = new Map(
      (
        await statementsByIds(
          db,
          targets.map((t) => t.target),
        )
      ).map((row) => [row.id, row]),
    );
    for (const { index, target } of targets) {
      const inBatch = statements.find((statement) => statement.id === target);
      const row = stored.get(target);
      const voidsVoiding =
        (row && row.forceId === request.credential.forceId && row.voiding) ||
        (inBatch && isRecord(inBatch.verb) && inBatch.verb.id === VOIDED_VERB);
      if (voidsVoiding) {
        issues.push({
          field: at(index)("object.id"),
          reason: "is a voiding statement, which cannot be voided (Data 2.3.2)",
        });
      }
    }
  }
  if (issues.length > 0) throw new InvalidInput(issues.slice(0, 50));

  const clock = now();
  const storedVersion = request.version === "2.0.0" ? "2.0.0" : "1.0.0";
  const byLearner = new Map<string, { learner: Learner; statements: NewStatement[] }>();
  const ids = statements.map((statement, index) => {
    const person = people[index] as ForcePerson;
    const id = typeof statement.id === "string" ? statement.id : randomUUID();
    const compared: Record<string, unknown> = { ...statement, id };
    if (typeof compared.timestamp === "string") compared.timestamp = new Date(compared.timestamp).toISOString();
    const timestamp = typeof statement.timestamp === "string" ? new Date(statement.timestamp) : clock;
    const moduleId = moduleOf(catalog, statement.object);
    // A completion dated in the future would sort after every real one and never expire on time.
    if (moduleId !== null && timestamp.getTime() > clock.getTime() + MAX_CLOCK_SKEW_MS) {
      issues.push({
        field: at(index)("timestamp"),
        reason: "is more than 5 minutes in the future; check the sender's clock",
      });
    }
    const object = isRecord(statement.object) ? statement.object : {};
    const verb = isRecord(statement.verb) && typeof statement.verb.id === "string" ? statement.verb.id : "";
    const result = isRecord(statement.result) && isRecord(statement.result.score) ? statement.result.score : {};
    const context = isRecord(statement.context) ? statement.context : {};
    const body = {
      ...statement,
      id,
      // Data 2.4.7: when the client gave none, the LRS sets it (to the time it stored the statement).
      timestamp: typeof statement.timestamp === "string" ? statement.timestamp : clock.toISOString(),
      authority: clientAuthority(request.credential.clientId),
      version:
        typeof list[index] === "object" && typeof (list[index] as { version?: unknown }).version === "string"
          ? (list[index] as { version: string }).version
          : storedVersion,
    };
    const refTarget =
      object.objectType === "StatementRef" && typeof object.id === "string" ? object.id.toLowerCase() : null;
    const entry: NewStatement = {
      id,
      verb,
      objectId:
        object.objectType === undefined || object.objectType === "Activity"
          ? typeof object.id === "string"
            ? object.id
            : ""
          : "",
      moduleId,
      registration: typeof context.registration === "string" ? context.registration.toLowerCase() : null,
      timestamp,
      scoreScaled: typeof result.scaled === "number" ? result.scaled : undefined,
      source: importSourceOf(context),
      body,
      // Data 2.3.1: authority, stored and version are left out of "is it the same statement?".
      contentHash: contentHash(compared),
      refTarget,
      voiding: verb === VOIDED_VERB,
    };
    const group = byLearner.get(person.id) ?? {
      learner: { id: person.id, forceId: person.forceId, unitId: person.unitId, jobRole: person.jobRole },
      statements: [],
    };
    group.statements.push(entry);
    byLearner.set(person.id, group);
    return id;
  });
  if (issues.length > 0) throw new InvalidInput(issues.slice(0, 50));

  // The attachments' content is kept before the statements that name it are acknowledged (once per hash).
  if (attached) await saveAttachmentContents(db, attached.contents);
  // One group-commit request per learner, sent together so the batcher writes them in one statement when it can.
  const outcomes = await Promise.allSettled([...byLearner.values()].map((group) => deps.ingest(group)));
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (failed) throw failed.reason;
  if (targets.length > 0)
    await reprojectVoided(
      deps,
      request.credential.forceId,
      targets.map((t) => t.target),
    );
  return ids;
}

/**
 * Data 2.3.2: a voided statement no longer counts. The voided statements' learner × module rows are rebuilt from
 * the log without them (a voided completion is no longer a completion). This runs after the voiding statements
 * have committed: should the process stop in between, the row keeps the voided statement's effect until another
 * voiding of that learner's module rebuilds it.
 */
async function reprojectVoided(deps: { db: Db; catalog: Catalog }, forceId: string, targetIds: readonly string[]) {
  const rows = (await statementsByIds(deps.db, targetIds)).filter(
    (row) => row.forceId === forceId && row.moduleId !== null,
  );
  const keys = new Map(rows.map((row) => [`${row.userId}|${row.moduleId}`, row]));
  for (const { userId, moduleId } of keys.values()) {
    const module = moduleId === null ? undefined : deps.catalog.module(moduleId);
    if (!module) continue;
    await replaceProjectionFromLog(deps.db, userId, module.id, (log) =>
      rebuildProjection(log.statements, module, (id) => log.certificateByStatement.get(id) ?? null),
    );
  }
}

/** A statement as the LRS returns it: as received, with what the LRS set (stored, authority, version). */
function asReturned(row: StoredStatementRow, format: StatementFormat, languages: readonly string[]) {
  const statement = exactStatement(row.statement, row.stored);
  if (format === "ids") return idsOnly(statement);
  if (format === "canonical") return oneLanguage(statement, languages);
  return statement;
}

/** A stored statement as the LRS returns it in `exact` format (and the JSON-lines export writes it). */
export function exactStatement(stored: Record<string, unknown>, storedAt: Date): Record<string, unknown> {
  return {
    ...stored,
    stored: storedAt.toISOString(),
    authority: stored.authority ?? APP_AUTHORITY,
    version: stored.version ?? "1.0.0",
  };
}

/** `format=ids` (Communication 2.1.3): Agents, Groups, Activities and Verbs cut to what identifies them. */
function idsOnly(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => idsOnly(item, key));
  if (!isRecord(value)) return value;
  if (key === "verb") return { id: value.id };
  const isAgent = identifierOf(value) !== undefined || value.objectType === "Group" || value.objectType === "Agent";
  if (isAgent && key !== "context" && key !== "result") {
    const ifi = identifierOf(value);
    return {
      ...(value.objectType === undefined ? {} : { objectType: value.objectType }),
      ...(ifi ?? {}),
      ...(Array.isArray(value.member) && !ifi
        ? { member: value.member.map((member) => idsOnly(member, "member")) }
        : {}),
    };
  }
  if (
    (key === "object" || key === "parent" || key === "grouping" || key === "category" || key === "other") &&
    (value.objectType === undefined || value.objectType === "Activity") &&
    typeof value.id === "string"
  ) {
    return { id: value.id, ...(value.objectType === undefined ? {} : { objectType: value.objectType }) };
  }
  return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, idsOnly(inner, name)]));
}

/**
 * `format=canonical` (Communication 2.1.3.s4): each language map of the object's definition and the verb's
 * display keeps one language, the first of the Accept-Language list it has (else its first).
 */
function oneLanguage(statement: Record<string, unknown>, languages: readonly string[]) {
  const pick = (map: unknown) => {
    if (!isRecord(map)) return map;
    const keys = Object.keys(map);
    const chosen =
      languages.map((wanted) => keys.find((key) => key.toLowerCase() === wanted.toLowerCase())).find(Boolean) ??
      languages
        .map((wanted) => keys.find((key) => key.toLowerCase().startsWith(`${wanted.split("-")[0]?.toLowerCase()}-`)))
        .find(Boolean) ??
      keys[0];
    return chosen === undefined ? map : { [chosen]: map[chosen] };
  };
  const result = { ...statement };
  if (isRecord(result.verb) && result.verb.display !== undefined)
    result.verb = { ...result.verb, display: pick(result.verb.display) };
  if (isRecord(result.object) && isRecord(result.object.definition)) {
    const definition = { ...result.object.definition };
    for (const name of ["name", "description"])
      if (definition[name] !== undefined) definition[name] = pick(definition[name]);
    result.object = { ...result.object, definition };
  }
  return result;
}

export type StatementFormat = "ids" | "exact" | "canonical";

const booleanParam = z.enum(["true", "false"]).transform((value) => value === "true");
const timestampParam = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** The query parameters of GET statements (Communication 2.1.3); any other is refused (3.2.s3.b7, b8). */
export const StatementsQuerySchema = z
  .object({
    statementId: z.uuid().optional(),
    voidedStatementId: z.uuid().optional(),
    agent: z.string().max(2000).optional(),
    verb: z.url().max(2000).optional(),
    activity: z.url().max(2000).optional(),
    registration: z.uuid().optional(),
    related_activities: booleanParam.optional(),
    related_agents: booleanParam.optional(),
    since: timestampParam.optional(),
    until: timestampParam.optional(),
    limit: z.coerce.number().int().min(0).max(1_000_000).optional(),
    format: z.enum(["ids", "exact", "canonical"]).optional(),
    attachments: booleanParam.optional(),
    ascending: booleanParam.optional(),
    more: z.string().max(4000).optional(),
  })
  .strict();
export type StatementsQuery = z.infer<typeof StatementsQuerySchema>;

/** What the `more` link carries: the query, and where its next page starts. Not secret: the force is the caller's. */
const MoreSchema = z.object({
  q: z.record(z.string(), z.string()),
  stored: z.string().max(64),
  seq: z.number().int().nonnegative(),
});

/** The answer to GET statements: one statement, or a StatementResult (Data 2.5), with its Last-Modified. */
export type StatementsAnswer =
  | { kind: "one"; statement: unknown; lastModified: Date }
  | { kind: "result"; result: { statements: unknown[]; more: string } };

/** Reads statements for a client of the force: one by id, or a page of a query (Communication 2.1.3). */
export async function readClientStatements(
  db: Db,
  credential: LrsCredential,
  raw: Record<string, string>,
  languages: readonly string[],
): Promise<StatementsAnswer> {
  let rawQuery = raw;
  let after: { stored: string; seq: number } | undefined;
  if (raw.more !== undefined) {
    if (Object.keys(raw).length > 1) {
      throw InvalidInput.field("query.more", "is used alone: the link already holds the query");
    }
    const decoded = MoreSchema.safeParse(decodeMore(raw.more));
    if (!decoded.success) throw InvalidInput.field("query.more", "is not a link this LRS handed out");
    rawQuery = decoded.data.q;
    after = { stored: decoded.data.stored, seq: decoded.data.seq };
  }
  const parsed = StatementsQuerySchema.safeParse(rawQuery);
  if (!parsed.success) {
    throw new InvalidInput(
      parsed.error.issues.slice(0, 20).map((issue) => ({
        field: `query.${issue.path.map(String).join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(",") : "")}`,
        reason:
          issue.code === "unrecognized_keys"
            ? "is not a parameter of GET statements (Communication 3.2.s3.b7)"
            : issue.message,
      })),
    );
  }
  const query = parsed.data;
  const format = query.format ?? "exact";
  const single = query.statementId ?? query.voidedStatementId;
  if (single !== undefined) {
    // Communication 2.1.3.s2.b1, b2: one id, with nothing else but attachments and format.
    const others = Object.keys(rawQuery).filter(
      (name) => !["statementId", "voidedStatementId", "attachments", "format"].includes(name),
    );
    if (query.statementId !== undefined && query.voidedStatementId !== undefined) {
      throw InvalidInput.field("query.voidedStatementId", "cannot be sent with statementId (Communication 2.1.3)");
    }
    if (others.length > 0) {
      throw InvalidInput.field(
        `query.${others[0]}`,
        "cannot be sent with statementId or voidedStatementId (Communication 2.1.3)",
      );
    }
    const row = await statementOfForce(db, credential.forceId, single.toLowerCase());
    // Communication 2.1.4.s1.b1: a voided statement only by voidedStatementId, and only a voided one that way.
    const wanted = query.voidedStatementId !== undefined ? row?.voided === true : row?.voided === false;
    if (!row || !wanted) throw new NotFound("statement");
    return { kind: "one", statement: asReturned(row, format, languages), lastModified: row.stored };
  }

  const limit = query.limit === undefined || query.limit === 0 ? MAX_PAGE : Math.min(query.limit, MAX_PAGE);
  const filter = await filterOf(db, credential.forceId, query);
  const rows = await queryStatementRows(db, {
    forceId: credential.forceId,
    filter,
    ...(query.since ? { since: query.since } : {}),
    ...(query.until ? { until: query.until } : {}),
    ascending: query.ascending ?? false,
    ...(after ? { after } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const more =
    rows.length > limit && last
      ? `/xapi/statements?more=${encodeMore({ q: rawQuery, stored: last.storedText, seq: last.seq })}`
      : "";
  return { kind: "result", result: { statements: page.map((row) => asReturned(row, format, languages)), more } };
}

const encodeMore = (value: z.infer<typeof MoreSchema>) => Buffer.from(JSON.stringify(value)).toString("base64url");
function decodeMore(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The agent and activity filters as columns and JSON fragments (Communication 2.1.3's table). */
async function filterOf(db: Db, forceId: string, query: StatementsQuery): Promise<StatementFilter> {
  const filter: StatementFilter = {};
  if (query.verb !== undefined) filter.verb = query.verb;
  if (query.registration !== undefined) filter.registration = query.registration.toLowerCase();
  if (query.activity !== undefined) {
    filter.activity = query.activity;
    if (query.related_activities) {
      const one = [{ id: query.activity }];
      filter.activityFragments = [
        ...["parent", "grouping", "category", "other"].flatMap((kind) => [
          { context: { contextActivities: { [kind]: one } } },
          { object: { context: { contextActivities: { [kind]: one } } } },
        ]),
        { object: { object: { id: query.activity } } },
      ];
    }
  }
  if (query.agent !== undefined) {
    const { agent, ifi } = agentParam(query.agent, { groups: true });
    const [person] = await resolvePeople(db, forceId, [agent]);
    filter.actorUserIds = person ? [person.id] : [];
    filter.objectAgent = ifi;
    const fragments: Record<string, unknown>[] = [];
    if (query.related_agents) {
      filter.agentFragments = fragments;
      fragments.push(
        { authority: ifi },
        { context: { instructor: ifi } },
        { context: { team: ifi } },
        { context: { team: { member: [ifi] } } },
        { context: { contextAgents: [{ agent: ifi }] } },
        { object: { actor: ifi } },
        { object: { object: ifi } },
        { object: { context: { instructor: ifi } } },
      );
    }
  }
  return filter;
}

/**
 * Communication 2.5 (Activities): the Activity object with the definition the force's statements last gave it,
 * or only its id when none did (the LRS still answers 200).
 */
export async function readActivity(db: Db, credential: LrsCredential, raw: Record<string, string>) {
  const parsed = z
    .object({ activityId: z.url().max(2000) })
    .strict()
    .safeParse(raw);
  if (!parsed.success) {
    throw InvalidInput.field("query.activityId", "is required, alone: the activity's IRI (Communication 2.5)");
  }
  const definition = await latestActivityDefinition(db, credential.forceId, parsed.data.activityId);
  return {
    objectType: "Activity",
    id: parsed.data.activityId,
    ...(isRecord(definition) ? { definition } : {}),
  };
}

/**
 * Communication 2.4 (Agents): the Person object for an agent. This LRS tells nothing beyond what the request gave
 * (2.4.s3.b3): joining an account to an email would disclose a person's address to any client of the force.
 */
export function readPerson(raw: Record<string, string>) {
  const parsed = z
    .object({ agent: z.string().max(2000) })
    .strict()
    .safeParse(raw);
  if (!parsed.success) throw InvalidInput.field("query.agent", "is required, alone: an Agent (Communication 2.4)");
  const { agent, ifi } = agentParam(parsed.data.agent, { groups: false });
  return {
    objectType: "Person",
    ...(typeof agent.name === "string" ? { name: [agent.name] } : {}),
    ...Object.fromEntries(Object.entries(ifi).map(([key, value]) => [key, [value]])),
  };
}

/**
 * The attachments the LRS holds content for among these statements, each once with the content type its first
 * attachment object gave (Communication 2.1.3 `attachments=true`). Attachments sent by fileUrl only have none.
 */
export async function statementAttachments(db: Db, statements: readonly unknown[]) {
  const types = new Map<string, string>();
  for (const statement of statements) {
    if (!isRecord(statement) || !Array.isArray(statement.attachments)) continue;
    for (const attachment of statement.attachments) {
      if (isRecord(attachment) && typeof attachment.sha2 === "string" && typeof attachment.contentType === "string") {
        const sha2 = attachment.sha2.toLowerCase();
        if (!types.has(sha2)) types.set(sha2, attachment.contentType);
      }
    }
  }
  const rows = await attachmentContents(db, [...types.keys()]);
  return rows.map((row) => ({
    sha2: row.sha2,
    contentType: types.get(row.sha2) ?? "application/octet-stream",
    content: row.content,
  }));
}
