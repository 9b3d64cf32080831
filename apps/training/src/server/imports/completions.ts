import type { Module } from "@stalking-response/curriculum";
import { z } from "zod";
import { moduleActivityId } from "../../shared/api";
import type { CellError, PreviewRow } from "../../shared/import-api";
import { COMPLETION_COLUMNS } from "../../shared/import-api";
import { BoundedDateSchema, visibleText } from "../../shared/text";
import type { Actor } from "../accounts";
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { ImportedPerson } from "../db/imports";
import { completionsOf, forcePeople, storedStatements } from "../db/imports";
import { withLedger } from "../learning/ledger";
import { addMonthsToInstant } from "../learning/projection";
import { serverStatement } from "../learning/record";
import type { NewStatement } from "../learning/statement";
import { derivedUuid } from "../learning/xapi";
import type { CsvRow, ImportPlan } from "./csv-import";
import { applyImport, previewOf, readCsv, rowShapeErrors } from "./csv-import";

/**
 * Completions a force's people earned on another platform (College Learn, its own LMS) before this app (issue
 * 19). Each becomes a `completed` statement in the learner's log, dated on the day it was completed and marked
 * with its source, so it counts in the grid, the learner's list and the evidence view like one earned here, and
 * runs out on the module's renewal rule (validity months from that day). The statement's id is derived from
 * the person, module, day and source, so the same file applied twice stores nothing the second time. An imported
 * completion never replaces a later one the learner already has.
 */

const REQUIRED = ["module", "completion_date", "source"] as const;

const SourceSchema = visibleText(z.string().min(1).max(80, "must be at most 80 characters"));
const ScoreSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d+)?%?$/, "must be a percentage from 0 to 100 (for example 85 or 85%)")
  .transform((text) => Number(text.replace("%", "")))
  .refine((value) => value >= 0 && value <= 100, "must be a percentage from 0 to 100");

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** The module a cell names: its id, or its title (any case). */
function moduleNamed(catalog: Catalog, text: string): Module | undefined {
  const lowered = text.trim().toLowerCase();
  return catalog.module(lowered) ?? catalog.modules.find((module) => module.title.toLowerCase() === lowered);
}

interface Planned {
  row: number;
  person: ImportedPerson;
  module: Module;
  day: string;
  source: string;
  score: number | undefined;
  statementId: string;
}

