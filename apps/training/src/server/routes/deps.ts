import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { Env } from "../env";
import type { StatementIngest } from "../learning/ingest";

/** What every route module needs. */
export interface AppDeps {
  db: Db;
  catalog: Catalog;
  env: Env;
  now: () => Date;
  /** Whether cookies are marked Secure. */
  secure: boolean;
  /** The group-committing writer for client statements. */
  ingest: StatementIngest;
}
