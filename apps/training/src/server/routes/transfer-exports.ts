import {
  CompletionsExportQuerySchema,
  StatementsExportQuerySchema,
  TotaraExportQuerySchema,
  transferPaths,
} from "../../shared/transfer-api";
import type { AppDeps } from "../deps";
import { defineRoute } from "../http/route";
import { startCompletionsExport, startStatementsExport, startTotaraExport } from "../trainer/transfer-exports";

const TRAINER = ["trainer", "admin"] as const;

/** Exports for other platforms (issue 19): trainers and admins, their own force; audited before the first byte. */
export function transferExportRoutes(deps: AppDeps) {
  const { db, catalog, now } = deps;
  const download = (
    reply: { header(name: string, value: string): unknown },
    started: { fileName: string; body: NodeJS.ReadableStream },
  ) => {
    reply.header("content-disposition", `attachment; filename="${started.fileName}"`);
    return started.body;
  };
  return [
    defineRoute({
      method: "GET",
      url: transferPaths.completionsCsv,
      summary: "One module's completions as CSV (every learner of the force with a record), streamed; audited",
      tags: ["trainer", "exports"],
      access: TRAINER,
      query: CompletionsExportQuerySchema,
      errors: [404],
      response: { status: 200, schema: null, description: "CSV", contentType: "text/csv; charset=utf-8" },
      handler: async ({ auth, query, reply }) =>
        download(reply, await startCompletionsExport({ db, catalog, now: now() }, auth.user, query)),
    }),
    defineRoute({
      method: "GET",
      url: transferPaths.totaraCsv,
      summary: "One module's passes as Totara's certification completion upload CSV, streamed; audited",
      tags: ["trainer", "exports"],
      access: TRAINER,
      query: TotaraExportQuerySchema,
      errors: [404],
      response: { status: 200, schema: null, description: "CSV", contentType: "text/csv; charset=utf-8" },
      handler: async ({ auth, query, reply }) =>
        download(reply, await startTotaraExport({ db, catalog, now: now() }, auth.user, query)),
    }),
    defineRoute({
      method: "GET",
      url: transferPaths.statementsJsonl,
      summary: "xAPI statements of a learner or of the whole force as JSON lines, in stored order, streamed; audited",
      tags: ["trainer", "exports", "xapi"],
      access: TRAINER,
      query: StatementsExportQuerySchema,
      errors: [404],
      response: {
        status: 200,
        schema: null,
        description: "JSON lines",
        contentType: "application/jsonl; charset=utf-8",
      },
      handler: async ({ auth, query, reply }) =>
        download(reply, await startStatementsExport({ db, now: now() }, auth.user, query)),
    }),
  ];
}
