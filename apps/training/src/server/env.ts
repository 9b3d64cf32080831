import { z } from "zod";

/**
 * The smallest group a public figure may describe. A count of 1 to 4 people on a force's website (say "1 of 1
 * call handlers") can point at a person, so it is withheld; `PUBLISH_MIN_GROUP_SIZE` overrides this default.
 */
export const DEFAULT_PUBLISH_MIN_GROUP_SIZE = 5;

const flag = z.enum(["true", "false"]).transform((value) => value === "true");

const KEY_HOW_TO = "make one with: openssl rand -base64 32";

/** Every setting the training app reads from its environment, parsed once at start-up. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** PostgreSQL connection string; when absent the app runs on embedded PGlite in TRAINING_DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
  TRAINING_DATA_DIR: z.string().min(1).default("./data"),
  /** Idle lifetime of a session; each authenticated request slides it forward. */
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(480),
  /** Sign-in attempts allowed per account and address within the window. */
  SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  SIGN_IN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /**
   * Refused statement writes a caller may make in a minute (and at once) before its statement writes are
   * answered 429 without being read (issue 14; see http/refusal-budget.ts).
   */
  STATEMENT_REFUSALS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Marks cookies Secure; on by default in production, where the app must sit behind HTTPS. */
  COOKIE_SECURE: flag.optional(),
  /**
   * Smallest group a figure on the published action-plan page may describe; smaller counts are withheld.
   * At least 2, so suppression cannot be switched off by configuration.
   */
  PUBLISH_MIN_GROUP_SIZE: z.coerce.number().int().min(2).max(100).default(DEFAULT_PUBLISH_MIN_GROUP_SIZE),
  /**
   * The demo force and its public passwords. `auto` seeds it into an empty database except in production;
   * `never` leaves an empty database empty; `always` seeds an empty database even in production, and is the
   * only way a production server starts with demo accounts in its database.
   */
  SEED_DEMO: z.enum(["auto", "never", "always"]).default("auto"),
  /** GOV.UK Notify's API; only changed to point at a test server. */
  NOTIFY_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .default("https://api.notifications.service.gov.uk"),
  /**
   * Largest xAPI statements request (JSON, or multipart/mixed with its attachments) the LRS takes, in MiB;
   * larger is 413. xAPI asks that the limit can be raised for conformance testing (Communication 3.2.s3.b16).
   */
  XAPI_MAX_REQUEST_MB: z.coerce.number().int().min(1).max(1024).default(16),
  /** Whether this instance runs the job queue (reminder scans, email delivery). */
  JOBS: flag.default(true),
  /**
   * The address people reach the app at (`https://training.force.police.uk`), from which the single sign-on
   * redirect URI and the SCIM base URL are made, and every link in an email. Unset, the first two are made
   * from the request's own host; emails (never from a request's host) use the address the server listens on.
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /**
   * The key that seals stored secrets a force gives the app (single sign-on client secrets, LRS forwarding
   * passwords): base64 of 32 random bytes. Unset in production, such secrets are refused; in development and
   * tests a published development key (labelled so in every value it seals) stands in.
   */
  SECRETS_KEY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, `must be base64 (${KEY_HOW_TO})`)
    .transform((value) => Buffer.from(value, "base64"))
    .refine((bytes) => bytes.length === 32, {
      error: (issue) =>
        `must be base64 of exactly 32 bytes (44 characters), not ${(issue.input as Buffer).length} bytes (${KEY_HOW_TO})`,
    })
    .optional(),
  /**
   * Single sign-on starts one address may make in 10 minutes, and as many callbacks. A force's people often
   * reach the app through one proxy address, so it is generous: it stops floods, not a shift signing in.
   */
  SSO_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(600),
});

/** The parsed environment. */
export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment or throws one message naming every bad variable and why. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty value (`DATABASE_URL=`) means "not set", as shells and .env files usually intend.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${problems.join("\n")}`);
}
