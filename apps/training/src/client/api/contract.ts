/**
 * The API contract's zod schemas, loaded once as their own chunk. zod and the schemas are a third of the
 * officer's first-load script; loading them beside the first request (the session, started as the app
 * boots) lets the page paint without them while every answer is still checked against the contract.
 */
import type * as ContractSchemas from "./contract-schemas";

export type Contract = typeof ContractSchemas;

let loading: Promise<Contract> | undefined;
let loaded: Contract | undefined;

/** The contract, loading it on first use; a failed load (offline) is tried again on the next call. */
export function loadContract(): Promise<Contract> {
  loading ??= import("./contract-schemas").then(
    (contract) => (loaded = contract),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The contract if it has loaded, for synchronous reads (pages that show data have had it since their first call). */
export function loadedContract(): Contract | undefined {
  return loaded;
}