/** Plans a completions file against the force's people and records as they are now. */
export async function planCompletions(
  db: Db,
  catalog: Catalog,
  actor: Actor,
  input: { file: Buffer; now: Date },
): Promise<ImportPlan> {
  const rows = readCsv(input.file, { known: COMPLETION_COLUMNS, required: REQUIRED });
  const people = await forcePeople(db, actor.forceId);
  const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const byCollar = new Map(
    people.filter((p) => p.collarNumber !== null).map((p) => [p.collarNumber?.toLowerCase(), p]),
  );
  const today = dayOf(input.now);

  const read = (row: CsvRow): { planned?: Planned; errors: CellError[] } => {
    const errors = rowShapeErrors(row);
    const cell = (column: string) => row.values[column] ?? "";
    const collar = cell("collar_number");
    const email = cell("email");
    let person: ImportedPerson | undefined;
    if (collar === "" && email === "") {
      errors.push({
        column: "collar_number",
        reason: "is empty, and so is email; give either to say who completed it",
      });
    } else {
      const byC = collar === "" ? undefined : byCollar.get(collar.toLowerCase());
      const byE = email === "" ? undefined : byEmail.get(email.toLowerCase());
      if (collar !== "" && !byC) errors.push({ column: "collar_number", reason: "names nobody in your force" });
      if (email !== "" && !byE) errors.push({ column: "email", reason: "names nobody in your force" });
      if (byC && byE && byC !== byE) errors.push({ column: "email", reason: "names someone else than collar_number" });
      person = byC ?? byE;
    }
    const module = cell("module") === "" ? undefined : moduleNamed(catalog, cell("module"));
    if (!module) {
      errors.push({
        column: "module",
        reason: cell("module") === "" ? "is empty; give the module's id or title" : "names no module of this course",
      });
    }
    const date = BoundedDateSchema.safeParse(cell("completion_date"));
    if (!date.success) {
      errors.push({
        column: "completion_date",
        reason:
          cell("completion_date") === ""
            ? "is empty; give the day it was completed (YYYY-MM-DD)"
            : `${date.error.issues[0]?.message ?? "is not a date"} (YYYY-MM-DD)`,
      });
    } else if (date.data > today) errors.push({ column: "completion_date", reason: "is in the future" });
    const score = cell("score") === "" ? undefined : ScoreSchema.safeParse(cell("score"));
    if (score && !score.success)
      errors.push({ column: "score", reason: score.error.issues[0]?.message ?? "is not valid" });
    const source = SourceSchema.safeParse(cell("source"));
    if (!source.success) {
      errors.push({
        column: "source",
        reason:
          cell("source") === ""
            ? 'is empty; name the platform (for example "College Learn")'
            : (source.error.issues[0]?.message ?? "is not valid"),
      });
    }
    if (errors.length > 0 || !person || !module || !date.success || !source.success || (score && !score.success)) {
      return { errors };
    }
    return {
      errors,
      planned: {
        row: row.row,
        person,
        module,
        day: date.data,
        source: source.data,
        score: score?.data,
        statementId: derivedUuid("import", actor.forceId, person.id, module.id, date.data, source.data.toLowerCase()),
      },
    };
  };

  const readRows = rows.map((row) => ({ row, ...read(row) }));
  const planned = readRows.flatMap((entry) => (entry.planned ? [entry.planned] : []));
  const [stored, held] = await Promise.all([
    storedStatements(
      db,
      planned.map((entry) => entry.statementId),
    ),
    completionsOf(db, [...new Set(planned.map((entry) => entry.person.id))]),
  ]);
  const heldAt = new Map(held.map((row) => [`${row.userId}|${row.moduleId}`, row.completedAt]));
  // Per person and module, the file's latest completion is the one that can count; same day twice is a mistake.
  const latest = new Map<string, Planned>();
  const sameDay = new Map<string, number>();
  for (const entry of planned) {
    const key = `${entry.person.id}|${entry.module.id}`;
    const current = latest.get(key);
    if (!current || entry.day > current.day) latest.set(key, entry);
  }

  const creates: Planned[] = [];
  const preview = readRows.map(({ row, planned: entry, errors }): PreviewRow => {
    const key = [row.values.collar_number || row.values.email, row.values.module].filter(Boolean).join(" · ");
    if (!entry) return { row: row.row, outcome: "error", key, name: null, changes: [], errors };
    const base = { row: row.row, key, name: entry.person.displayName, errors: [] };
    const dayKey = `${entry.person.id}|${entry.module.id}|${entry.day}`;
    const earlier = sameDay.get(dayKey);
    if (earlier !== undefined) {
      return {
        ...base,
        outcome: "error",
        changes: [],
        errors: [{ column: "completion_date", reason: `is also on row ${earlier} for this person and module` }],
      };
    }
    sameDay.set(dayKey, row.row);
    const scaled = entry.score === undefined ? undefined : entry.score / 100;
    if (stored.has(entry.statementId)) {
      const before = stored.get(entry.statementId) ?? null;
      if ((scaled ?? null) !== before) {
        return {
          ...base,
          outcome: "error",
          changes: [],
          errors: [
            {
              column: "score",
              reason: `differs from the score imported before for this completion (${before === null ? "none" : `${Math.round(before * 100)}%`})`,
            },
          ],
        };
      }
      return { ...base, outcome: "unchanged", changes: [], note: "already imported" };
    }
    const key2 = `${entry.person.id}|${entry.module.id}`;
    const latestRow = latest.get(key2);
    if (latestRow && latestRow !== entry) {
      return {
        ...base,
        outcome: "unchanged",
        changes: [],
        note: `row ${latestRow.row} has a later completion of this module`,
      };
    }
    const completedAt = new Date(`${entry.day}T00:00:00.000Z`);
    const current = heldAt.get(key2) ?? null;
    if (current !== null && current >= completedAt) {
      return {
        ...base,
        outcome: "unchanged",
        changes: [],
        note: `a later completion (${dayOf(current)}) is already recorded`,
      };
    }
    creates.push(entry);
    return {
      ...base,
      outcome: "create",
      changes: [
        { field: "module", from: null, to: entry.module.title },
        { field: "completed", from: current === null ? null : dayOf(current), to: entry.day },
        { field: "valid_until", from: null, to: dayOf(addMonthsToInstant(completedAt, entry.module.validityMonths)) },
        ...(entry.score === undefined ? [] : [{ field: "score", from: null, to: `${entry.score}%` }]),
        { field: "source", from: null, to: entry.source },
      ],
    };
  });

  return {
    rows: preview,
    async apply(tx) {
      const byPerson = new Map<string, Planned[]>();
      for (const entry of creates) byPerson.set(entry.person.id, [...(byPerson.get(entry.person.id) ?? []), entry]);
      for (const entries of byPerson.values()) {
        const person = entries[0]?.person;
        if (!person) continue;
        const learner = { id: person.id, forceId: actor.forceId, unitId: person.unitId, jobRole: person.jobRole };
        // The ledger's own transaction (a savepoint inside the import's): the statement and the projection row
        // are written together, through the same fold as every completion.
        await withLedger(
          tx,
          learner,
          entries.map((entry) => entry.module.id),
          (moduleId) => catalog.module(moduleId)?.validityMonths ?? 12,
          async (ledger) => {
            for (const entry of entries) await ledger.append(importedStatement(learner, entry));
          },
        );
      }
    },
  };
}

function importedStatement(
  learner: { id: string; forceId: string; unitId: string | null; jobRole: string },
  entry: Planned,
): NewStatement {
  const scaled = entry.score === undefined ? undefined : entry.score / 100;
  return serverStatement(learner, {
    id: entry.statementId,
    verb: "completed",
    objectId: moduleActivityId(entry.module.id),
    moduleId: entry.module.id,
    timestamp: new Date(`${entry.day}T00:00:00.000Z`),
    result: { completion: true, success: true, ...(scaled === undefined ? {} : { score: { scaled } }) },
    ...(scaled === undefined ? {} : { scoreScaled: scaled }),
    source: entry.source,
  });
}

/** A dry run of a completions file. */
export async function previewCompletions(db: Db, catalog: Catalog, actor: Actor, input: { file: Buffer; now: Date }) {
  return previewOf("completions", "change-only", input.file, await planCompletions(db, catalog, actor, input));
}

/** Applies a completions file whose preview gave `fingerprint`, in one transaction. */
export function applyCompletions(
  db: Db,
  catalog: Catalog,
  actor: Actor,
  input: { file: Buffer; fingerprint: string; now: Date },
) {
  return applyImport(db, actor, {
    kind: "completions",
    load: "change-only",
    file: input.file,
    fingerprint: input.fingerprint,
    plan: (tx) => planCompletions(tx, catalog, actor, input),
  });
}
