import { z } from "zod";
import { visibleText } from "./text";

/**
 * The admin's API for the xAPI LRS's client credentials (issue 19): HTTP Basic credentials per outside client
 * (another platform, an authoring tool's content), each for the admin's own force, with read and/or write rights.
 */
export const lrsClientPaths = {
  /** GET the force's LRS clients; POST a new one (its secret is in the answer, once). */
  clients: "/api/admin/lrs-clients",
  /** DELETE revokes a client: its credentials stop working at once. */
  client: "/api/admin/lrs-clients/:clientId",
} as const;

/** `POST /api/admin/lrs-clients`. */
export const NewLrsClientRequestSchema = z
  .object({
    name: visibleText(z.string().trim().min(1, "enter a name for the client").max(120)),
    read: z.boolean(),
    write: z.boolean(),
  })
  .refine((client) => client.read || client.write, { message: "give the client read or write rights", path: ["read"] });
/** New LRS client body. */
export type NewLrsClientRequest = z.infer<typeof NewLrsClientRequestSchema>;

/** An LRS client as an admin sees it (never its secret, except once on creation). */
export const LrsClientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The HTTP Basic user name. */
  key: z.string(),
  read: z.boolean(),
  write: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
/** An LRS client. */
export type LrsClient = z.infer<typeof LrsClientSchema>;

/** The answer to a create: the client, its secret (shown this once; only a hash is kept) and where to point it. */
export const NewLrsClientResponseSchema = LrsClientSchema.extend({
  /** The HTTP Basic password. */
  secret: z.string(),
  /** The LRS endpoint, relative to this site (`/xapi/`). */
  endpoint: z.string(),
});

/** `GET /api/admin/lrs-clients`. */
export const LrsClientsResponseSchema = z.object({ clients: z.array(LrsClientSchema) });
