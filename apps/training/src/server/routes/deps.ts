import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { Env } from "../env";

/** What every route module needs. */
export interface AppDeps {
  db: Db;
  catalog: Catalog;
  env: Env;
  now: () => Date;
  /** Whether cookies are marked Secure. */
  secure: boolean;
}
