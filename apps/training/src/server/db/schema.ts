/**
 * The app's one database schema, for drizzle's query builder. The SQL that creates it lives beside it in
 * `migrations/` (checked in, run on start); `test/db/schema.test.ts` proves the two agree.
 *
 * Every table carries `force_id` so that each query can be scoped to one force (multi-tenancy), and the
 * completion projection carries the learner's unit and job role so the trainer grid (part 2) can filter and
 * sort on one indexed table without joining per learner.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { GroupMapping } from "../../shared/identity-api";

/** Raw bytes (State documents may be any content type). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Police forces (tenants). */
export const forces = pgTable("forces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: at("created_at").notNull().defaultNow(),
  /** 0006: knowledge-check attempts a learner may start per module in 24 hours before re-reading lessons. */
  attemptsPerDay: integer("attempts_per_day").notNull().default(3),
  /** 0007: days learners have to renew after a material content change (0–366, checked in the migration). */
  contentChangeGraceDays: integer("content_change_grace_days").notNull().default(90),
});

/** Commands and teams inside a force; a team may sit under a command. */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey(),
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    parentId: uuid("parent_id"),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["command", "team"] }).notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    /** 0008: a closed unit keeps its history but takes no new people or teams. */
    closedAt: at("closed_at"),
  },
  (t) => [uniqueIndex("units_force_name_key").on(t.forceId, t.name)],
);

/** People who sign in. `role` is what they may do in the app; `jobRole` is what they do in the force. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    unitId: uuid("unit_id").references(() => units.id),
    email: text("email").notNull(),
    collarNumber: text("collar_number"),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ["officer", "trainer", "admin"] }).notNull(),
    jobRole: text("job_role", {
      enum: ["call-handler", "response-officer", "investigator", "supervisor", "staff"],
    }).notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    disabledAt: at("disabled_at"),
    /** 0008: the password was set by an admin; until it is changed, the session may only change it or sign out. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    passwordChangedAt: at("password_changed_at"),
    /** 0008: the person's key in the force's HR system, unique within the force. */
    employeeNumber: text("employee_number"),
    /** 0008: when the person joined or last moved unit or job role (joiners' due dates count from here). */
    placedAt: at("placed_at").notNull().defaultNow(),
    /** 0009: who they are at their force's OpenID Provider (both set, or neither). */
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    /** 0009: the id the force's directory gives them (SCIM `externalId`). */
    externalId: text("external_id"),
  },
  (t) => [
    uniqueIndex("users_oidc_subject_key").on(t.oidcIssuer, t.oidcSubject),
    uniqueIndex("users_force_external_id_key").on(t.forceId, t.externalId),
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_collar_number_key").on(sql`lower(${t.collarNumber})`),
    // 0008: HR imports match people on their employee number.
    uniqueIndex("users_force_employee_number_key").on(t.forceId, sql`lower(${t.employeeNumber})`),
    index("users_force_unit_idx").on(t.forceId, t.unitId),
    // 0002: keyset order of the trainer grid by name and by collar number. (0004 rebuilds the name index with
    // INCLUDE (display_name, collar_number, disabled_at) for index-only searches; drizzle does not model INCLUDE.)
    index("users_force_name_idx").on(t.forceId, sql`lower(${t.displayName})`, t.id),
    index("users_force_collar_idx").on(t.forceId, sql`(coalesce(lower(${t.collarNumber}), ''))`, t.id),
    // 0003: the same order within one team or one job role.
    index("users_force_unit_name_idx").on(t.forceId, t.unitId, sql`lower(${t.displayName})`, t.id),
    index("users_force_job_role_name_idx").on(t.forceId, t.jobRole, sql`lower(${t.displayName})`, t.id),
    // 0004: substring search (pg_trgm), and the force's learners in id order for module sorts.
    index("users_display_name_trgm_idx").using("gin", sql`lower(${t.displayName}) gin_trgm_ops`),
    index("users_collar_number_trgm_idx").using("gin", sql`lower(${t.collarNumber}) gin_trgm_ops`),
    index("users_force_id_idx").on(t.forceId, t.id),
  ],
);

