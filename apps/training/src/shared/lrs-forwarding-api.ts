import { z } from "zod";
import { visibleText } from "./text";

/**
 * The admin's API for forwarding the force's statements to its own LRS (issue 19): where to send them, the
 * HTTP Basic credentials that LRS gave the force, and what is still waiting to go.
 */
export const lrsForwardingPaths = {
  /** GET the force's forwarding and its backlog; PUT saves it; DELETE stops it and empties the backlog. */
  forwarding: "/api/admin/lrs-forwarding",
  /** POST: try again now, and send again the statements the LRS refused. */
  retry: "/api/admin/lrs-forwarding/retry",
} as const;

// zod runs refinements on a value its URL check already failed: that value may not parse.
const hasCredentials = (value: string) => {
  try {
    const url = new URL(value);
    return url.username !== "" || url.password !== "";
  } catch {
    return false;
  }
};

/** `PUT /api/admin/lrs-forwarding`. */
export const SaveLrsForwardingRequestSchema = z.object({
  /** The LRS's xAPI endpoint (`https://lrs.force.police.uk/xapi/`); statements go to `<endpoint>statements`. */
  endpoint: z
    .url({ protocol: /^https?$/, error: "enter the LRS address, starting https://" })
    .max(500, "must be 500 characters or fewer")
    .refine((value) => !/[?#]/.test(value), "must not have a query or fragment (?, #)")
    .refine((value) => !hasCredentials(value), {
      message: "must not hold credentials: enter them as the user name and password",
    })
    .transform((value) => (value.endsWith("/") ? value : `${value}/`)),
  username: visibleText(z.string().trim().min(1, "enter the user name (key) the LRS gave you").max(200)),
  /** Omitted: keep the password already saved. Required the first time. */
  password: z.string().min(1, "enter the password (secret) the LRS gave you").max(500).optional(),
  enabled: z.boolean(),
  /** Also send every statement already stored (otherwise only statements stored from now on go). */
  sendHistory: z.boolean().default(false),
});
/** Save forwarding body, as a client sends it. */
export type SaveLrsForwardingRequest = z.input<typeof SaveLrsForwardingRequestSchema>;
/** Save forwarding body, as the server reads it (endpoint ending `/`, `sendHistory` given). */
export type LrsForwardingSettings = z.output<typeof SaveLrsForwardingRequestSchema>;

const instant = z.iso.datetime({ offset: true });

/** The force's forwarding as an admin sees it: never the password. */
export const LrsForwardingSchema = z.object({
  endpoint: z.string(),
  username: z.string(),
  enabled: z.boolean(),
  /** Statements waiting to be sent, oldest first. */
  backlog: z.number().int().nonnegative(),
  oldestPendingAt: instant.nullable(),
  /** Statements the LRS refused as bad; kept aside until an admin sends them again. */
  rejected: z.number().int().nonnegative(),
  lastRejection: z.object({ statementId: z.uuid(), reason: z.string().nullable() }).nullable(),
  forwardedCount: z.number().int().nonnegative(),
  /** Failed tries in a row, and when the next one is due (back-off). */
  failures: z.number().int().nonnegative(),
  nextAttemptAt: instant,
  lastError: z.string().nullable(),
  lastErrorAt: instant.nullable(),
  lastSuccessAt: instant.nullable(),
  updatedAt: instant,
});
/** Forwarding status. */
export type LrsForwarding = z.infer<typeof LrsForwardingSchema>;

/** `GET /api/admin/lrs-forwarding`: null when the force does not forward. */
export const LrsForwardingResponseSchema = z.object({ forwarding: LrsForwardingSchema.nullable() });
/** Forwarding answer. */
export type LrsForwardingResponse = z.infer<typeof LrsForwardingResponseSchema>;
