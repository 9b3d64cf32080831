import {
  LrsForwardingResponseSchema,
  SaveLrsForwardingRequestSchema,
  lrsForwardingPaths,
} from "../../shared/lrs-forwarding-api";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";
import { readForwarding, removeForwarding, retryForwarding, saveForwarding } from "../learning/lrs-forwarding";

const ADMIN = ["admin"] as const;

/** An admin's forwarding of the force's statements to its own LRS (issue 19), within the admin's own force. */
export function lrsForwardingRoutes(deps: AppDeps) {
  const { db, now, forwarder, secrets } = deps;
  const production = deps.env.NODE_ENV === "production";
  return [
    defineRoute({
      method: "GET",
      url: lrsForwardingPaths.forwarding,
      summary: "Where the force's statements are forwarded, what is waiting and the last error (never the password)",
      tags: ["admin", "xapi"],
      access: ADMIN,
      response: { status: 200, schema: LrsForwardingResponseSchema, description: "Forwarding, or null" },
      handler: ({ auth }) => readForwarding(db, auth.user.forceId),
    }),
    defineRoute({
      method: "PUT",
      url: lrsForwardingPaths.forwarding,
      summary: "Forward the force's statements to its own LRS (HTTP Basic); the password is kept when omitted",
      tags: ["admin", "xapi"],
      access: ADMIN,
      body: SaveLrsForwardingRequestSchema,
      response: { status: 200, schema: LrsForwardingResponseSchema, description: "Forwarding saved" },
      handler: ({ auth, body }) => saveForwarding({ db, now, production, secrets, forwarder }, auth.user, body),
    }),
    defineRoute({
      method: "DELETE",
      url: lrsForwardingPaths.forwarding,
      summary: "Stop forwarding; statements still waiting are dropped",
      tags: ["admin", "xapi"],
      access: ADMIN,
      errors: [404],
      response: { status: 204, schema: null, description: "Stopped" },
      handler: ({ auth }) => removeForwarding({ db, forwarder }, auth.user),
    }),
    defineRoute({
      method: "POST",
      url: lrsForwardingPaths.retry,
      summary: "Try forwarding now, and send again the statements the LRS refused",
      tags: ["admin", "xapi"],
      access: ADMIN,
      errors: [404],
      response: { status: 200, schema: LrsForwardingResponseSchema, description: "Forwarding after the request" },
      handler: ({ auth }) => retryForwarding({ db, now, forwarder }, auth.user),
    }),
  ];
}