/** Server-side sessions; the cookie carries a random token and only its SHA-256 is stored here. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    forceId: text("force_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
    /** 0008: why the session was ended, kept until its holder has been told on their next request. */
    endedReason: text("ended_reason", { enum: ["account-disabled", "password-changed"] }),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** A module assigned to everyone in a force matching the unit and/or job role, or to one user. */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey(),
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    moduleId: text("module_id").notNull(),
    unitId: uuid("unit_id").references(() => units.id),
    jobRole: text("job_role"),
    userId: uuid("user_id").references(() => users.id),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("assignments_force_module_idx").on(t.forceId, t.moduleId)],
);

/**
 * Append-only xAPI statements. `seq` is the order they were stored in (the projection applies them in that
 * order); `content_hash` makes "same id, same content" a no-op and "same id, different content" a 409.
 */
export const statements = pgTable(
  "statements",
  {
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    id: uuid("id").primaryKey(),
    forceId: text("force_id").notNull(),
    userId: uuid("user_id").notNull(),
    verb: text("verb").notNull(),
    objectId: text("object_id").notNull(),
    /** 0012: null for a statement about an activity outside the curriculum (from an LRS client): not projected. */
    moduleId: text("module_id"),
    registration: uuid("registration"),
    timestamp: at("timestamp").notNull(),
    stored: at("stored").notNull().defaultNow(),
    contentHash: text("content_hash").notNull(),
    statement: jsonb("statement").notNull(),
    /** 0012: the statement a StatementRef object points at (what a voiding statement voids). */
    refTarget: uuid("ref_target"),
    /** 0012: whether this is a voiding statement. */
    voiding: boolean("voiding").notNull().default(false),
  },
  (t) => [
    uniqueIndex("statements_seq_key").on(t.seq),
    index("statements_user_module_seq_idx").on(t.userId, t.moduleId, t.seq),
    // 0012: statement queries in stored order (replaces (force_id, stored)), and StatementRef targets.
    index("statements_force_stored_seq_idx").on(t.forceId, t.stored, t.seq),
    index("statements_ref_target_idx")
      .on(t.refTarget)
      .where(sql`${t.refTarget} IS NOT NULL`),
    // 0002: a learner's timeline across modules.
    index("statements_user_seq_idx").on(t.userId, t.seq),
  ],
);

/**
 * The completion projection: one row per learner × module, updated in the same transaction as each
 * statement that changes it. `status` stores not-started / in-progress / completed; due-for-renewal and
 * expired are read from `expires_at` against the clock, so no job has to flip them.
 */
export const completions = pgTable(
  "completions",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    moduleId: text("module_id").notNull(),
    forceId: text("force_id").notNull(),
    unitId: uuid("unit_id"),
    jobRole: text("job_role").notNull(),
    status: text("status", { enum: ["not-started", "in-progress", "completed"] }).notNull(),
    experiencedLessonIds: text("experienced_lesson_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    lastLessonId: text("last_lesson_id"),
    attempts: integer("attempts").notNull().default(0),
    scorePercent: integer("score_percent"),
    bestScorePercent: integer("best_score_percent"),
    startedAt: at("started_at"),
    completedAt: at("completed_at"),
    expiresAt: at("expires_at"),
    certificateId: text("certificate_id"),
    /** 0014: where an imported completion came from ("College Learn"); null for one earned here. */
    completionSource: text("completion_source"),
    lastStatementSeq: bigint("last_statement_seq", { mode: "number" }).notNull().default(0),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.moduleId] }),
    index("completions_force_module_status_idx").on(t.forceId, t.moduleId, t.status, t.expiresAt),
    index("completions_force_unit_idx").on(t.forceId, t.unitId, t.moduleId, t.status),
    index("completions_force_job_role_idx").on(t.forceId, t.jobRole, t.moduleId, t.status),
    index("completions_force_completed_idx").on(t.forceId, t.completedAt),
    // 0004: keyset walks of one module's learners in sort order (grid module sorts).
    index("completions_module_score_idx").on(t.forceId, t.moduleId, t.scorePercent, t.userId),
    index("completions_module_completed_at_idx").on(t.forceId, t.moduleId, t.completedAt, t.userId),
    index("completions_module_expires_at_idx").on(t.forceId, t.moduleId, t.expiresAt, t.userId),
    index("completions_module_status_user_idx").on(t.forceId, t.moduleId, t.status, t.userId, t.expiresAt),
  ],
);

