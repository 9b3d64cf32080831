import { AttemptResultSchema, type AttemptResult } from "../../shared/api";

/**
 * The scored result the server answered a submission with, kept so the result page shows it at once without
 * asking again; the tab's sessionStorage keeps it across a reload. Elsewhere (another tab, a later visit)
 * the result page reads the attempt from the server.
 */
const held = new Map<string, AttemptResult>();
const key = (attemptId: string) => `attempt-result:${attemptId}`;

/** Keeps a scored attempt for its result page. */
export function keepResult(result: AttemptResult) {
  held.set(result.attemptId, result);
  try {
    sessionStorage.setItem(key(result.attemptId), JSON.stringify(result));
  } catch {
    // Without storage the result still shows until the tab reloads.
  }
}

/** A scored attempt kept in this tab, or undefined. */
export function readResult(attemptId: string): AttemptResult | undefined {
  const inMemory = held.get(attemptId);
  if (inMemory) return inMemory;
  try {
    const raw = sessionStorage.getItem(key(attemptId));
    if (raw === null) return undefined;
    const parsed = AttemptResultSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
