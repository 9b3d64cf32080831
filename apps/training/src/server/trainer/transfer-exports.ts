import { Readable } from "node:stream";
import { trainingStatus, trainingStatusLabels } from "@stalking-response/curriculum";
import { jobRoleLabels } from "../../shared/api";
import type { JobRole } from "../../shared/api";
import type { Actor } from "../accounts";
import { audit } from "../audit";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { CompletionExportRow, StatementPosition } from "../db/transfer-exports";
import { completionPage, personOfForce, statementPage } from "../db/transfer-exports";
import { NotFound } from "../errors";
import { exactStatement } from "../learning/lrs";
import { csvLine } from "./export";

/**
 * Exports for other platforms (issue 19): a generic completions CSV per module, Totara's certification completion
 * upload, and xAPI statements as JSON lines. Each is written to the audit log before its first byte, then streamed
 * page by page (one short keyset query per page, the next read only when the client has taken the last), so
 * memory stays flat whatever the force's size. CSV fields go through the grid export's quoting and formula guard.
 */

/** Rows per page. */
export const TRANSFER_PAGE = 2_000;

const day = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString().slice(0, 10));

/** Streams pages from `read` (given where the last ended) through `format`, after `head`. */
function paged<R, P>(
  head: string,
  read: (after: P | null) => Promise<R[]>,
  positionOf: (row: R) => P,
  format: (rows: R[]) => string,
  pageSize: number,
): Readable {
  async function* pages() {
    if (head) yield head;
    let after: P | null = null;
    for (;;) {
      const rows = await read(after);
      if (rows.length > 0) yield format(rows);
      const last = rows[rows.length - 1];
      if (rows.length < pageSize || last === undefined) return;
      after = positionOf(last);
    }
  }
  return Readable.from(pages(), { objectMode: false });
}

/** The module, or "not found" (a module id that is not in the course). */
function moduleOf(catalog: Catalog, moduleId: string) {
  const module = catalog.module(moduleId);
  if (!module) throw new NotFound("module");
  return module;
}

/** The generic completions CSV's columns. */
export const COMPLETIONS_HEADER = [
  "User id",
  "Name",
  "Collar number",
  "Email",
  "Unit",
  "Job role",
  "Module id",
  "Module",
  "Status",
  "Score %",
  "Completed",
  "Expires",
  "Certificate id",
] as const;

/**
 * One module's records: every learner of the force with a record of it, in the grid's words for status and job
 * role ("Expired" read against the clock, as the grid does); dates as `YYYY-MM-DD` (UTC).
 */
export async function startCompletionsExport(
  deps: { db: Db; catalog: Catalog; now: Date },
  actor: Actor,
  query: { module: string },
  pageSize = TRANSFER_PAGE,
) {
  const module = moduleOf(deps.catalog, query.module);
  await audit(deps.db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "completions-export",
    details: { module: module.id, format: "csv" },
  });
  const row = (r: CompletionExportRow) =>
    csvLine([
      r.user_id,
      r.display_name,
      r.collar_number,
      r.email,
      r.unit_name,
      jobRoleLabels[r.job_role as JobRole] ?? r.job_role,
      module.id,
      module.title,
      trainingStatusLabels[
        trainingStatus({ status: r.status, expiresAt: r.expires_at === null ? null : new Date(r.expires_at) }, deps.now)
      ],
      r.score_percent,
      day(r.completed_at),
      day(r.expires_at),
      r.certificate_id,
    ]);
  return {
    fileName: `completions-${actor.forceId}-${module.id}-${deps.now.toISOString().slice(0, 10)}.csv`,
    body: paged(
      `\uFEFF${csvLine([...COMPLETIONS_HEADER])}`,
      (after: string | null) =>
        completionPage(deps.db, actor.forceId, module.id, { after, limit: pageSize, completedOnly: false }),
      (r) => r.user_id,
      (rows) => rows.map(row).join(""),
      pageSize,
    ),
  };
}

/**
 * Totara's certification completion upload (Totara Learn: Site administration → Courses → Upload completion
 * records → Certification completion). Its columns are `username`, `certificationshortname`,
 * `certificationidnumber`, `completiondate` and `duedate`; a row is matched to a certification by short name or
 * id number, and dates use the upload form's date format (we write `YYYY-MM-DD`, its `Y-m-d`). Mapping:
 * username = the learner's email (or collar number, `username=collar-number`); short name = `shortname`
 * (default: the module id); id number = `idnumber` (default empty); completion date = the pass's day;
 * due date = the day it expires (when the certification must be renewed). Only learners who have passed are
 * listed: Totara refuses a row without a completion date. No byte-order mark: Totara reads plain UTF-8.
 */
export async function startTotaraExport(
  deps: { db: Db; catalog: Catalog; now: Date },
  actor: Actor,
  query: {
    module: string;
    shortname?: string | undefined;
    idnumber?: string | undefined;
    username: "email" | "collar-number";
  },
  pageSize = TRANSFER_PAGE,
) {
  const module = moduleOf(deps.catalog, query.module);
  await audit(deps.db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "completions-export",
    details: { module: module.id, format: "totara-certification" },
  });
  const shortname = query.shortname ?? module.id;
  const idnumber = query.idnumber ?? null;
  const row = (r: CompletionExportRow) =>
    csvLine([
      query.username === "email" ? r.email : r.collar_number,
      shortname,
      idnumber,
      day(r.completed_at),
      day(r.expires_at),
    ]);
  return {
    fileName: `totara-certification-${actor.forceId}-${module.id}-${deps.now.toISOString().slice(0, 10)}.csv`,
    body: paged(
      csvLine(["username", "certificationshortname", "certificationidnumber", "completiondate", "duedate"]),
      (after: string | null) =>
        completionPage(deps.db, actor.forceId, module.id, { after, limit: pageSize, completedOnly: true }),
      (r) => r.user_id,
      (rows) => rows.map(row).join(""),
      pageSize,
    ),
  };
}

/**
 * xAPI statements as JSON lines (one statement per line, as `GET /xapi/statements?format=exact` returns them:
 * with `stored`, `authority` and `version`), in stored order: one learner's, or the whole force's. Voided
 * statements and their voiding statements are both included, so the receiving LRS voids them itself.
 */
export async function startStatementsExport(
  deps: { db: Db; now: Date },
  actor: Actor,
  query: { learner?: string | undefined },
  pageSize = TRANSFER_PAGE,
) {
  if (query.learner !== undefined && !(await personOfForce(deps.db, actor.forceId, query.learner))) {
    throw new NotFound("learner");
  }
  await audit(deps.db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "statements-export",
    subject: query.learner ?? null,
    details: { scope: query.learner === undefined ? "force" : "learner" },
  });
  const scope = query.learner === undefined ? actor.forceId : `learner-${query.learner}`;
  return {
    fileName: `xapi-statements-${scope}-${deps.now.toISOString().slice(0, 10)}.jsonl`,
    body: paged(
      "",
      (after: StatementPosition | null) =>
        statementPage(deps.db, actor.forceId, { learner: query.learner, after, limit: pageSize }),
      (r) => ({ storedText: r.stored_text, seq: r.seq }),
      (rows) =>
        rows
          .map((r) => {
            const statement =
              typeof r.statement === "string" ? (JSON.parse(r.statement) as Record<string, unknown>) : r.statement;
            return `${JSON.stringify(exactStatement(statement, new Date(r.stored)))}\n`;
          })
          .join(""),
      pageSize,
    ),
  };
}