/** Certificates issued on a pass; never deleted, so an old one still verifies (as expired). */
export const certificates = pgTable(
  "certificates",
  {
    id: text("id").primaryKey(),
    forceId: text("force_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    moduleId: text("module_id").notNull(),
    moduleVersion: text("module_version").notNull(),
    scorePercent: integer("score_percent").notNull(),
    issuedAt: at("issued_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    // 0011: set when the force withdraws the certificate; it then verifies as revoked.
    revokedAt: at("revoked_at"),
    // 0016: why (shown to the holder and the force's trainers, never to a public check) and by whom.
    revokedReason: text("revoked_reason"),
    revokedBy: uuid("revoked_by").references(() => users.id),
    statementId: uuid("statement_id")
      .notNull()
      .references(() => statements.id),
  },
  (t) => [
    index("certificates_user_module_idx").on(t.userId, t.moduleId),
    // 0002: certificates issued per month for the trainer's chart.
    index("certificates_force_issued_idx").on(t.forceId, t.issuedAt),
  ],
);

/** Who did what to whom: sign-ins, exports, assignments, user changes. Details never hold passwords. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    forceId: text("force_id"),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    subject: text("subject"),
    details: jsonb("details")
      .notNull()
      .default(sql`'{}'::jsonb`),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_force_at_idx").on(t.forceId, t.at),
    // 0008: a person's sign-in history, newest first.
    index("audit_log_subject_at_idx").on(t.subject, t.at),
  ],
);

/** 0006: failed sign-ins per throttle key in the current window, reserved before the password is checked. */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull(),
    windowEndsAt: at("window_ends_at").notNull(),
  },
  (t) => [index("sign_in_throttle_window_idx").on(t.windowEndsAt)],
);

/** 0006: a knowledge-check attempt as drawn (questions and option order), and how it ended. */
export const attemptDraws = pgTable(
  "attempt_draws",
  {
    id: uuid("id").primaryKey(),
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    moduleId: text("module_id").notNull(),
    moduleVersion: text("module_version").notNull(),
    questions: jsonb("questions").$type<DrawnQuestion[]>().notNull(),
    drawnAt: at("drawn_at").notNull(),
    submittedAt: at("submitted_at"),
    passed: boolean("passed"),
    wrongQuestionIds: jsonb("wrong_question_ids").$type<string[]>(),
    // 0011: answers given so far to an attempt not yet submitted (question id → option ids).
    answersSoFar: jsonb("answers_so_far")
      .$type<Record<string, string[]>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index("attempt_draws_user_module_idx").on(t.userId, t.moduleId, t.drawnAt)],
);

