import type { AttemptResult } from "../../shared/api";
import { tabStore } from "./tab-store";

/**
 * The scored result the server answered a submission with, kept so the result page shows it at once without
 * asking again; the tab's sessionStorage keeps it across a reload. Elsewhere (another tab, a later visit)
 * the result page reads the attempt from the server.
 */
const results = tabStore("attempt-result", (contract) => contract.AttemptResultSchema);

/** Keeps a scored attempt for its result page. */
export const keepResult = (result: AttemptResult) => results.keep(result.attemptId, result);

/** A scored attempt kept in this tab, or undefined. */
export const readResult = (attemptId: string): AttemptResult | undefined => results.read(attemptId);
