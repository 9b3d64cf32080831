import { AttemptDrawSchema, type AttemptDraw } from "../../shared/api";

/**
 * The questions the server drew for the officer's current attempt at a module's knowledge check, kept in this
 * tab so each question page and the check-answers page show the same set. The server remembers the draw too
 * (starting again answers the same attempt until it is submitted), so losing this costs nothing.
 */
const memory = new Map<string, AttemptDraw>();
const key = (moduleId: string) => `knowledge-check-draw:${moduleId}`;

/** Keeps the draw for a module. */
export function keepDraw(moduleId: string, draw: AttemptDraw) {
  memory.set(moduleId, draw);
  try {
    sessionStorage.setItem(key(moduleId), JSON.stringify(draw));
  } catch {
    // Without storage the draw lasts until the tab reloads; starting again fetches it back.
  }
}

/** The draw kept for a module, or undefined. */
export function readDraw(moduleId: string): AttemptDraw | undefined {
  const held = memory.get(moduleId);
  if (held) return held;
  try {
    const raw = sessionStorage.getItem(key(moduleId));
    if (raw === null) return undefined;
    const parsed = AttemptDrawSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the draw once its answers are submitted. */
export function clearDraw(moduleId: string) {
  memory.delete(moduleId);
  try {
    sessionStorage.removeItem(key(moduleId));
  } catch {
    // Nothing was stored.
  }
}