/** 0010: how a force sends email (SMTP or GOV.UK Notify), its quiet hours and time zone. Secrets never leave the server. */
export const notificationChannels = pgTable("notification_channels", {
  forceId: text("force_id")
    .primaryKey()
    .references(() => forces.id),
  kind: text("kind", { enum: ["smtp", "notify"] }).notNull(),
  senderName: text("sender_name").notNull(),
  fromAddress: text("from_address"),
  smtpUrl: text("smtp_url"),
  notifyApiKey: text("notify_api_key"),
  notifyTemplateId: uuid("notify_template_id"),
  quietStartHour: smallint("quiet_start_hour").notNull().default(21),
  quietEndHour: smallint("quiet_end_hour").notNull().default(8),
  timeZone: text("time_zone").notNull().default("Europe/London"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** 0010: a person's message preferences, and a permanent delivery failure recorded against them. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  optionalFrequency: text("optional_frequency", { enum: ["immediate", "daily", "off"] })
    .notNull()
    .default("immediate"),
  mandatoryFrequency: text("mandatory_frequency", { enum: ["immediate", "daily"] })
    .notNull()
    .default("immediate"),
  digestFrequency: text("digest_frequency", { enum: ["weekly", "daily", "off"] })
    .notNull()
    .default("weekly"),
  undeliverableAt: at("undeliverable_at"),
  undeliverableReason: text("undeliverable_reason"),
  /** 0013: the SHA-256 of the (lower-cased) address that failed; sending stops only while it is still theirs. */
  undeliverableEmailSha256: text("undeliverable_email_sha256"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** 0010: every message the reminder scan decided on, unique per person × notification × due period. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey(),
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    mandatory: boolean("mandatory").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: at("created_at").notNull(),
    sendAfter: at("send_after").notNull(),
    state: text("state", { enum: ["pending", "sending", "sent", "failed", "suppressed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    claimedAt: at("claimed_at"),
    sentAt: at("sent_at"),
    readAt: at("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_user_dedupe_key").on(t.userId, t.dedupeKey),
    index("notifications_pending_idx")
      .on(t.sendAfter)
      .where(sql`state IN ('pending', 'sending')`),
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
  ],
);

/** 0010: the send log: who (user id), which template, when, the result; never a body or an address. */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    forceId: text("force_id").notNull(),
    userId: uuid("user_id").notNull(),
    template: text("template").notNull(),
    channel: text("channel").notNull(),
    notificationIds: uuid("notification_ids").array().notNull(),
    at: at("at").notNull(),
    result: text("result", { enum: ["sent", "failed", "rejected"] }).notNull(),
    error: text("error"),
    providerReference: text("provider_reference"),
    /** 0013: GOV.UK Notify's delivery receipt for this send, when one came. */
    receiptStatus: text("receipt_status", {
      enum: ["delivered", "permanent-failure", "temporary-failure", "technical-failure"],
    }),
    receiptAt: at("receipt_at"),
  },
  (t) => [
    index("notification_deliveries_force_at_idx").on(t.forceId, t.at),
    index("notification_deliveries_user_idx").on(t.userId, t.at),
    index("notification_deliveries_provider_reference_idx")
      .on(t.forceId, t.providerReference)
      .where(sql`provider_reference IS NOT NULL`),
  ],
);

/** One drawn question: its id and its options' ids in the order the learner sees them. */
export interface DrawnQuestion {
  questionId: string;
  optionIds: string[];
}

/** 0012: an xAPI LRS client: HTTP Basic credentials an admin created for one force (the secret only hashed). */
export const lrsClients = pgTable(
  "lrs_clients",
  {
    id: uuid("id").primaryKey(),
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    name: text("name").notNull(),
    key: text("key").notNull(),
    secretHash: text("secret_hash").notNull(),
    canRead: boolean("can_read").notNull(),
    canWrite: boolean("can_write").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: at("created_at").notNull().defaultNow(),
    revokedAt: at("revoked_at"),
  },
  (t) => [uniqueIndex("lrs_clients_key_key").on(t.key), index("lrs_clients_force_idx").on(t.forceId, t.createdAt)],
);

/** 0012/0017: xAPI document resources (State, Activity Profile, Agent Profile), per force and resource key. */
export const xapiDocuments = pgTable(
  "xapi_documents",
  {
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    /** Which document resource: `state`, `activity-profile` or `agent-profile`. */
    resource: text("resource").notNull(),
    /** '' for an Agent Profile document. */
    activityId: text("activity_id").notNull(),
    /** '' for an Activity Profile document. */
    agentKey: text("agent_key").notNull(),
    /** '' when none was given, and for profile documents. */
    registration: text("registration").notNull(),
    /** The stateId or profileId. */
    documentId: text("document_id").notNull(),
    contentType: text("content_type").notNull(),
    content: bytea("content").notNull(),
    etag: text("etag").notNull(),
    updated: at("updated").notNull(),
  },
  (t) => [
    primaryKey({
      name: "xapi_documents_pkey",
      columns: [t.forceId, t.resource, t.activityId, t.agentKey, t.registration, t.documentId],
    }),
  ],
);

/** Attachment content, once per SHA-2 (migration 0017). */
export const xapiAttachments = pgTable("xapi_attachments", {
  sha2: text("sha2").primaryKey(),
  length: integer("length").notNull(),
  content: bytea("content").notNull(),
  createdAt: at("created_at").notNull().defaultNow(),
});

/** 0008: one-time password reset links; only the token's SHA-256 is stored. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    issuedBy: uuid("issued_by").references(() => users.id),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
  },
  (t) => [
    index("password_reset_tokens_user_idx").on(t.userId),
    index("password_reset_tokens_expires_idx").on(t.expiresAt),
  ],
);

/** 0009: a force's OpenID Provider and how its ID tokens become accounts. */
export const ssoProviders = pgTable("sso_providers", {
  forceId: text("force_id")
    .primaryKey()
    .references(() => forces.id),
  label: text("label").notNull(),
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecret: text("client_secret").notNull(),
  collarNumberClaim: text("collar_number_claim").notNull(),
  groupsClaim: text("groups_claim").notNull().default("groups"),
  groupMappings: jsonb("group_mappings").$type<GroupMapping[]>().notNull().default([]),
  justInTime: boolean("just_in_time").notNull().default(false),
  localPasswords: boolean("local_passwords").notNull().default(true),
  defaultJobRole: text("default_job_role", {
    enum: ["call-handler", "response-officer", "investigator", "supervisor", "staff"],
  })
    .notNull()
    .default("staff"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** 0009: a single sign-on in progress (state, nonce, PKCE verifier), single use. */
export const ssoFlows = pgTable(
  "sso_flows",
  {
    stateHash: text("state_hash").primaryKey(),
    forceId: text("force_id")
      .notNull()
      .references(() => forces.id),
    browserHash: text("browser_hash").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    nonce: text("nonce").notNull(),
    returnTo: text("return_to").notNull(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("sso_flows_expires_idx").on(t.expiresAt)],
);

/** 0009: the SCIM bearer token of a force (its SHA-256). */
/** 0013: the bearer token GOV.UK Notify sends with a force's delivery receipts; only its SHA-256 is stored. */
export const notifyCallbackTokens = pgTable("notify_callback_tokens", {
  forceId: text("force_id")
    .primaryKey()
    .references(() => forces.id),
  tokenHash: text("token_hash").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: at("created_at").notNull().defaultNow(),
});

export const scimTokens = pgTable(
  "scim_tokens",
  {
    forceId: text("force_id")
      .primaryKey()
      .references(() => forces.id),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("scim_tokens_hash_key").on(t.tokenHash)],
);

/**
 * 0018: a force's own LRS, to which its statements are forwarded. `password` is the Basic secret we must send;
 * only db/lrs-forwarding.ts reads or writes it (where sealing plugs in).
 */
export const lrsForwardTargets = pgTable("lrs_forward_targets", {
  forceId: text("force_id")
    .primaryKey()
    .references(() => forces.id),
  endpoint: text("endpoint").notNull(),
  username: text("username").notNull(),
  password: text("password").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  failures: integer("failures").notNull().default(0),
  nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
  lastError: text("last_error"),
  lastErrorAt: at("last_error_at"),
  lastSuccessAt: at("last_success_at"),
  forwardedCount: bigint("forwarded_count", { mode: "number" }).notNull().default(0),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** 0018: statements still to forward to their force's LRS; filled by a trigger on `statements`. */
export const lrsForwardOutbox = pgTable(
  "lrs_forward_outbox",
  {
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    statementId: uuid("statement_id").primaryKey(),
    forceId: text("force_id").notNull(),
    rejectedAt: at("rejected_at"),
    rejection: text("rejection"),
    enqueuedAt: at("enqueued_at").notNull().defaultNow(),
  },
  (t) => [
    index("lrs_forward_outbox_pending_idx")
      .on(t.forceId, t.seq)
      .where(sql`${t.rejectedAt} IS NULL`),
  ],
);
