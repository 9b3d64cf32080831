import { z } from "zod";

/**
 * The answers an officer has given so far in one knowledge check, kept in this tab until they submit.
 * The server scores only the submitted set, so nothing here is trusted; sessionStorage just means a
 * page reload does not throw away the answers already given.
 */
const DraftSchema = z.record(z.string(), z.array(z.string()));

/** Question id → the option ids chosen. */
export type Draft = z.infer<typeof DraftSchema>;

const memory = new Map<string, Draft>();
const key = (moduleId: string) => `knowledge-check:${moduleId}`;

/** The answers given so far for a module (empty when none). */
export function readDraft(moduleId: string): Draft {
  const held = memory.get(moduleId);
  if (held) return held;
  try {
    const raw = sessionStorage.getItem(key(moduleId));
    const parsed = DraftSchema.safeParse(raw === null ? {} : JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Records the answer to one question and returns the whole draft. */
export function saveAnswer(moduleId: string, questionId: string, optionIds: string[]): Draft {
  const draft = { ...readDraft(moduleId), [questionId]: optionIds };
  memory.set(moduleId, draft);
  try {
    sessionStorage.setItem(key(moduleId), JSON.stringify(draft));
  } catch {
    // Private browsing can refuse storage; the answers then last until the tab reloads, which is acceptable.
  }
  return draft;
}

/** Forgets the answers once submitted, so a retry after review starts from a clean sheet. */
export function clearDraft(moduleId: string) {
  memory.delete(moduleId);
  try {
    sessionStorage.removeItem(key(moduleId));
  } catch {
    // Nothing was stored.
  }
}
