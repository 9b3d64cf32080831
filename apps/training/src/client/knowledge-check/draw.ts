import type { AttemptDraw } from "../../shared/api";
import { tabStore } from "./tab-store";

/**
 * The questions the server drew for the officer's current attempt at a module's knowledge check, kept in this
 * tab so each question page and the check-answers page show the same set. The server remembers the draw too
 * (starting again answers the same attempt until it is submitted), so losing this costs nothing.
 */
const draws = tabStore("knowledge-check-draw", (contract) => contract.AttemptDrawSchema);

/** Keeps the draw for a module. */
export const keepDraw = (moduleId: string, draw: AttemptDraw) => draws.keep(moduleId, draw);

/** The draw kept for a module, or undefined. */
export const readDraw = (moduleId: string): AttemptDraw | undefined => draws.read(moduleId);

/** Forgets the draw once its answers are submitted. */
export const clearDraw = (moduleId: string) => draws.forget(moduleId);
