import { z } from "zod";
import {
  LrsClientsResponseSchema,
  NewLrsClientRequestSchema,
  NewLrsClientResponseSchema,
  lrsClientPaths,
} from "../../shared/lrs-api";
import { createLrsClient, listLrsClients, revokeLrsClient } from "../auth/lrs-clients";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";

const ADMIN = ["admin"] as const;

/** An admin's xAPI LRS clients (issue 19): created, listed and revoked within the admin's own force. */
export function lrsClientRoutes(deps: AppDeps) {
  const { db, now } = deps;
  return [
    defineRoute({
      method: "GET",
      url: lrsClientPaths.clients,
      summary: "The force's xAPI LRS clients (never their secrets)",
      tags: ["admin", "xapi"],
      access: ADMIN,
      response: { status: 200, schema: LrsClientsResponseSchema, description: "LRS clients" },
      handler: ({ auth }) => listLrsClients(db, auth.user.forceId),
    }),
    defineRoute({
      method: "POST",
      url: lrsClientPaths.clients,
      summary: "Create HTTP Basic credentials for an xAPI client of the admin's force; the secret is shown this once",
      tags: ["admin", "xapi"],
      access: ADMIN,
      body: NewLrsClientRequestSchema,
      response: { status: 201, schema: NewLrsClientResponseSchema, description: "Client created, with its secret" },
      handler: ({ auth, body }) => createLrsClient(db, auth.user, body),
    }),
    defineRoute({
      method: "DELETE",
      url: lrsClientPaths.client,
      summary: "Revoke an xAPI client's credentials",
      tags: ["admin", "xapi"],
      access: ADMIN,
      params: z.object({ clientId: z.uuid() }),
      errors: [404],
      response: { status: 204, schema: null, description: "Revoked" },
      handler: ({ auth, params }) => revokeLrsClient(db, auth.user, params.clientId, now()),
    }),
  ];
}
