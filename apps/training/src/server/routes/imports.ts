import {
  CompletionsApplyQuerySchema,
  IMPORT_MAX_BYTES,
  ImportPreviewSchema,
  ImportResultSchema,
  PeopleApplyQuerySchema,
  PeoplePreviewQuerySchema,
  importPaths,
} from "../../shared/import-api";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";
import { applyCompletions, previewCompletions } from "../imports/completions";
import { applyPeople, previewPeople } from "../imports/people";

const ADMIN = ["admin"] as const;
const csv = (description: string) => ({ contentType: "text/csv" as const, maxBytes: IMPORT_MAX_BYTES, description });
const PEOPLE_FILE = csv("The people file (columns in the README: Importing people and completions), UTF-8.");
const COMPLETIONS_FILE = csv("The completions file (columns in the README: Importing people and completions), UTF-8.");

/** CSV imports into the admin's own force: a dry run, then the same file applied. */
export function importRoutes(deps: AppDeps) {
  const { db, catalog, now } = deps;
  const file = (body: unknown) => body as Buffer;
  return [
    defineRoute({
      method: "POST",
      url: importPaths.peoplePreview,
      summary: "Preview a people file from HR: every row's outcome; nothing is written",
      tags: ["admin"],
      access: ADMIN,
      query: PeoplePreviewQuerySchema,
      rawBody: PEOPLE_FILE,
      errors: [413, 415],
      response: { status: 200, schema: ImportPreviewSchema, description: "What applying the file would do" },
      handler: ({ auth, query, body }) =>
        previewPeople(db, auth.user, { file: file(body), load: query.load, now: now() }),
    }),
    defineRoute({
      method: "POST",
      url: importPaths.peopleApply,
      summary: "Apply a previewed people file in one transaction (refused if it would now do otherwise)",
      tags: ["admin"],
      access: ADMIN,
      query: PeopleApplyQuerySchema,
      rawBody: PEOPLE_FILE,
      errors: [409, 413, 415],
      response: { status: 200, schema: ImportResultSchema, description: "What was done" },
      handler: ({ auth, query, body }) =>
        applyPeople(db, auth.user, { file: file(body), load: query.load, fingerprint: query.fingerprint, now: now() }),
    }),
    defineRoute({
      method: "POST",
      url: importPaths.completionsPreview,
      summary: "Preview a file of completions from another platform: every row's outcome; nothing is written",
      tags: ["admin"],
      access: ADMIN,
      rawBody: COMPLETIONS_FILE,
      errors: [413, 415],
      response: { status: 200, schema: ImportPreviewSchema, description: "What applying the file would do" },
      handler: ({ auth, body }) => previewCompletions(db, catalog, auth.user, { file: file(body), now: now() }),
    }),
    defineRoute({
      method: "POST",
      url: importPaths.completionsApply,
      summary: "Apply a previewed completions file in one transaction (refused if it would now do otherwise)",
      tags: ["admin"],
      access: ADMIN,
      query: CompletionsApplyQuerySchema,
      rawBody: COMPLETIONS_FILE,
      errors: [409, 413, 415],
      response: { status: 200, schema: ImportResultSchema, description: "What was done" },
      handler: ({ auth, query, body }) =>
        applyCompletions(db, catalog, auth.user, { file: file(body), fingerprint: query.fingerprint, now: now() }),
    }),
  ];
}
