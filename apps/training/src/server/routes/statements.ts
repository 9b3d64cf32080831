import { randomUUID } from "node:crypto";
import { CLIENT_XAPI_VERBS, StatementsRequestSchema, StatementsResponseSchema, paths } from "../../shared/api";
import type { Statement } from "../../shared/api";
import type { Catalog } from "../catalog";
import { InvalidInput } from "../errors";
import { forbidden } from "../http/problem";
import { defineRoute } from "../http/route";
import type { NewStatement } from "../learning/statement";
import { learnerOf } from "../learning/statement";
import { parseActivityId } from "../learning/xapi";
import type { AppDeps } from "../deps";

const clientVerbs: readonly string[] = CLIENT_XAPI_VERBS;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Checks one client statement against who is signing it and what the curriculum holds. */
function toNewStatement(
  statement: Statement,
  index: number | null,
  userId: string,
  catalog: Catalog,
  now: Date,
): NewStatement {
  const at = (field: string) => (index === null ? field : `${index}.${field}`);
  if (statement.actor.account.name !== userId) {
    throw forbidden("You can record statements only about yourself.", [
      { field: at("actor.account.name"), reason: "must be your own user id" },
    ]);
  }
  if (!clientVerbs.includes(statement.verb.id)) {
    throw forbidden("Results are recorded by the server when it scores an attempt.", [
      { field: at("verb.id"), reason: `only ${clientVerbs.join(" and ")} may be sent by a client` },
    ]);
  }
  const activity = parseActivityId(statement.object.id);
  const module = activity ? catalog.module(activity.moduleId) : undefined;
  const known =
    activity !== undefined &&
    module !== undefined &&
    (activity.kind === "module" ||
      (activity.kind === "lesson" && module.lessons.some((lesson) => lesson.id === activity.lessonId)));
  if (!activity || !known) {
    throw InvalidInput.field(
      at("object.id"),
      "is not the activity id of a module or lesson in this course",
      "object.id is not a module or lesson of this course.",
    );
  }
  const timestamp = statement.timestamp ? new Date(statement.timestamp) : now;
  // A device's clock may run a little fast; a statement from further in the future than that is not a record
  // of something that happened, and would sort after every real one.
  if (timestamp.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw InvalidInput.field(
      at("timestamp"),
      "is more than 5 minutes in the future; check the device's clock",
      "timestamp: is in the future",
    );
  }
  const id = statement.id ?? randomUUID();
  const body = { ...statement, id };
  return {
    id,
    verb: statement.verb.id,
    objectId: statement.object.id,
    moduleId: activity.moduleId,
    registration: statement.context?.registration ?? null,
    timestamp,
    body,
  };
}

/** The xAPI Statements resource (writes), for the signed-in learner's own statements. */
export function statementRoutes(deps: AppDeps) {
  const { catalog, now, ingest } = deps;
  return [
    defineRoute({
      method: "POST",
      url: paths.statements,
      summary:
        "Store xAPI statements (one or a batch) about the caller; an id already stored with the same content is a no-op",
      tags: ["xapi"],
      access: ["officer", "trainer", "admin"],
      body: StatementsRequestSchema,
      errors: [409],
      response: { status: 200, schema: StatementsResponseSchema, description: "Ids of the statements, in order" },
      handler: async ({ auth, body }) => {
        const list = Array.isArray(body) ? body : [body];
        const at = now();
        const prepared = list.map((statement, index) =>
          toNewStatement(statement, Array.isArray(body) ? index : null, auth.user.id, catalog, at),
        );
        // All of a request's statements are stored or none is (xAPI's rule for batches); answered after commit.
        await ingest({ learner: learnerOf(auth.user), statements: prepared });
        return prepared.map((statement) => statement.id);
      },
    }),
  ];
}
